import { URGENCIES, type Urgency } from '../vocabulary';
import { dateTime, defineEvent, str, unitCode } from './schema';

/**
 * Events produced by handling, the units' workbench (topic county.handling.events). The subject
 * (and Kafka key) of every event is the case id; whistle events also name the whistle. They name
 * units by code, never the people of a unit.
 */

const url = { type: 'string', format: 'uri', maxLength: 2000 } as const;
const evidenceUrls = { type: 'array', items: url, maxItems: 20 } as const;
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

function caseEvent<TType extends string>(type: TType, summary: string, required: readonly string[], properties: Record<string, unknown>) {
  return defineEvent({
    type,
    source: 'handling',
    summary,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['caseId', ...required],
      properties: { caseId: str, ...properties },
    },
  });
}

// the case, at one unit

export interface CaseSignedForData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly signedAt: string;
}
export const CaseSignedFor = caseEvent('case.signed-for.v1', 'A unit signed for a case dispatched to it (签收).', ['unitCode', 'signedAt'], {
  unitCode,
  signedAt: dateTime,
});

export interface CaseFirstContactRecordedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly contactedAt: string;
}
export const CaseFirstContactRecorded = caseEvent(
  'case.first-contact-recorded.v1',
  'The handling unit first contacted the resident.',
  ['unitCode', 'contactedAt'],
  { unitCode, contactedAt: dateTime },
);

export interface CaseProgressNotedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly note: string;
}
export const CaseProgressNoted = caseEvent('case.progress-noted.v1', 'A unit noted progress on a case.', ['unitCode', 'note'], {
  unitCode,
  note: text(2000),
});

export interface CaseTransferRequestedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
}
export const CaseTransferRequested = caseEvent(
  'case.transfer-requested.v1',
  'A unit asked the centre to take a case back (退单): it is not the unit responsible.',
  ['unitCode', 'reason'],
  { unitCode, reason: text(1000) },
);

export interface CaseExtensionRequestedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly extraWorkingDays: number;
  readonly reason: string;
}
export const CaseExtensionRequested = caseEvent(
  'case.extension-requested.v1',
  'A unit asked the centre for more working days to handle a case (延期).',
  ['unitCode', 'extraWorkingDays', 'reason'],
  { unitCode, extraWorkingDays: { type: 'integer', minimum: 1, maximum: 10 }, reason: text(1000) },
);

export interface CasePauseRequestedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
}
export const CasePauseRequested = caseEvent(
  'case.pause-requested.v1',
  'A unit asked the centre to pause its clock while it waits on the resident or a third party.',
  ['unitCode', 'reason'],
  { unitCode, reason: text(1000) },
);

export interface CaseResumeRequestedData {
  readonly caseId: string;
  readonly unitCode: string;
}
export const CaseResumeRequested = caseEvent('case.resume-requested.v1', 'A unit asked the centre to run its paused clock again.', ['unitCode'], {
  unitCode,
});

export interface CaseResultSubmittedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly result: string;
  readonly evidenceUrls: readonly string[];
}
export const CaseResultSubmitted = caseEvent(
  'case.result-submitted.v1',
  'The lead unit reported the result of a case (办结), for the centre to review.',
  ['unitCode', 'result', 'evidenceUrls'],
  { unitCode, result: text(4000), evidenceUrls },
);

export interface CasePartSubmittedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly part: string;
  readonly evidenceUrls: readonly string[];
}
export const CasePartSubmitted = caseEvent(
  'case.part-submitted.v1',
  'A co-handling unit reported its part of a case.',
  ['unitCode', 'part', 'evidenceUrls'],
  { unitCode, part: text(4000), evidenceUrls },
);

// the whistle (吹哨): a township or community calls county departments on a case

export interface WhistleBlownData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly callerUnitCode: string;
  readonly calledDepartmentCodes: readonly string[];
  readonly reason: string;
  readonly needs: string;
  readonly urgency: Urgency;
}
export const WhistleBlown = caseEvent(
  'whistle.blown.v1',
  'A township or community called one or more county departments on a case (吹哨).',
  ['whistleId', 'callerUnitCode', 'calledDepartmentCodes', 'reason', 'needs', 'urgency'],
  {
    whistleId: str,
    callerUnitCode: unitCode,
    calledDepartmentCodes: { type: 'array', items: unitCode, minItems: 1, maxItems: 10, uniqueItems: true },
    reason: text(1000),
    needs: text(1000),
    urgency: { enum: [...URGENCIES] },
  },
);

export interface WhistleAnsweredData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly departmentCode: string;
}
export const WhistleAnswered = caseEvent('whistle.answered.v1', 'A called department answered a whistle (响应).', ['whistleId', 'departmentCode'], {
  whistleId: str,
  departmentCode: unitCode,
});

export interface WhistleReportedOnSiteData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly departmentCode: string;
  readonly reportedAt: string;
}
export const WhistleReportedOnSite = caseEvent(
  'whistle.reported-on-site.v1',
  'A called department reported on site (报到).',
  ['whistleId', 'departmentCode', 'reportedAt'],
  { whistleId: str, departmentCode: unitCode, reportedAt: dateTime },
);

export interface WhistlePartFinishedData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly departmentCode: string;
}
export const WhistlePartFinished = caseEvent(
  'whistle.part-finished.v1',
  'A called department finished its share of the work on site (事不完、人不撤).',
  ['whistleId', 'departmentCode'],
  { whistleId: str, departmentCode: unitCode },
);

export interface WhistleReleasedData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly departmentCode: string;
}
export const WhistleReleased = caseEvent(
  'whistle.released.v1',
  'The calling township released a called department before it finished its part.',
  ['whistleId', 'departmentCode'],
  { whistleId: str, departmentCode: unitCode },
);

export interface WhistleAnswerRatedData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly departmentCode: string;
  readonly rating: 1 | 2 | 3 | 4 | 5;
  readonly comment: string;
}
export const WhistleAnswerRated = caseEvent(
  'whistle.answer-rated.v1',
  "The calling township rated a department's answer to its whistle (1 to 5, with a comment).",
  ['whistleId', 'departmentCode', 'rating', 'comment'],
  { whistleId: str, departmentCode: unitCode, rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 1000 } },
);

export type HandlingEvent =
  | { type: typeof CaseSignedFor.type; data: CaseSignedForData }
  | { type: typeof CaseFirstContactRecorded.type; data: CaseFirstContactRecordedData }
  | { type: typeof CaseProgressNoted.type; data: CaseProgressNotedData }
  | { type: typeof CaseTransferRequested.type; data: CaseTransferRequestedData }
  | { type: typeof CaseExtensionRequested.type; data: CaseExtensionRequestedData }
  | { type: typeof CasePauseRequested.type; data: CasePauseRequestedData }
  | { type: typeof CaseResumeRequested.type; data: CaseResumeRequestedData }
  | { type: typeof CaseResultSubmitted.type; data: CaseResultSubmittedData }
  | { type: typeof CasePartSubmitted.type; data: CasePartSubmittedData }
  | { type: typeof WhistleBlown.type; data: WhistleBlownData }
  | { type: typeof WhistleAnswered.type; data: WhistleAnsweredData }
  | { type: typeof WhistleReportedOnSite.type; data: WhistleReportedOnSiteData }
  | { type: typeof WhistlePartFinished.type; data: WhistlePartFinishedData }
  | { type: typeof WhistleReleased.type; data: WhistleReleasedData }
  | { type: typeof WhistleAnswerRated.type; data: WhistleAnswerRatedData };

export const HANDLING_EVENTS = [
  CaseSignedFor,
  CaseFirstContactRecorded,
  CaseProgressNoted,
  CaseTransferRequested,
  CaseExtensionRequested,
  CasePauseRequested,
  CaseResumeRequested,
  CaseResultSubmitted,
  CasePartSubmitted,
  WhistleBlown,
  WhistleAnswered,
  WhistleReportedOnSite,
  WhistlePartFinished,
  WhistleReleased,
  WhistleAnswerRated,
];
