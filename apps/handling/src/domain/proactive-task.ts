import { DomainError, type Decider, type ProactiveTaskUnitEvent, ErrorCodes } from '@county/contracts';

/**
 * The units' side of a proactive task (未诉先办): evaluation made the task from a hotspot and
 * routed it to a unit (proactive-task.opened.v1); here that unit works on it like a case. It signs
 * for the task (签收), notes progress and reports the closure, in that order; only the unit the
 * task was routed to may act. The clock (warnings, overdue) belongs to the proactive-task workflow.
 * Stream proactive-task-<taskId> in handling's store, subject the same.
 * Events -> state -> evolve -> commands -> decide.
 */

// events
export type ProactiveWorkEvent = ProactiveTaskUnitEvent;

// state
export type ProactiveWorkState =
  | { readonly status: 'new' }
  | { readonly status: 'signed'; readonly signedAt: string; readonly notes: number }
  | { readonly status: 'closed'; readonly signedAt: string; readonly notes: number; readonly reportedAt: string };

export const initialState: ProactiveWorkState = { status: 'new' };

export function evolve(state: ProactiveWorkState, event: ProactiveWorkEvent): ProactiveWorkState {
  switch (event.type) {
    case 'proactive-task.signed-for.v1':
      return { status: 'signed', signedAt: event.data.signedAt, notes: 0 };
    case 'proactive-task.progress-noted.v1':
      return state.status === 'signed' ? { ...state, notes: state.notes + 1 } : state;
    case 'proactive-task.closure-reported.v1':
      return state.status === 'signed' ? { status: 'closed', signedAt: state.signedAt, notes: state.notes, reportedAt: event.data.reportedAt } : state;
  }
}

// commands
/** What handling knows of the task from evaluation's proactive-task.opened.v1; null: not (yet) known. */
export interface TaskFacts {
  readonly unitCode: string;
  readonly deadline: string;
}

interface Acting {
  readonly taskId: string;
  readonly unitCode: string;
  readonly task: TaskFacts | null;
  readonly now: string;
}
export type SignForTask = Acting & { readonly type: 'SignForTask' };
export type NoteTaskProgress = Acting & { readonly type: 'NoteTaskProgress'; readonly noteId: string };
export type ReportTaskClosure = Acting & { readonly type: 'ReportTaskClosure'; readonly reportId: string };
export type ProactiveWorkCommand = SignForTask | NoteTaskProgress | ReportTaskClosure;

export const proactiveTaskStreamId = (taskId: string) => `proactive-task-${taskId}`;

function actingUnit(command: ProactiveWorkCommand): TaskFacts {
  if (!command.task) throw new DomainError(ErrorCodes.PROACTIVE_TASK_NOT_FOUND, `no proactive task ${command.taskId}`, 'not-found');
  if (command.task.unitCode !== command.unitCode) {
    throw new DomainError(ErrorCodes.PROACTIVE_TASK_NOT_YOUR_TASK, `proactive task ${command.taskId} was routed to ${command.task.unitCode}, not ${command.unitCode}`, 'forbidden');
  }
  return command.task;
}

function signed(state: ProactiveWorkState, command: ProactiveWorkCommand): void {
  if (state.status === 'new') throw new DomainError(ErrorCodes.PROACTIVE_TASK_NOT_SIGNED, `${command.unitCode} has not signed for proactive task ${command.taskId}`, 'conflict');
  if (state.status === 'closed') throw new DomainError(ErrorCodes.PROACTIVE_TASK_CLOSED, `proactive task ${command.taskId} was closed at ${state.reportedAt}`, 'conflict');
}

export function decide(command: ProactiveWorkCommand, state: ProactiveWorkState): ProactiveWorkEvent[] {
  const task = actingUnit(command);
  const { taskId, unitCode, now } = command;
  switch (command.type) {
    case 'SignForTask':
      if (state.status !== 'new') throw new DomainError(ErrorCodes.PROACTIVE_TASK_ALREADY_SIGNED, `${unitCode} signed for proactive task ${taskId} at ${state.signedAt}`, 'conflict');
      return [{ type: 'proactive-task.signed-for.v1', data: { taskId, unitCode, signedAt: now } }];
    case 'NoteTaskProgress':
      signed(state, command);
      return [{ type: 'proactive-task.progress-noted.v1', data: { taskId, unitCode, noteId: command.noteId, notedAt: now } }];
    case 'ReportTaskClosure':
      signed(state, command);
      return [{ type: 'proactive-task.closure-reported.v1', data: { taskId, unitCode, reportId: command.reportId, late: Date.parse(now) > Date.parse(task.deadline), reportedAt: now } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const proactiveWork: Decider<ProactiveWorkCommand, ProactiveWorkEvent, ProactiveWorkState> = { initialState, evolve, decide };
