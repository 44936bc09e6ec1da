/**
 * Signal, query and input of ProactiveTaskWorkflow: safe to import from workflow code, from the
 * Kafka bridge and from tests.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';

export const PROACTIVE_TASK_WORKFLOW_TYPE = 'proactiveTaskWorkflow';

/** The workflow of a task shares its id with the task's stream and subject: proactive-task-<taskId>. */
export function proactiveTaskWorkflowId(taskId: string): string {
  return `proactive-task-${taskId}`;
}

export interface ProactiveTaskWorkflowInput {
  readonly taskId: string;
}

/** What the task's clock needs of proactive-task.opened.v1 (codes and instants only). */
export interface TaskOpening {
  readonly unitCode: string;
  readonly categoryCode: string;
  readonly townshipCode?: string;
  readonly openedAt: string;
  /** The deadline evaluation decided and recorded in the event. */
  readonly deadline: string;
}

/** An event of the task, as the workflow needs it: no personal data, no texts. */
export interface TaskSignal {
  readonly eventId: string;
  readonly correlationId?: string;
  readonly type: 'proactive-task.opened.v1' | 'proactive-task.signed-for.v1' | 'proactive-task.closure-reported.v1';
  /** The business instant (openedAt, signedAt, reportedAt). */
  readonly at: string;
  /** proactive-task.opened.v1 only. */
  readonly opening?: TaskOpening;
}

export interface ProactiveTaskClock {
  readonly taskId: string;
  /** waiting: the opening has not arrived yet (a later event came first); running: ticking; met: closed in time; late: closed after the deadline. */
  readonly state: 'waiting' | 'running' | 'met' | 'late';
  readonly unitCode?: string;
  readonly deadline?: string;
  readonly signedAt?: string;
  readonly closedAt?: string;
  readonly light: 'none' | 'yellow' | 'orange' | 'red';
  readonly overdue: boolean;
  /** The steps taken: yellow, orange, overdue. */
  readonly fired: readonly string[];
}

export const taskEventSignal = defineSignal<[TaskSignal]>('taskEvent');
export const taskClockQuery = defineQuery<ProactiveTaskClock>('taskClock');
