import { defineSchema, oas, object } from '@county/service-kit';

/** The answers of dispatch's API as named OpenAPI schemas (components/schemas). */

export const COMMAND_OUTCOME = defineSchema(
  'CommandOutcome',
  object({ caseId: oas.uuid, version: { ...oas.integer, description: "the case's version after the command: send it back as If-Match" }, events: oas.arrayOf(oas.string) }),
);

export const QUEUE_ROWS = defineSchema(
  'QueueRows',
  oas.arrayOf(
    object({
      caseId: oas.uuid,
      status: oas.string,
      categoryCode: oas.nullableString,
      urgency: oas.nullableString,
      townshipCode: oas.nullableString,
      primaryUnitCode: oas.nullableString,
      cooperatingUnitCodes: oas.arrayOf(oas.string),
      triageReason: oas.nullableString,
      transferCount: oas.integer,
      final: oas.boolean,
      paused: oas.boolean,
      pending: { type: 'object', description: 'what waits for the centre: transfer, review, extension or pause', additionalProperties: true },
      reopen: oas.nullable(oas.anyObject),
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
    state: { type: 'object', required: ['status'], properties: { status: oas.string }, additionalProperties: true },
    reopen: oas.nullable(oas.anyObject),
    dispatches: oas.arrayOf({ type: 'object', required: ['primaryUnitCode', 'dispatchedAt'], properties: { primaryUnitCode: oas.string, cooperatingUnitCodes: oas.arrayOf(oas.string), dispatchedAt: oas.instant, redispatch: oas.boolean }, additionalProperties: true }),
    timeline: oas.arrayOf(object({ type: oas.string, time: oas.instant, version: oas.integer })),
  }),
);

export const UNIT_TRANSFERS = defineSchema('UnitTransfers', object({ unitCode: oas.string, requested: oas.integer, approved: oas.integer, rejected: oas.integer }));

const VERSION_SUMMARY = { version: oas.integer, effectiveFrom: oas.instant, changeId: oas.nullableString, itemCount: oas.integer };

export const LIST_VERSION = defineSchema('ResponsibilityListVersion', object({ ...VERSION_SUMMARY, items: oas.arrayOf(oas.anyObject) }));
export const LIST_VERSIONS = defineSchema('ResponsibilityListVersions', oas.arrayOf(object(VERSION_SUMMARY)));
export const LIST_CHANGES = defineSchema(
  'ResponsibilityListChanges',
  oas.arrayOf({ type: 'object', required: ['status', 'changeId'], properties: { status: oas.enumOf(['proposed', 'approved', 'rejected']), changeId: oas.string }, additionalProperties: true }),
);
export const ROUTE_PREVIEW = defineSchema('RoutePreview', { type: 'object', additionalProperties: true });
export const CHANGE_DECIDED = defineSchema(
  'ResponsibilityListChangeOutcome',
  object({ changeId: oas.string, status: oas.enumOf(['proposed', 'approved', 'rejected']), version: oas.integer, effectiveFrom: oas.instant }, ['version', 'effectiveFrom']),
);
