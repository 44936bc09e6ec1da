import { dateTime, defineEvent, str, unitCode, type EventData, type EventOf } from './schema';

/**
 * Governance before the call (未诉先办): proactive tasks made from detected hotspots, and the
 * month's chosen topics (每月一题).
 * - evaluation (topic county.evaluation.events) detects hotspots, opens a task from one and
 *   records the month's topics;
 * - handling (county.handling.events) is the units' side: the responsible unit signs for the
 *   task, notes progress and reports its closure;
 * - case-worker (county.case-worker.events) runs the task's clock: warnings and overdue.
 * No personal data: the units' progress and closure texts stay in handling's own tables; the
 * events carry only codes, counts, times and the ids of the linked cases.
 */

const month = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' } as const;

export const ProactiveTaskOpened = defineEvent({
  type: 'proactive-task.opened.v1',
  source: 'evaluation',
  summary: 'A detected hotspot became a proactive task (未诉先办) of the unit the responsibility list names for its category and place. Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'hotspotId', 'categoryCode', 'placeKind', 'placeCode', 'townshipCode', 'period', 'unitCode', 'cooperatingUnitCodes', 'listItemId', 'listVersion', 'linkedCaseIds', 'deadline', 'openedBy', 'openedAt'],
    properties: {
      taskId: str,
      /** The stream (and subject) of the hotspot.detected.v1 the task was made from. */
      hotspotId: str,
      categoryCode: str,
      placeKind: { enum: ['grid', 'community'] },
      placeCode: str,
      townshipCode: { anyOf: [{ type: 'null' }, str] },
      /** The month of the hotspot, YYYY-MM. */
      period: month,
      /** Routed by the responsibility list, as a case of that category and place would be. */
      unitCode,
      cooperatingUnitCodes: { type: 'array', items: unitCode },
      listItemId: str,
      listVersion: { type: 'integer', minimum: 1 },
      /** The cases behind the hotspot. */
      linkedCaseIds: { type: 'array', items: str },
      /** The task's own clock: the handling limit of the category's deadline policy, from opening. */
      deadline: dateTime,
      openedBy: unitCode,
      openedAt: dateTime,
    },
  },
});
export type ProactiveTaskOpenedData = EventData<typeof ProactiveTaskOpened>;

export const ProactiveTaskProgressReported = defineEvent({
  type: 'proactive-task.progress-reported.v1',
  source: 'evaluation',
  summary: 'Older streams only: progress reported through evaluation, before the units\' side moved to handling (now proactive-task.progress-noted.v1). Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'reportId', 'reportedAt'],
    properties: {
      taskId: str,
      unitCode,
      /** The id of the report's text, kept by evaluation. */
      reportId: str,
      reportedAt: dateTime,
    },
  },
});
export type ProactiveTaskProgressReportedData = EventData<typeof ProactiveTaskProgressReported>;

export const ProactiveTaskClosed = defineEvent({
  type: 'proactive-task.closed.v1',
  source: 'evaluation',
  summary: 'Older streams only: a closure reported through evaluation, before the units\' side moved to handling (now proactive-task.closure-reported.v1). Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'reportId', 'late', 'closedAt'],
    properties: {
      taskId: str,
      unitCode,
      reportId: str,
      /** Closed after the task's deadline. */
      late: { type: 'boolean' },
      closedAt: dateTime,
    },
  },
});
export type ProactiveTaskClosedData = EventData<typeof ProactiveTaskClosed>;

export const MonthlyTopicChosen = defineEvent({
  type: 'monthly-topic.chosen.v1',
  source: 'evaluation',
  summary: "The centre chose one of the month's recurring problems as a topic (每月一题); its trend is followed in the months after. Subject: monthly-topic-<topicId>.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['topicId', 'month', 'categoryCode', 'placeKind', 'placeCode', 'chosenBy', 'chosenAt'],
    properties: {
      topicId: str,
      /** The month the topic is worked on, YYYY-MM. */
      month,
      categoryCode: str,
      placeKind: { enum: ['county', 'township', 'community', 'grid'] },
      /** Null for the whole county. */
      placeCode: { anyOf: [{ type: 'null' }, str] },
      chosenBy: unitCode,
      chosenAt: dateTime,
    },
  },
});
export type MonthlyTopicChosenData = EventData<typeof MonthlyTopicChosen>;

/** The units' side of a proactive task, produced by handling. */
export const ProactiveTaskSignedFor = defineEvent({
  type: 'proactive-task.signed-for.v1',
  source: 'handling',
  summary: 'The responsible unit signed for a proactive task (签收), as it does for a case. Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'signedAt'],
    properties: { taskId: str, unitCode, signedAt: dateTime },
  },
});
export type ProactiveTaskSignedForData = EventData<typeof ProactiveTaskSignedFor>;

export const ProactiveTaskProgressNoted = defineEvent({
  type: 'proactive-task.progress-noted.v1',
  source: 'handling',
  summary: 'The responsible unit noted progress on a proactive task (the text stays in handling). Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'noteId', 'notedAt'],
    properties: {
      taskId: str,
      unitCode,
      /** The id of the note's text, kept by handling. */
      noteId: str,
      notedAt: dateTime,
    },
  },
});
export type ProactiveTaskProgressNotedData = EventData<typeof ProactiveTaskProgressNoted>;

export const ProactiveTaskClosureReported = defineEvent({
  type: 'proactive-task.closure-reported.v1',
  source: 'handling',
  summary: 'The responsible unit closed a proactive task with its closure report (the text stays in handling); late when after the deadline. Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'reportId', 'late', 'reportedAt'],
    properties: {
      taskId: str,
      unitCode,
      /** The id of the closure report's text, kept by handling. */
      reportId: str,
      /** Reported after the task's deadline. */
      late: { type: 'boolean' },
      reportedAt: dateTime,
    },
  },
});
export type ProactiveTaskClosureReportedData = EventData<typeof ProactiveTaskClosureReported>;

/** The task's clock, produced by case-worker's proactive-task workflow. */
export const ProactiveTaskWarningIssued = defineEvent({
  type: 'proactive-task.warning-issued.v1',
  source: 'case-worker',
  summary: "A share of a proactive task's time has passed and it is not closed (预警): yellow at 50 % to the handler, orange at 75 % also to the unit's leader. Subject: proactive-task-<taskId>.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'level', 'fraction', 'notify', 'deadline'],
    properties: {
      taskId: str,
      unitCode,
      level: { enum: ['yellow', 'orange'] },
      fraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      notify: { type: 'array', minItems: 1, items: { enum: ['handler', 'unit-leader'] } },
      deadline: dateTime,
    },
  },
});
export type ProactiveTaskWarningIssuedData = EventData<typeof ProactiveTaskWarningIssued>;

export const ProactiveTaskOverdue = defineEvent({
  type: 'proactive-task.overdue.v1',
  source: 'case-worker',
  summary: 'A proactive task was not closed by its deadline (超期). Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'deadline'],
    properties: { taskId: str, unitCode, deadline: dateTime },
  },
});
export type ProactiveTaskOverdueData = EventData<typeof ProactiveTaskOverdue>;

export const GOVERNANCE_EVENTS = [
  ProactiveTaskOpened,
  ProactiveTaskProgressReported,
  ProactiveTaskClosed,
  MonthlyTopicChosen,
  ProactiveTaskSignedFor,
  ProactiveTaskProgressNoted,
  ProactiveTaskClosureReported,
  ProactiveTaskWarningIssued,
  ProactiveTaskOverdue,
];

/** What handling's proactive-task streams hold. */
export type ProactiveTaskUnitEvent = EventOf<typeof ProactiveTaskSignedFor | typeof ProactiveTaskProgressNoted | typeof ProactiveTaskClosureReported>;

/** What the proactive-task workflow announces. */
export type ProactiveTaskClockEvent = EventOf<typeof ProactiveTaskWarningIssued | typeof ProactiveTaskOverdue>;

export type GovernanceEvent = EventOf<(typeof GOVERNANCE_EVENTS)[number]>;
