import { CHANNELS } from '@county/contracts';
import { defineSchema, oas, object } from '@county/service-kit';

/** The answers of intake's native API as named OpenAPI schemas (components/schemas). */

const PLACE = { resolved: oas.boolean, gridCode: oas.string, communityCode: oas.string, townshipCode: oas.string };

export const APPEAL_CREATED = defineSchema(
  'AppealCreated',
  object({ outcome: oas.enumOf(['created']), caseId: oas.uuid, status: oas.enumOf(['received']), receivedAt: oas.instant, location: object(PLACE, ['gridCode', 'communityCode', 'townshipCode']) }),
);

export const APPEAL_REPEAT = defineSchema(
  'AppealRecordedAsRepeat',
  object({ outcome: oas.enumOf(['repeat-appeal']), caseId: oas.uuid, repeatCount: oas.integer, message: oas.string }),
);

const SUMMARY = {
  caseId: oas.uuid,
  status: oas.enumOf(['received', 'in-progress', 'closed', 'merged']),
  channel: oas.enumOf(CHANNELS),
  channelReference: oas.string,
  appealType: oas.string,
  categoryCode: oas.string,
  urgency: oas.string,
  receivedAt: oas.instant,
  location: object({ ...PLACE, address: oas.string }, ['gridCode', 'communityCode', 'townshipCode', 'address']),
  responsibleUnit: oas.nullable(object({ code: oas.string, name: oas.string })),
  deadline: oas.nullableInstant,
  repeatCount: oas.integer,
  mergedInto: { ...oas.uuid, nullable: true },
  updatedAt: oas.instant,
};

export const CASE_SUMMARY = defineSchema('CaseSummary', object(SUMMARY));
export const CASE_PAGE = defineSchema('CasePage', object({ items: oas.arrayOf(CASE_SUMMARY), nextCursor: { ...oas.string, description: 'pass as cursor for the next page; absent on the last page' } }, ['nextCursor']));
export const CASE_DETAIL = defineSchema(
  'CaseDetail',
  object({ ...SUMMARY, description: oas.string, attachments: oas.arrayOf(oas.string), timeline: oas.arrayOf(object({ at: oas.instant, step: oas.string, detail: oas.anyObject })) }),
);
export const MERGE_OUTCOME = defineSchema('MergeOutcome', object({ caseId: oas.uuid, mergedInto: { ...oas.uuid, nullable: true } }));
