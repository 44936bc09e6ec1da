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

function report(name: string, required: string[]) {
  const schema = defineSchema(name, { type: 'object', required, properties: Object.fromEntries(required.map((k) => [k, {}])), additionalProperties: true });
  return { 'application/json': { schema }, 'text/csv': { schema: oas.string } };
}

export const KPIS_CONTENT = report('KpiReport', ['units']);
export const DRILL_DOWN_CONTENT = report('KpiDrillDown', ['rows']);
export const HOT_ISSUES_CONTENT = report('HotIssuesReport', ['rows']);
export const HOTSPOTS_CONTENT = report('HotspotsReport', ['hotspots']);
