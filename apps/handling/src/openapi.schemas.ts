import { CASE_STATUSES } from '@county/contracts';
import { defineSchema, oas, object } from '@county/service-kit';
import { PROACTIVE_TASK_ROW } from './proactive-tasks/openapi';

/** The answers of handling's API as named OpenAPI schemas (components/schemas). */

const EVENTS_WRITTEN = oas.arrayOf(object({ id: oas.uuid, type: oas.string }));

export const CASE_COMMAND_OUTCOME = defineSchema(
  'CaseCommandOutcome',
  object({ caseId: oas.uuid, unitCode: oas.string, version: { ...oas.integer, description: "the version of the unit's task stream after the command" }, events: EVENTS_WRITTEN }),
);

export const WHISTLE_OUTCOME = defineSchema('WhistleOutcome', object({ whistleId: oas.uuid, caseId: oas.uuid, version: oas.integer, events: EVENTS_WRITTEN }));

const DEADLINE = object({ clock: oas.string, deadline: oas.instant, warningLevel: oas.nullableString, overdue: oas.boolean });

const CASE_ROW_PROPERTIES = {
  kind: oas.enumOf(['case']),
  caseId: oas.uuid,
  role: oas.enumOf(['lead', 'co-handler']),
  part: oas.nullableString,
  status: { ...oas.enumOf(CASE_STATUSES), description: "where the case stands for the unit, in the platform's one vocabulary of case statuses" },
  categoryCode: oas.nullableString,
  urgency: oas.nullableString,
  description: oas.nullableString,
  address: oas.nullableString,
  receivedAt: oas.nullableInstant,
  assignedAt: oas.instant,
  signedAt: oas.nullableInstant,
  firstContactAt: oas.nullableInstant,
  lastProgressAt: oas.nullableInstant,
  resultSubmittedAt: oas.nullableInstant,
  sentBackReason: oas.nullableString,
  redoCount: oas.integer,
  reopenedAt: oas.nullableInstant,
  reopenReason: oas.nullableString,
  paused: oas.boolean,
  extraWorkingDays: oas.integer,
  deadlines: oas.arrayOf(DEADLINE),
};

export const CASE_ROW = defineSchema('UnitCaseRow', { ...object(CASE_ROW_PROPERTIES), additionalProperties: true });

export const WHISTLE_ROW = defineSchema('WhistleRow', {
  ...object({
    kind: oas.enumOf(['whistle']),
    whistleId: oas.uuid,
    caseId: oas.uuid,
    callerUnitCode: oas.string,
    reason: oas.string,
    needs: oas.string,
    urgency: oas.string,
    blownAt: oas.instant,
    answeredAt: oas.nullableInstant,
    reportedAt: oas.nullableInstant,
    answerDeadline: oas.nullableInstant,
    answerOverdue: oas.boolean,
    escalatedTo: oas.nullableString,
    categoryCode: oas.nullableString,
    description: oas.nullableString,
    address: oas.nullableString,
  }),
  additionalProperties: true,
});

export const INBOX_PAGE = defineSchema(
  'InboxPage',
  object({ items: oas.arrayOf({ oneOf: [CASE_ROW, WHISTLE_ROW, PROACTIVE_TASK_ROW] }), nextCursor: { ...oas.nullableString, description: 'pass as cursor for the next page; null on the last page' } }),
);

export const INBOX_COUNTS = defineSchema(
  'InboxCounts',
  object({
    unitCode: oas.string,
    counts: {
      ...object(Object.fromEntries(['open', 'new', 'reopened', 'signed', 'due-soon', 'overdue', 'sent-back', 'submitted', 'resolved', 'whistles', 'proactive-tasks'].map((b) => [b, oas.integer]))),
      description: 'every case of each box (the whistles: those the unit has not finished; the proactive tasks: those not closed), however many pages they fill',
    },
  }),
);

export const UNIT_CASE = defineSchema('UnitCase', {
  ...object({
    ...CASE_ROW_PROPERTIES,
    unitCode: oas.string,
    transferredAway: { ...oas.boolean, description: 'the case was transferred away from the unit (the view is its history)' },
    whistles: oas.arrayOf(oas.ref('WhistleResponse')),
  }),
  additionalProperties: true,
});
