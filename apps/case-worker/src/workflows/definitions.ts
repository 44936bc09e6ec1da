/**
 * Signals, queries and search attributes of CaseWorkflow: safe to import from workflow code,
 * from the Kafka bridge and from tests.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { CaseClock, CaseStatus } from '@county/contracts';

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

/** A lifecycle event of the case, as the workflow needs it: no personal data. */
export interface CaseSignal {
  readonly eventId: string;
  /** The correlation id of the event (the request that started it all); absent in signals sent before it was passed on. */
  readonly correlationId?: string;
  readonly type: string;
  readonly time: string;
  readonly facts: CaseSignalFacts;
  /** What this event says beyond the case's facts (absent in signals sent before the clocks existed). */
  readonly about?: SignalDetails;
}

/** The non-personal details of one lifecycle event (never free text: reasons and notes stay out of Temporal). */
export interface SignalDetails {
  /** The unit the event is about (signed for, asked for a transfer, reopened for ...). */
  readonly unitCode?: string;
  /** The business instant of the event (dispatchedAt, signedAt, reviewedAt ...); the event time when absent. */
  readonly at?: string;
  /** case.extension-approved.v1 */
  readonly extraWorkingDays?: number;
  /** whistle.* */
  readonly whistleId?: string;
  readonly calledDepartmentCodes?: readonly string[];
  readonly departmentCode?: string;
  readonly urgency?: string;
}

/** The non-personal facts an event tells the workflow (the case's classification, channel, place and responsible unit). */
export interface CaseSignalFacts {
  readonly categoryCode?: string;
  readonly urgency?: string;
  readonly channel?: string;
  readonly townshipCode?: string;
  readonly responsibleUnitCode?: string;
}

export interface CaseWorkflowInput {
  readonly caseId: string;
}

/** Where the case stands, as the ops staff filter on it (search attribute CaseStatus): the platform's one vocabulary of case statuses. */
export type { CaseStatus } from '@county/contracts';

/** The warning light of a case (search attribute WarningLevel): the worst of its running clocks. */
export type WarningLight = 'none' | 'yellow' | 'orange' | 'red' | 'supervised';

/** One clock of the case as the `clocks` query shows it. */
export interface ClockView {
  readonly clock: CaseClock;
  readonly unitCode?: string;
  readonly startedAt: string;
  readonly deadline: string;
  /** running: ticking; paused: stopped by an approved pause; met: done in time or late; stopped: no longer relevant. */
  readonly state: 'running' | 'paused' | 'met' | 'stopped' | 'expired';
  readonly light: WarningLight;
  readonly overdue: boolean;
  /** What this clock does next and when, while it runs. */
  readonly next?: { readonly stage: string; readonly at: string };
  /** The steps already taken (yellow, orange, overdue, reminder, supervision). */
  readonly fired: readonly string[];
}

/** An open whistle of the case, as the `clocks` query shows it. */
export interface WhistleView {
  readonly whistleId: string;
  readonly workflowId: string;
  readonly calledDepartmentCodes: readonly string[];
}

export interface CaseClocks {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly clocks: readonly ClockView[];
  readonly whistles: readonly WhistleView[];
}

export interface CaseView {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly facts: CaseSignalFacts;
  readonly eventsSeen: number;
}

export const caseEventSignal = defineSignal<[CaseSignal]>('caseEvent');
export const caseViewQuery = defineQuery<CaseView>('caseView');
/** The case's clocks: deadlines, what each does next, what it did. */
export const clocksQuery = defineQuery<CaseClocks>('clocks');

/** The patch that turned the status-only workflow into the one with clocks (histories before it replay the old path). */
export const CLOCKS_PATCH = 'case-clocks-v1';

/**
 * The patch that gives every run of a clock ids of its own: a clock started again (after a reopen,
 * for a new unit after a transfer) announces its deadline and its steps even where the instants
 * equal an earlier run's. Before it, such a run's events got the earlier run's ids and were dropped.
 */
export const CLOCK_RUNS_PATCH = 'case-clock-runs-v1';

/**
 * From this patch on, a lifecycle step plans all its clocks in one local activity and the case
 * workflow announces what it decided in a local activity too (inside the workflow task, instead of
 * an activity task and a second workflow task). Cases started before it keep the old path.
 */
export const STEP_IN_ONE_TASK_PATCH = 'case-step-in-one-task-v1';

/**
 * From this patch on, a case workflow costs the Temporal server less per lifecycle step: its one
 * marker stands for every patch above (a case started with it takes all their paths, so it records
 * one patch marker and one TemporalChangeVersion upsert instead of two or three); it upserts its
 * search attributes and current details once per workflow task, when it is about to wait, and only
 * when a value changed; it announces what the task decided in one local activity (in the order
 * decided, each event with its own cause), before a whistle is started or signalled and before it
 * waits; and it keeps the timer of its next step when a signal leaves that instant as it was,
 * instead of cancelling it and starting an equal one. Cases started before it keep their paths.
 */
export const ECONOMY_PATCH = 'case-economy-v1';

export const WHISTLE_WORKFLOW_TYPE = 'whistleWorkflow';

/** The patch that announces a whistle's answer deadline and warns the departments that have not answered (histories before it wait for the deadline alone). */
export const WHISTLE_ANSWER_CLOCK_PATCH = 'whistle-answer-clock-v1';

export function whistleWorkflowId(whistleId: string): string {
  return `whistle-${whistleId}`;
}

export interface WhistleWorkflowInput {
  readonly caseId: string;
  readonly whistleId: string;
  /** The whistle.blown.v1 event (causation of what the whistle's clock announces). */
  readonly blownEventId: string;
  /** Its correlation id (absent in whistles started before it was passed on). */
  readonly correlationId?: string;
  readonly calledDepartmentCodes: readonly string[];
  readonly urgency?: string;
  readonly blownAt: string;
  readonly categoryCode?: string;
  readonly townshipCode?: string;
}

/** A called department answered (响应) or reported on site (报到), which also answers. */
export interface WhistleAnswer {
  readonly eventId: string;
  readonly departmentCode: string;
  readonly at: string;
}

export interface WhistleState {
  readonly whistleId: string;
  readonly deadline?: string;
  readonly answered: readonly string[];
  readonly escalated: readonly string[];
  readonly waitingFor: readonly string[];
}

export const whistleAnswerSignal = defineSignal<[WhistleAnswer]>('whistleAnswer');
export const whistleViewQuery = defineQuery<WhistleState>('whistle');

export const SA = {
  status: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  category: defineSearchAttributeKey('CaseCategory', SearchAttributeType.KEYWORD),
  urgency: defineSearchAttributeKey('CaseUrgency', SearchAttributeType.KEYWORD),
  channel: defineSearchAttributeKey('CaseChannel', SearchAttributeType.KEYWORD),
  township: defineSearchAttributeKey('Township', SearchAttributeType.KEYWORD),
  responsibleUnit: defineSearchAttributeKey('ResponsibleUnit', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL),
  warningLevel: defineSearchAttributeKey('WarningLevel', SearchAttributeType.KEYWORD),
} as const;
