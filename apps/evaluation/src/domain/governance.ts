import {
  ErrorCodes,
  DomainError,
  type Decider,
  type HotspotDetectedData,
  type MonthlyTopicChosenData,
  type ProactiveTaskClosedData,
  type ProactiveTaskOpenedData,
  type ProactiveTaskProgressReportedData,
} from '@county/contracts';
import type { RoutingOutcome } from '@county/rules';
import { monthsBefore } from './hot-issues';

/**
 * Governance before the call (未诉先办):
 * - a PROACTIVE TASK is made from a detected hotspot, routed by the responsibility list to the
 *   unit responsible for its category and place, with its own deadline. One task per hotspot.
 *   The unit's side (sign for, progress, closure report) is handling's, the clock case-worker's;
 *   older streams still hold the progress and closure that units once reported here.
 * - ONE TOPIC A MONTH (每月一题): the centre picks a recurring problem (category and place) for a
 *   month; its trend (volume, repeat appeals, satisfaction) is followed in the months after,
 *   against the months before.
 */

// ---- proactive tasks ----

export type ProactiveTaskEvent =
  | { type: 'proactive-task.opened.v1'; data: ProactiveTaskOpenedData }
  | { type: 'proactive-task.progress-reported.v1'; data: ProactiveTaskProgressReportedData }
  | { type: 'proactive-task.closed.v1'; data: ProactiveTaskClosedData };

interface TaskOf<S extends 'open' | 'closed'> {
  readonly status: S;
  readonly task: ProactiveTaskOpenedData;
  readonly reports: number;
}
export type ProactiveTaskState = { readonly status: 'none' } | TaskOf<'open'> | TaskOf<'closed'>;

export type OpenTask = {
  type: 'OpenTask';
  taskId: string;
  hotspotId: string;
  hotspot: HotspotDetectedData;
  townshipCode: string | null;
  routing: RoutingOutcome;
  deadline: string;
  openedBy: string;
  now: string;
};
export type ProactiveTaskCommand = OpenTask;

/** The stream (and subject) of the task made from a hotspot: one task per hotspot. */
export const proactiveTaskStreamId = (taskId: string) => `proactive-task-${taskId}`;
export const taskIdOfHotspot = (hotspotId: string) => hotspotId.replace(/^hotspot-/, '');

export const proactiveTask: Decider<ProactiveTaskCommand, ProactiveTaskEvent, ProactiveTaskState> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'proactive-task.opened.v1':
        return { status: 'open', task: event.data, reports: 0 };
      case 'proactive-task.progress-reported.v1':
        return state.status === 'none' ? state : { ...state, reports: state.reports + 1 };
      case 'proactive-task.closed.v1':
        return state.status === 'none' ? state : { status: 'closed', task: state.task, reports: state.reports + 1 };
    }
  },
  // opening is the one command here: the unit's side is handling's
  decide(command, state) {
    if (state.status !== 'none') throw new DomainError(ErrorCodes.TASK_EXISTS, `the hotspot ${command.hotspotId} is already the task ${command.taskId}`, 'conflict');
    if (command.routing.kind !== 'routed') throw new DomainError(ErrorCodes.TASK_NO_RESPONSIBLE_UNIT, `the responsibility list names no unit for the hotspot: ${command.routing.reason}`, 'unprocessable');
    const h = command.hotspot;
    return [
      {
        type: 'proactive-task.opened.v1',
        data: {
          taskId: command.taskId,
          hotspotId: command.hotspotId,
          categoryCode: h.categoryCode,
          placeKind: h.placeKind,
          placeCode: h.placeCode,
          townshipCode: command.townshipCode,
          period: h.period,
          unitCode: command.routing.primaryUnitCode,
          cooperatingUnitCodes: command.routing.cooperatingUnitCodes,
          listItemId: command.routing.item.id,
          listVersion: command.routing.basis.kind === 'list' ? (command.routing.basis.listVersion ?? 1) : 1,
          linkedCaseIds: [...h.caseIds].sort(),
          deadline: command.deadline,
          openedBy: command.openedBy,
          openedAt: command.now,
        },
      },
    ];
  },
};

// ---- one topic a month ----

export type MonthlyTopicEvent = { type: 'monthly-topic.chosen.v1'; data: MonthlyTopicChosenData };
export type MonthlyTopicState = { readonly status: 'none' } | { readonly status: 'chosen'; readonly topic: MonthlyTopicChosenData };
export type ChooseTopic = { type: 'ChooseTopic'; topic: MonthlyTopicChosenData };

/** One topic per month, category and place: its id says which. */
export const monthlyTopicId = (month: string, categoryCode: string, placeCode: string | null) => `${month}-${categoryCode}-${placeCode ?? 'county'}`;
export const monthlyTopicStreamId = (topicId: string) => `monthly-topic-${topicId}`;

export const monthlyTopic: Decider<ChooseTopic, MonthlyTopicEvent, MonthlyTopicState> = {
  initialState: { status: 'none' },
  evolve: (_state, event) => ({ status: 'chosen', topic: event.data }),
  decide(command, state) {
    if (state.status === 'chosen') throw new DomainError(ErrorCodes.TOPIC_EXISTS, `the topic ${command.topic.topicId} was already chosen`, 'conflict');
    if ((command.topic.placeKind === 'county') !== (command.topic.placeCode === null)) {
      throw new DomainError(ErrorCodes.TOPIC_INVALID_PLACE, 'placeCode names the township, community or grid, and is absent for the whole county', 'invalid', { field: 'placeCode' });
    }
    return [{ type: 'monthly-topic.chosen.v1', data: command.topic }];
  },
};

export interface MonthFigures {
  readonly month: string;
  /** Months from the topic's month: -2, -1, 0, 1, ... */
  readonly offset: number;
  /** Cases received of the category in the place (merged-away cases excluded). */
  readonly volume: number;
  /** Repeat appeals recorded in the month on those cases. */
  readonly repeatAppeals: number;
  /** Residents reached on a return visit in the month for those cases, and how many were satisfied. */
  readonly reached: number;
  readonly satisfied: number;
  readonly satisfactionRate: number | null;
}

export interface Trend {
  readonly months: readonly MonthFigures[];
  /** Means over the months before the topic's month and over the months after it. */
  readonly before: { readonly volume: number | null; readonly repeatAppeals: number | null; readonly satisfactionRate: number | null };
  readonly after: { readonly volume: number | null; readonly repeatAppeals: number | null; readonly satisfactionRate: number | null };
  /** (after - before) / before for volume and repeat appeals; after - before for the satisfaction rate; null without data. */
  readonly change: { readonly volume: number | null; readonly repeatAppeals: number | null; readonly satisfactionRate: number | null };
}

/** The months of a topic's trend: `before` months before it, the month itself, `after` months after it. */
export function trendMonths(month: string, before: number, after: number): { month: string; offset: number }[] {
  const [y, m] = month.split('-').map(Number);
  const out = monthsBefore(month, before).map((x, i) => ({ month: x, offset: i - before }));
  out.push({ month, offset: 0 });
  for (let i = 1; i <= after; i++) out.push({ month: new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7), offset: i });
  return out;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const rateOf = (rows: readonly MonthFigures[]) => {
  const reached = rows.reduce((s, r) => s + r.reached, 0);
  return reached ? rows.reduce((s, r) => s + r.satisfied, 0) / reached : null;
};

/**
 * The trend of a topic from its monthly figures: before = the months before the topic's month,
 * after = the months after it (the topic's own month is in neither). Volume and repeat appeals:
 * monthly means, change relative; satisfaction: pooled rate (satisfied / reached), change in points.
 */
export function trendOf(months: readonly MonthFigures[]): Trend {
  const pre = months.filter((m) => m.offset < 0);
  const post = months.filter((m) => m.offset > 0);
  const side = (rows: readonly MonthFigures[]) => ({ volume: mean(rows.map((r) => r.volume)), repeatAppeals: mean(rows.map((r) => r.repeatAppeals)), satisfactionRate: rateOf(rows) });
  const before = side(pre);
  const after = side(post);
  const rel = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : (a - b) / b);
  return {
    months,
    before,
    after,
    change: {
      volume: rel(after.volume, before.volume),
      repeatAppeals: rel(after.repeatAppeals, before.repeatAppeals),
      satisfactionRate: after.satisfactionRate === null || before.satisfactionRate === null ? null : after.satisfactionRate - before.satisfactionRate,
    },
  };
}
