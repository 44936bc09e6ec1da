import { defineSchema, oas, object } from '@county/service-kit';

/** The answers of evaluation's API as named OpenAPI schemas (components/schemas); reports also answer CSV. */

export const RETURN_VISIT_OUTCOME = defineSchema(
  'ReturnVisitOutcome',
  object({ caseId: oas.uuid, events: oas.arrayOf(oas.string), status: oas.enumOf(['awaiting-return-visit', 'reopened', 'closed']), outcome: oas.string }, ['outcome']),
);

export const CALLBACK_QUEUE = defineSchema(
  'CallbackQueue',
  object({ cases: oas.arrayOf(object({ caseId: oas.uuid, unitCode: oas.nullableString, approvedAt: oas.nullableInstant, round: oas.integer, failedAttempts: oas.integer })) }),
);

function report(name: string, schema: Record<string, unknown>) {
  return { 'application/json': { schema: defineSchema(name, { ...schema, additionalProperties: true }) }, 'text/csv': { schema: oas.string } };
}

/** A reporting period: its first and last day (calendar dates, both included). */
const DAY = { type: 'string', format: 'date' } as const;
const PERIOD = { ...object({ kind: oas.enumOf(['day', 'month']), key: oas.string, from: DAY, to: DAY }), additionalProperties: true };

export const KPIS_CONTENT = report('KpiReport', object({ units: oas.arrayOf(oas.anyObject) }));
export const DRILL_DOWN_CONTENT = report(
  'KpiDrillDown',
  object({
    period: PERIOD,
    unitCode: oas.string,
    figure: { ...object({ metric: oas.string, kind: oas.enumOf(['count', 'rate', 'average']), numerator: oas.integer, denominator: oas.integer, value: { ...oas.number, nullable: true } }), additionalProperties: true },
    rows: oas.arrayOf({ ...object({ caseId: oas.string, item: oas.string, day: oas.string, hit: oas.boolean, value: { ...oas.number, nullable: true } }), additionalProperties: true }),
  }),
);
export const HOT_ISSUES_CONTENT = report(
  'HotIssuesReport',
  object({
    rows: oas.arrayOf(object({ categoryCode: oas.string, placeCode: oas.string, count: oas.integer, previousCount: oas.integer, delta: oas.integer, ratio: { ...oas.number, nullable: true }, caseIds: oas.arrayOf(oas.string) })),
  }),
);
export const HOTSPOTS_CONTENT = report(
  'HotspotsReport',
  object({
    hotspots: oas.arrayOf({
      ...object({ categoryCode: oas.string, placeKind: oas.enumOf(['grid', 'community']), placeCode: oas.string, period: oas.string, count: oas.integer, baseline: oas.number, rule: oas.string, caseIds: oas.arrayOf(oas.string), detectedAt: oas.instant }),
      additionalProperties: true,
    }),
  }),
);
