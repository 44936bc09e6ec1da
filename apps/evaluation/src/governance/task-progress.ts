import type {
  ProactiveTaskClosedData,
  ProactiveTaskClosureReportedData,
  ProactiveTaskOverdueData,
  ProactiveTaskProgressNotedData,
  ProactiveTaskProgressReportedData,
  ProactiveTaskSignedForData,
  ProactiveTaskWarningIssuedData,
} from '@county/contracts';

/**
 * Where a proactive task stands, for the centre, folded from what the other services said about
 * it: the unit's side (handling: signed for, progress noted, closure reported), its clock
 * (case-worker: warnings, overdue) and, on older streams, the progress and closure that units
 * reported through evaluation before handling took that over. Pure: the events come in, in the
 * order consumed.
 */
export type TaskProgressEvent =
  | { type: 'proactive-task.signed-for.v1'; data: ProactiveTaskSignedForData }
  | { type: 'proactive-task.progress-noted.v1'; data: ProactiveTaskProgressNotedData }
  | { type: 'proactive-task.closure-reported.v1'; data: ProactiveTaskClosureReportedData }
  | { type: 'proactive-task.progress-reported.v1'; data: ProactiveTaskProgressReportedData }
  | { type: 'proactive-task.closed.v1'; data: ProactiveTaskClosedData }
  | { type: 'proactive-task.warning-issued.v1'; data: ProactiveTaskWarningIssuedData }
  | { type: 'proactive-task.overdue.v1'; data: ProactiveTaskOverdueData };

export const TASK_PROGRESS_EVENT_TYPES: readonly TaskProgressEvent['type'][] = [
  'proactive-task.signed-for.v1',
  'proactive-task.progress-noted.v1',
  'proactive-task.closure-reported.v1',
  'proactive-task.progress-reported.v1',
  'proactive-task.closed.v1',
  'proactive-task.warning-issued.v1',
  'proactive-task.overdue.v1',
];

export interface TaskProgress {
  /** open: not signed for yet; signed: the unit works on it; closed: its closure report is in. */
  readonly status: 'open' | 'signed' | 'closed';
  readonly signedAt: string | null;
  readonly progressNotes: number;
  readonly lastProgressAt: string | null;
  readonly closedAt: string | null;
  /** Closed after the deadline; null while open. */
  readonly late: boolean | null;
  /** The clock's last warning while open: yellow at 50 %, orange at 75 % of the time. */
  readonly warningLevel: 'yellow' | 'orange' | null;
  /** The task's workflow found it open at its deadline, or it was closed late. */
  readonly overdue: boolean;
}

export const NO_PROGRESS: TaskProgress = { status: 'open', signedAt: null, progressNotes: 0, lastProgressAt: null, closedAt: null, late: null, warningLevel: null, overdue: false };

export function evolveProgress(p: TaskProgress, event: TaskProgressEvent): TaskProgress {
  // nothing changes a closed task: a clock event that arrives after the closure (another topic) included
  if (p.status === 'closed') return p;
  switch (event.type) {
    case 'proactive-task.signed-for.v1':
      return { ...p, status: 'signed', signedAt: event.data.signedAt };
    case 'proactive-task.progress-noted.v1':
      return { ...p, progressNotes: p.progressNotes + 1, lastProgressAt: event.data.notedAt };
    case 'proactive-task.progress-reported.v1':
      return { ...p, progressNotes: p.progressNotes + 1, lastProgressAt: event.data.reportedAt };
    case 'proactive-task.closure-reported.v1':
      return { ...p, status: 'closed', closedAt: event.data.reportedAt, late: event.data.late, overdue: event.data.late };
    case 'proactive-task.closed.v1':
      return { ...p, status: 'closed', closedAt: event.data.closedAt, late: event.data.late, overdue: event.data.late };
    case 'proactive-task.warning-issued.v1':
      return { ...p, warningLevel: p.warningLevel === 'orange' ? 'orange' : event.data.level };
    case 'proactive-task.overdue.v1':
      return { ...p, overdue: true };
  }
}

export const progressOf = (events: readonly TaskProgressEvent[]): TaskProgress => events.reduce(evolveProgress, NO_PROGRESS);
