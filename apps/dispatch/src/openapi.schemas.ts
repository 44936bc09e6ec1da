import { CASE_STATUSES } from '@county/contracts';
import { defineSchema, oas, object } from '@county/service-kit';

/** The answers of dispatch's API as named OpenAPI schemas (components/schemas). */

export const COMMAND_OUTCOME = defineSchema(
  'CommandOutcome',
  object({ caseId: oas.uuid, version: { ...oas.integer, description: "the case's version after the command: send it back as If-Match" }, events: oas.arrayOf(oas.string) }),
);

/** What waits for the centre on a case (a unit's request, a result to review). */
const PENDING = {
  type: 'object',
  description: 'what waits for the centre: transfer, review, extension or pause',
  properties: {
    transfer: { ...object({ unitCode: oas.string, reason: oas.string, requestedAt: oas.instant }, ['requestedAt']), additionalProperties: true },
    review: { ...object({ unitCode: oas.string, submittedAt: oas.instant }), additionalProperties: true },
    extension: { ...object({ unitCode: oas.string, extraWorkingDays: oas.integer, reason: oas.string }), additionalProperties: true },
    pause: { ...object({ unitCode: oas.string, reason: oas.string }), additionalProperties: true },
  },
  additionalProperties: true,
};

/** The case's last reopen (重办), as the centre learnt it from evaluation. */
const REOPEN = oas.nullable({ ...object({ unitCode: oas.string, redoCount: oas.integer, reopenedAt: oas.instant, reason: oas.string }), additionalProperties: true });

const BASIS = {
  ...object({ kind: oas.enumOf(['placeholder', 'list', 'manual', 'transfer']), explanation: oas.string, listItemId: oas.string, listVersion: oas.integer }, ['listItemId', 'listVersion']),
  additionalProperties: true,
};

const ASSIGNMENT = object({ unitCode: oas.string, role: oas.enumOf(['lead', 'co-handler']), part: oas.string }, ['part']);

export const QUEUE_ROWS = defineSchema(
  'QueueRows',
  oas.arrayOf(
    object({
      caseId: oas.uuid,
      status: { ...oas.enumOf(CASE_STATUSES), description: "the platform's one vocabulary of case statuses" },
      categoryCode: oas.nullableString,
      urgency: oas.nullableString,
      townshipCode: oas.nullableString,
      primaryUnitCode: oas.nullableString,
      cooperatingUnitCodes: oas.arrayOf(oas.string),
      triageReason: oas.nullableString,
      transferCount: oas.integer,
      final: oas.boolean,
      paused: oas.boolean,
      pending: PENDING,
      reopen: REOPEN,
      version: oas.integer,
      updatedAt: oas.instant,
    }),
  ),
);

export const DISPATCH_CASE_VIEW = defineSchema(
  'DispatchCaseView',
  object({
    caseId: oas.uuid,
    version: oas.integer,
    state: {
      type: 'object',
      required: ['status'],
      description: "the case's state at the centre; the fields after status are there once the case is in triage or dispatched",
      properties: {
        status: { ...oas.enumOf(['none', ...CASE_STATUSES]), description: "the platform's one vocabulary of case statuses; 'none' for a case the centre does not know" },
        categoryCode: oas.string,
        urgency: oas.string,
        townshipCode: oas.string,
        reason: { ...oas.string, description: 'why the case is in triage' },
        primaryUnitCode: oas.string,
        cooperatingUnitCodes: oas.arrayOf(oas.string),
        assignments: oas.arrayOf(ASSIGNMENT),
        final: oas.boolean,
        transferCount: oas.integer,
        pending: PENDING,
        paused: object({ unitCode: oas.string, since: oas.instant }),
        resultApproved: oas.boolean,
        handlingDeadline: oas.instant,
        transferWindowEndsAt: oas.instant,
        resolved: oas.boolean,
      },
      additionalProperties: true,
    },
    reopen: REOPEN,
    dispatches: oas.arrayOf({
      type: 'object',
      required: ['primaryUnitCode', 'dispatchedAt'],
      properties: { primaryUnitCode: oas.string, cooperatingUnitCodes: oas.arrayOf(oas.string), basis: BASIS, dispatchedAt: oas.instant, redispatch: oas.boolean, assignments: oas.arrayOf(ASSIGNMENT) },
      additionalProperties: true,
    }),
    timeline: oas.arrayOf(object({ type: oas.string, time: oas.instant, version: oas.integer })),
  }),
);

export const UNIT_TRANSFERS = defineSchema('UnitTransfers', object({ unitCode: oas.string, requested: oas.integer, approved: oas.integer, rejected: oas.integer }));

const VERSION_SUMMARY = { version: oas.integer, effectiveFrom: oas.instant, changeId: oas.nullableString, itemCount: oas.integer };

const UNIT_REF = object({ level: oas.enumOf(['county', 'township', 'community', 'grid']), unitCode: oas.string }, ['unitCode']);

/** One item of the responsibility list: a matter in a scope, its primary and cooperating units. */
const LIST_ITEM = {
  ...object(
    {
      id: oas.string,
      categoryCode: oas.string,
      scope: object({ kind: oas.enumOf(['county', 'urban', 'rural', 'township']), townshipCode: oas.string }, ['townshipCode']),
      primary: UNIT_REF,
      cooperating: oas.arrayOf(UNIT_REF),
      note: oas.nullableString,
    },
    ['note'],
  ),
  additionalProperties: true,
};

export const LIST_VERSION = defineSchema('ResponsibilityListVersion', object({ ...VERSION_SUMMARY, items: oas.arrayOf(LIST_ITEM) }));
export const LIST_VERSIONS = defineSchema('ResponsibilityListVersions', oas.arrayOf(object(VERSION_SUMMARY)));
export const LIST_CHANGES = defineSchema(
  'ResponsibilityListChanges',
  oas.arrayOf({
    ...object(
      {
        status: oas.enumOf(['proposed', 'approved', 'rejected']),
        changeId: oas.string,
        proposedBy: { ...oas.string, description: 'the unit that proposed it' },
        reason: oas.string,
        upserts: { ...oas.arrayOf(LIST_ITEM), description: 'items added or replaced (by id)' },
        removals: { ...oas.arrayOf(oas.string), description: 'ids of items removed' },
        baseVersion: { ...oas.integer, description: 'the list version the change was drawn up against' },
        pushesDown: { ...oas.arrayOf(oas.string), description: 'items whose primary duty the change moves from a county unit down to a township, community or grid (准入)' },
        proposedAt: oas.instant,
        version: { ...oas.integer, description: 'the version an approved change made' },
        rejectionReason: oas.string,
      },
      ['version', 'rejectionReason'],
    ),
    additionalProperties: true,
  }),
);
export const ROUTE_PREVIEW = defineSchema('RoutePreview', {
  type: 'object',
  required: ['kind'],
  description: "routed: the units and the basis; uncovered: why the list names no unit (the case would go to triage)",
  properties: {
    kind: oas.enumOf(['routed', 'uncovered']),
    primaryUnitCode: oas.string,
    cooperatingUnitCodes: oas.arrayOf(oas.string),
    basis: BASIS,
    reason: oas.string,
  },
  additionalProperties: true,
});
export const CHANGE_DECIDED = defineSchema(
  'ResponsibilityListChangeOutcome',
  object({ changeId: oas.string, status: oas.enumOf(['proposed', 'approved', 'rejected']), version: oas.integer, effectiveFrom: oas.instant }, ['version', 'effectiveFrom']),
);
