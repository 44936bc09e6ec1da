import { dateTime, defineEvent, str, unitCode, type EventData, type EventOf } from './schema';

/**
 * Events produced by evaluation (topic county.evaluation.events): the return visit (回访), the
 * reopen or close that follows it, the facts of a closed case for analytics, and hot spots.
 * None carries personal data: the callback staff's comment stays in evaluation's own tables.
 */

export const SATISFACTIONS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const CLOSE_OUTCOMES = ['resolved', 'unresolved', 'unreachable'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

const satisfaction = { enum: [...SATISFACTIONS] } as const;
const positiveInt = { type: 'integer', minimum: 1 } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const nullableTime = { anyOf: [dateTime, { type: 'null' }] } as const;
const nullableHours = { type: ['number', 'null'] } as const;

export const ReturnVisitRecorded = defineEvent({
  type: 'case.return-visit-recorded.v1',
  source: 'evaluation',
  summary: 'The resident was called back: resolved or not, and how satisfied.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'resolved', 'satisfaction', 'attempt'],
    properties: {
      caseId: str,
      resolved: { type: 'boolean' },
      satisfaction,
      /** 1 for the first call of this round, 2 after one failed attempt, ... */
      attempt: positiveInt,
      /** The round of the return visit: 1 for the first handling, 2 after a reopen. */
      round: positiveInt,
      visitedAt: dateTime,
    },
  },
});
export type ReturnVisitRecordedData = EventData<typeof ReturnVisitRecorded>;

export const ReturnVisitAttemptFailed = defineEvent({
  type: 'case.return-visit-attempt-failed.v1',
  source: 'evaluation',
  summary: 'A call back to the resident did not get through.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'attempt', 'reason'],
    properties: { caseId: str, attempt: positiveInt, reason: { enum: ['no-answer', 'busy', 'wrong-number', 'other'] }, round: positiveInt, attemptedAt: dateTime },
  },
});
export type ReturnVisitAttemptFailedData = EventData<typeof ReturnVisitAttemptFailed>;

export const ReturnVisitUnreachable = defineEvent({
  type: 'case.return-visit-unreachable.v1',
  source: 'evaluation',
  summary: 'The resident could not be reached after the configured number of attempts.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'attempts'],
    properties: { caseId: str, attempts: positiveInt, round: positiveInt },
  },
});
export type ReturnVisitUnreachableData = EventData<typeof ReturnVisitUnreachable>;

export const CaseReopened = defineEvent({
  type: 'case.reopened.v1',
  source: 'evaluation',
  summary: 'An unresolved or dissatisfied case goes back to the same unit to be handled again (重办), once.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'unitCode', 'reason', 'redoCount'],
    properties: {
      caseId: str,
      /** The unit that handles the case again (the unit whose result was approved). */
      unitCode,
      reason: { enum: ['unresolved', 'dissatisfied'] },
      /** How many times the case has been reopened, this time included (a case is reopened at most once). */
      redoCount: positiveInt,
    },
  },
});
export type CaseReopenedData = EventData<typeof CaseReopened>;

export const CaseClosed = defineEvent({
  type: 'case.closed.v1',
  source: 'evaluation',
  summary: 'The loop is closed: resolved, unresolved after a redo, or the resident unreachable.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'outcome'],
    properties: { caseId: str, outcome: { enum: [...CLOSE_OUTCOMES] }, closedAt: dateTime },
  },
});
export type CaseClosedData = EventData<typeof CaseClosed>;

/** Times of the steps of a case in working hours (workingTimeBetween on the demo county's calendar); null when the step did not happen. */
export const CaseFacts = defineEvent({
  type: 'case.facts.v1',
  source: 'evaluation',
  summary: 'Everything an analyst needs about a closed case (times in working hours, units, transfers, whistles, outcome, satisfaction); no personal data.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'outcome', 'closedAt', 'channel', 'appealType', 'categoryCode', 'urgency', 'place', 'times', 'workingHours', 'units', 'transfers', 'whistles', 'overdue', 'extensionsApproved', 'resultsSentBack', 'repeatAppeals', 'redoCount', 'returnVisit'],
    properties: {
      caseId: str,
      outcome: { enum: [...CLOSE_OUTCOMES] },
      closedAt: dateTime,
      channel: nullableStr,
      appealType: nullableStr,
      categoryCode: nullableStr,
      urgency: nullableStr,
      place: {
        type: 'object',
        additionalProperties: false,
        required: ['townshipCode', 'communityCode', 'gridCode'],
        properties: { townshipCode: nullableStr, communityCode: nullableStr, gridCode: nullableStr },
      },
      times: {
        type: 'object',
        additionalProperties: false,
        required: ['receivedAt', 'firstDispatchedAt', 'firstSignedForAt', 'firstContactAt', 'firstResultSubmittedAt', 'lastResultApprovedAt'],
        properties: {
          receivedAt: nullableTime,
          firstDispatchedAt: nullableTime,
          firstSignedForAt: nullableTime,
          firstContactAt: nullableTime,
          firstResultSubmittedAt: nullableTime,
          lastResultApprovedAt: nullableTime,
        },
      },
      workingHours: {
        type: 'object',
        additionalProperties: false,
        required: ['receivedToDispatched', 'dispatchedToSignedFor', 'dispatchedToFirstContact', 'dispatchedToResultSubmitted', 'dispatchedToResultApproved', 'resultApprovedToClosed', 'receivedToClosed'],
        properties: {
          receivedToDispatched: nullableHours,
          dispatchedToSignedFor: nullableHours,
          dispatchedToFirstContact: nullableHours,
          dispatchedToResultSubmitted: nullableHours,
          dispatchedToResultApproved: nullableHours,
          /** The return-visit step: from the last approval to the close. */
          resultApprovedToClosed: nullableHours,
          receivedToClosed: nullableHours,
        },
      },
      units: {
        type: 'object',
        additionalProperties: false,
        required: ['leadUnitCodes', 'cooperatingUnitCodes', 'finalUnitCode'],
        properties: {
          /** Every unit the case was dispatched to as lead, in order. */
          leadUnitCodes: { type: 'array', items: unitCode },
          cooperatingUnitCodes: { type: 'array', items: unitCode },
          /** The unit whose last result was approved. */
          finalUnitCode: nullableStr,
        },
      },
      transfers: {
        type: 'object',
        additionalProperties: false,
        required: ['requested', 'approved', 'rejected'],
        properties: { requested: { type: 'integer', minimum: 0 }, approved: { type: 'integer', minimum: 0 }, rejected: { type: 'integer', minimum: 0 } },
      },
      whistles: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['whistleId', 'calledDepartmentCodes', 'answeredDepartmentCodes', 'overdueDepartmentCodes', 'ratings'],
          properties: {
            whistleId: str,
            calledDepartmentCodes: { type: 'array', items: unitCode },
            answeredDepartmentCodes: { type: 'array', items: unitCode },
            overdueDepartmentCodes: { type: 'array', items: unitCode },
            ratings: {
              type: 'array',
              items: { type: 'object', additionalProperties: false, required: ['departmentCode', 'rating'], properties: { departmentCode: unitCode, rating: { type: 'integer', minimum: 1, maximum: 5 } } },
            },
          },
        },
      },
      overdue: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['clock', 'unitCode'], properties: { clock: str, unitCode: nullableStr } },
      },
      extensionsApproved: { type: 'integer', minimum: 0 },
      resultsSentBack: { type: 'integer', minimum: 0 },
      repeatAppeals: { type: 'integer', minimum: 0 },
      redoCount: { type: 'integer', minimum: 0 },
      returnVisit: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['resolved', 'satisfaction', 'attempts'],
            properties: { resolved: { type: 'boolean' }, satisfaction, attempts: positiveInt },
          },
        ],
      },
    },
  },
});
export type CaseFactsData = EventData<typeof CaseFacts>;

export const HotspotDetected = defineEvent({
  type: 'hotspot.detected.v1',
  source: 'evaluation',
  summary: 'A category in a grid or community is well above its own baseline this month (高频多发). Subject: hotspot-<category>-<place>-<period>.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['categoryCode', 'placeKind', 'placeCode', 'period', 'count', 'baseline', 'baselineMonths', 'rule', 'caseIds', 'detectedAt'],
    properties: {
      categoryCode: str,
      placeKind: { enum: ['grid', 'community'] },
      placeCode: str,
      /** The month, YYYY-MM (county time). */
      period: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
      count: positiveInt,
      /** Mean monthly count of the baseline months before the period. */
      baseline: { type: 'number', minimum: 0 },
      baselineMonths: positiveInt,
      rule: str,
      /** The cases counted, at the moment of detection. */
      caseIds: { type: 'array', items: str },
      detectedAt: dateTime,
    },
  },
});
export type HotspotDetectedData = EventData<typeof HotspotDetected>;

export const EVALUATION_EVENTS = [ReturnVisitRecorded, ReturnVisitAttemptFailed, ReturnVisitUnreachable, CaseReopened, CaseClosed, CaseFacts, HotspotDetected];

export type EvaluationEvent = EventOf<(typeof EVALUATION_EVENTS)[number]>;
