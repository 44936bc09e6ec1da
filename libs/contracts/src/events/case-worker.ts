import { dateTime, defineEvent, str, unitCode, type EventData, type EventOf, type Payload } from './schema';

/**
 * Events produced by case-worker, the case workflow's voice on Kafka (topic county.case-worker.events).
 * They say what time did to a case: a deadline set or moved, a warning, an overdue case, a reminder,
 * supervision, a whistle's answer deadline, its warnings and an unanswered whistle. Ids are derived
 * from the workflow, the clock and its run, the step and the deadline, so a retried or replayed step
 * never publishes twice and a clock started again publishes its own.
 */

/** The clocks of a case (docs/domain.md, "Deadlines, warnings, supervision"). */
export const CASE_CLOCKS = ['sign-for', 'first-contact', 'handling', 'transfer-window', 'review', 'return-visit'] as const;
export type CaseClock = (typeof CASE_CLOCKS)[number];

const clock = { enum: [...CASE_CLOCKS] } as const;
const warningLevel = { enum: ['yellow', 'orange'] } as const;
export type CaseWarningLevel = Payload<typeof warningLevel>;
const notify = { type: 'array', minItems: 1, items: { enum: ['handler', 'unit-leader'] } } as const;
export type CaseWarningNotify = Payload<typeof notify>[number];

export const CaseDeadlineSet = defineEvent({
  type: 'case.deadline-set.v1',
  source: 'case-worker',
  summary: 'A clock of a case was started or moved: the deadline by which the unit (or the centre) must act.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'clock', 'deadline'],
    properties: { caseId: str, clock, unitCode, deadline: dateTime },
  },
});
export type CaseDeadlineSetData = EventData<typeof CaseDeadlineSet>;

export const CaseWarningIssued = defineEvent({
  type: 'case.warning-issued.v1',
  source: 'case-worker',
  summary: 'A share of the time to a deadline has passed (预警): yellow at 50 % to the handler, orange at 75 % also to the unit leader.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'clock', 'level', 'fraction', 'notify', 'deadline'],
    properties: {
      caseId: str,
      clock,
      level: warningLevel,
      fraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      notify,
      deadline: dateTime,
      unitCode,
    },
  },
});
export type CaseWarningIssuedData = EventData<typeof CaseWarningIssued>;

export const CaseOverdue = defineEvent({
  type: 'case.overdue.v1',
  source: 'case-worker',
  summary: 'A deadline of a case passed with nothing done (超期, red light).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'clock', 'deadline'],
    properties: { caseId: str, clock, unitCode, deadline: dateTime },
  },
});
export type CaseOverdueData = EventData<typeof CaseOverdue>;

export const CaseReminderIssued = defineEvent({
  type: 'case.reminder-issued.v1',
  source: 'case-worker',
  summary: 'An overdue case is still open the next working day: a reminder notice (催办通知书) to the unit, copied to its leader.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'clock'],
    properties: { caseId: str, clock, unitCode },
  },
});
export type CaseReminderIssuedData = EventData<typeof CaseReminderIssued>;

export const CaseSupervisionStarted = defineEvent({
  type: 'case.supervision-started.v1',
  source: 'case-worker',
  summary: 'An overdue case is still open after the reminder period: the level above supervises it (督办).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'clock', 'supervisingUnitCode'],
    properties: { caseId: str, clock, unitCode, supervisingUnitCode: unitCode },
  },
});
export type CaseSupervisionStartedData = EventData<typeof CaseSupervisionStarted>;

/**
 * The answer clock of a whistle (吹哨) is not a clock of the case: it runs for each called county
 * department, not for the case's unit, so it has events of its own rather than a new value of
 * `clock` in case.deadline-set.v1 (a consumer that reads every case.deadline-set.v1 as a deadline of
 * the case's unit would count it wrongly; a published type never changes incompatibly).
 */
export const WhistleAnswerDeadlineSet = defineEvent({
  type: 'whistle.answer-deadline-set.v1',
  source: 'case-worker',
  summary: 'A whistle (吹哨) was blown: the deadline by which every called county department must answer (urgent 30 minutes, otherwise 2 working hours).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'whistleId', 'calledDepartmentCodes', 'deadline'],
    properties: {
      caseId: str,
      whistleId: str,
      /** The called departments, each of which must answer (响应) by the deadline. */
      calledDepartmentCodes: { type: 'array', minItems: 1, items: unitCode },
      deadline: dateTime,
    },
  },
});
export type WhistleAnswerDeadlineSetData = EventData<typeof WhistleAnswerDeadlineSet>;

export const WhistleAnswerWarningIssued = defineEvent({
  type: 'whistle.answer-warning-issued.v1',
  source: 'case-worker',
  summary: 'A share of the time to a whistle\'s answer deadline has passed and a called department has not answered (预警): yellow at 50 % to the department, orange at 75 % also to its leader.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'whistleId', 'departmentCode', 'level', 'fraction', 'notify', 'deadline'],
    properties: {
      caseId: str,
      whistleId: str,
      /** A called department that has not answered yet. */
      departmentCode: unitCode,
      level: warningLevel,
      fraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      notify,
      deadline: dateTime,
    },
  },
});
export type WhistleAnswerWarningIssuedData = EventData<typeof WhistleAnswerWarningIssued>;

export const WhistleAnswerOverdue = defineEvent({
  type: 'whistle.answer-overdue.v1',
  source: 'case-worker',
  summary: 'A county department called by a whistle (吹哨) did not answer by the answer deadline.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'whistleId', 'departmentCode', 'deadline'],
    properties: { caseId: str, whistleId: str, departmentCode: unitCode, deadline: dateTime },
  },
});
export type WhistleAnswerOverdueData = EventData<typeof WhistleAnswerOverdue>;

export const WhistleEscalated = defineEvent({
  type: 'whistle.escalated.v1',
  source: 'case-worker',
  summary: "An unanswered whistle went to the county's supervision office.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'whistleId', 'departmentCode', 'supervisingUnitCode'],
    properties: { caseId: str, whistleId: str, departmentCode: unitCode, supervisingUnitCode: unitCode },
  },
});
export type WhistleEscalatedData = EventData<typeof WhistleEscalated>;

export const CASE_WORKER_EVENTS = [
  CaseDeadlineSet,
  CaseWarningIssued,
  CaseOverdue,
  CaseReminderIssued,
  CaseSupervisionStarted,
  WhistleAnswerDeadlineSet,
  WhistleAnswerWarningIssued,
  WhistleAnswerOverdue,
  WhistleEscalated,
];

export type CaseWorkerEvent = EventOf<(typeof CASE_WORKER_EVENTS)[number]>;
