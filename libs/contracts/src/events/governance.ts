import { dateTime, defineEvent, str, unitCode } from './schema';

/**
 * Governance before the call (未诉先办), produced by evaluation (topic county.evaluation.events):
 * proactive tasks made from detected hotspots, and the month's chosen topics (每月一题).
 * No personal data: the units' progress and closure texts stay in evaluation's own tables;
 * the events carry only codes, counts, times and the ids of the linked cases.
 */

export interface ProactiveTaskOpenedData {
  readonly taskId: string;
  /** The stream (and subject) of the hotspot.detected.v1 the task was made from. */
  readonly hotspotId: string;
  readonly categoryCode: string;
  readonly placeKind: 'grid' | 'community';
  readonly placeCode: string;
  readonly townshipCode: string | null;
  /** The month of the hotspot, YYYY-MM. */
  readonly period: string;
  /** Routed by the responsibility list, as a case of that category and place would be. */
  readonly unitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  readonly listItemId: string;
  readonly listVersion: number;
  /** The cases behind the hotspot. */
  readonly linkedCaseIds: readonly string[];
  /** The task's own clock: the handling limit of the category's deadline policy, from opening. */
  readonly deadline: string;
  readonly openedBy: string;
  readonly openedAt: string;
}

export interface ProactiveTaskProgressReportedData {
  readonly taskId: string;
  readonly unitCode: string;
  /** The id of the report's text, kept by evaluation. */
  readonly reportId: string;
  readonly reportedAt: string;
}

export interface ProactiveTaskClosedData {
  readonly taskId: string;
  readonly unitCode: string;
  readonly reportId: string;
  /** Closed after the task's deadline. */
  readonly late: boolean;
  readonly closedAt: string;
}

export interface MonthlyTopicChosenData {
  readonly topicId: string;
  /** The month the topic is worked on, YYYY-MM. */
  readonly month: string;
  readonly categoryCode: string;
  readonly placeKind: 'county' | 'township' | 'community' | 'grid';
  /** Null for the whole county. */
  readonly placeCode: string | null;
  readonly chosenBy: string;
  readonly chosenAt: string;
}

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
      hotspotId: str,
      categoryCode: str,
      placeKind: { enum: ['grid', 'community'] },
      placeCode: str,
      townshipCode: { anyOf: [{ type: 'null' }, str] },
      period: month,
      unitCode,
      cooperatingUnitCodes: { type: 'array', items: unitCode },
      listItemId: str,
      listVersion: { type: 'integer', minimum: 1 },
      linkedCaseIds: { type: 'array', items: str },
      deadline: dateTime,
      openedBy: unitCode,
      openedAt: dateTime,
    },
  },
});

export const ProactiveTaskProgressReported = defineEvent({
  type: 'proactive-task.progress-reported.v1',
  source: 'evaluation',
  summary: 'The responsible unit reported progress on a proactive task (the text stays in evaluation). Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'reportId', 'reportedAt'],
    properties: { taskId: str, unitCode, reportId: str, reportedAt: dateTime },
  },
});

export const ProactiveTaskClosed = defineEvent({
  type: 'proactive-task.closed.v1',
  source: 'evaluation',
  summary: 'The responsible unit closed a proactive task with its closure report (the text stays in evaluation). Subject: proactive-task-<taskId>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'unitCode', 'reportId', 'late', 'closedAt'],
    properties: { taskId: str, unitCode, reportId: str, late: { type: 'boolean' }, closedAt: dateTime },
  },
});

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
      month,
      categoryCode: str,
      placeKind: { enum: ['county', 'township', 'community', 'grid'] },
      placeCode: { anyOf: [{ type: 'null' }, str] },
      chosenBy: unitCode,
      chosenAt: dateTime,
    },
  },
});

export type GovernanceEvent =
  | { type: typeof ProactiveTaskOpened.type; data: ProactiveTaskOpenedData }
  | { type: typeof ProactiveTaskProgressReported.type; data: ProactiveTaskProgressReportedData }
  | { type: typeof ProactiveTaskClosed.type; data: ProactiveTaskClosedData }
  | { type: typeof MonthlyTopicChosen.type; data: MonthlyTopicChosenData };

export const GOVERNANCE_EVENTS = [ProactiveTaskOpened, ProactiveTaskProgressReported, ProactiveTaskClosed, MonthlyTopicChosen];
