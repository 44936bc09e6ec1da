import {
  CaseMerged,
  defineCaseEvent,
  unitCode,
  type AppealType,
  type CaseClock,
  type CaseClosedData,
  type CaseDeadlineSetData,
  type CaseDispatchedData,
  type CaseFactsData,
  type CaseMergedData,
  type CaseReceivedData,
  type CaseWarningLevel,
  type CaseWarningNotify,
  type CatalogueEventDefinition,
  type Channel,
  type CloseOutcome,
  type EventData,
  type EventDataOf,
  type EventDefinition,
  type ResponsibilityListItem,
  type ReturnVisitRecordedData,
  type Satisfaction,
  type Urgency,
  type WhistleBlownData,
} from '../src';

// A test of types: `npx nx run contracts:typecheck` (tsc) is what checks it. Each `expectType`
// line fails to compile when its two types are not the same, and each `@ts-expect-error` line fails
// to compile when the error it expects is gone. Jest only runs the last case.

type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
function expectType<T extends true>(ok: T): T {
  return ok;
}
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The data type of a definition has exactly the schema's properties, required exactly where the schema requires them. */
type AgreesWithSchema<D> =
  D extends EventDefinition<string, infer S>
    ? S extends { readonly required: readonly (infer R)[]; readonly properties: infer P }
      ? Equal<RequiredKeys<EventData<D>>, R> extends true
        ? Equal<keyof EventData<D>, keyof P>
        : false
      : false
    : never;

// every event of the catalogue: required and optional fields as the schema says, and no others
// (additionalProperties: false leaves no index signature)
expectType<Equal<AgreesWithSchema<CatalogueEventDefinition>, true>>(true);

// enumerations come from the vocabulary constants
expectType<Equal<CaseReceivedData['channel'], Channel>>(true);
expectType<Equal<CaseReceivedData['appealType'], AppealType>>(true);
expectType<Equal<CaseReceivedData['urgency'], Urgency>>(true);
expectType<Equal<WhistleBlownData['urgency'], Urgency>>(true);
expectType<Equal<CaseDeadlineSetData['clock'], CaseClock>>(true);
expectType<Equal<ReturnVisitRecordedData['satisfaction'], Satisfaction>>(true);
expectType<Equal<CaseClosedData['outcome'], CloseOutcome>>(true);
expectType<Equal<CaseWarningLevel, 'yellow' | 'orange'>>(true);
expectType<Equal<CaseWarningNotify, 'handler' | 'unit-leader'>>(true);

// optional, nullable and by name
expectType<Equal<CaseDispatchedData['redispatch'], boolean | undefined>>(true);
expectType<Equal<CaseFactsData['channel'], string | null>>(true);
expectType<Equal<Extract<CaseFactsData['returnVisit'], null>, null>>(true);
expectType<Equal<EventDataOf<'case.received.v1'>, CaseReceivedData>>(true);

// alternatives narrow: a township scope names its township, a county unit reference its unit
export function townshipOf(item: ResponsibilityListItem): string | undefined {
  return item.scope.kind === 'township' ? item.scope.townshipCode : undefined;
}
export function unitOf(item: ResponsibilityListItem): string | undefined {
  return item.primary.level === 'county' ? item.primary.unitCode : undefined;
}

const merged: CaseMergedData = { caseId: 'C1', intoCaseId: 'C0', reason: 'the same fire lane' };

// read-only, down to nested objects and arrays
declare const received: CaseReceivedData;
export function mutations(): void {
  // @ts-expect-error a field of an event is read-only
  merged.reason = 'another';
  // @ts-expect-error nested objects too
  received.location.resolved = false;
  // @ts-expect-error and arrays
  received.attachments.push('https://files.example/b.jpg');
}

// @ts-expect-error additionalProperties: false: a field the schema does not name is refused
export const withExtra: CaseMergedData = { caseId: 'C1', intoCaseId: 'C0', reason: 'x', mergedBy: 'QH-CG' };

// @ts-expect-error a required field cannot be left out
export const withoutReason: CaseMergedData = { caseId: 'C1', intoCaseId: 'C0' };

// a field added to a schema is in the type: the old data lacks it
const CaseMergedWithMerger = defineCaseEvent('intake', 'case.merged.v1', CaseMerged.summary, ['intoCaseId', 'reason', 'mergedBy'], {
  ...CaseMerged.schema.properties,
  mergedBy: unitCode,
});
type CaseMergedWithMergerData = EventData<typeof CaseMergedWithMerger>;
expectType<Equal<CaseMergedWithMergerData['mergedBy'], string>>(true);
// @ts-expect-error the data of the old schema lacks the new required field
export const old: CaseMergedWithMergerData = merged;
export const updated: CaseMergedWithMergerData = { ...merged, mergedBy: 'QH-CG' };

describe('the types derived from the event schemas', () => {
  it('are checked by the typecheck (tsc); the schema of the extended event names its new field', () => {
    expect(CaseMergedWithMerger.schema.required).toEqual(['caseId', 'intoCaseId', 'reason', 'mergedBy']);
  });
});
