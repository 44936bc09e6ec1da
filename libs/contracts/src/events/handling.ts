import { URGENCIES } from '../vocabulary';
import { dateTime, defineCaseEvent, str, unitCode, type EventData, type EventOf } from './schema';

/**
 * Events produced by handling, the units' workbench (topic county.handling.events). The subject
 * (and Kafka key) of every event is the case id; whistle events also name the whistle. They name
 * units by code, never the people of a unit.
 */

const url = { type: 'string', format: 'uri', maxLength: 2000 } as const;
const evidenceUrls = { type: 'array', items: url, maxItems: 20 } as const;
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

// the case, at one unit

export const CaseSignedFor = defineCaseEvent('handling', 'case.signed-for.v1', 'A unit signed for a case dispatched to it (签收).', ['unitCode', 'signedAt'], {
  unitCode,
  signedAt: dateTime,
});
export type CaseSignedForData = EventData<typeof CaseSignedFor>;

export const CaseFirstContactRecorded = defineCaseEvent(
  'handling',
  'case.first-contact-recorded.v1',
  'The handling unit first contacted the resident.',
  ['unitCode', 'contactedAt'],
  { unitCode, contactedAt: dateTime },
);
export type CaseFirstContactRecordedData = EventData<typeof CaseFirstContactRecorded>;

export const CaseProgressNoted = defineCaseEvent('handling', 'case.progress-noted.v1', 'A unit noted progress on a case.', ['unitCode', 'note'], {
  unitCode,
  note: text(2000),
});
export type CaseProgressNotedData = EventData<typeof CaseProgressNoted>;

export const CaseTransferRequested = defineCaseEvent(
  'handling',
  'case.transfer-requested.v1',
  'A unit asked the centre to take a case back (退单): it is not the unit responsible.',
  ['unitCode', 'reason'],
  { unitCode, reason: text(1000) },
);
export type CaseTransferRequestedData = EventData<typeof CaseTransferRequested>;

export const CaseExtensionRequested = defineCaseEvent(
  'handling',
  'case.extension-requested.v1',
  'A unit asked the centre for more working days to handle a case (延期).',
  ['unitCode', 'extraWorkingDays', 'reason'],
  { unitCode, extraWorkingDays: { type: 'integer', minimum: 1, maximum: 10 }, reason: text(1000) },
);
export type CaseExtensionRequestedData = EventData<typeof CaseExtensionRequested>;

export const CasePauseRequested = defineCaseEvent(
  'handling',
  'case.pause-requested.v1',
  'A unit asked the centre to pause its clock while it waits on the resident or a third party.',
  ['unitCode', 'reason'],
  { unitCode, reason: text(1000) },
);
export type CasePauseRequestedData = EventData<typeof CasePauseRequested>;

export const CaseResumeRequested = defineCaseEvent('handling', 'case.resume-requested.v1', 'A unit asked the centre to run its paused clock again.', ['unitCode'], {
  unitCode,
});
export type CaseResumeRequestedData = EventData<typeof CaseResumeRequested>;

export const CaseResultSubmitted = defineCaseEvent(
  'handling',
  'case.result-submitted.v1',
  'The lead unit reported the result of a case (办结), for the centre to review.',
  ['unitCode', 'result', 'evidenceUrls'],
  { unitCode, result: text(4000), evidenceUrls },
);
export type CaseResultSubmittedData = EventData<typeof CaseResultSubmitted>;

export const CasePartSubmitted = defineCaseEvent(
  'handling',
  'case.part-submitted.v1',
  'A co-handling unit reported its part of a case.',
  ['unitCode', 'part', 'evidenceUrls'],
  { unitCode, part: text(4000), evidenceUrls },
);
export type CasePartSubmittedData = EventData<typeof CasePartSubmitted>;

// the whistle (吹哨): a township or community calls county departments on a case

export const WhistleBlown = defineCaseEvent(
  'handling',
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
export type WhistleBlownData = EventData<typeof WhistleBlown>;

export const WhistleAnswered = defineCaseEvent('handling', 'whistle.answered.v1', 'A called department answered a whistle (响应).', ['whistleId', 'departmentCode'], {
  whistleId: str,
  departmentCode: unitCode,
});
export type WhistleAnsweredData = EventData<typeof WhistleAnswered>;

export const WhistleReportedOnSite = defineCaseEvent(
  'handling',
  'whistle.reported-on-site.v1',
  'A called department reported on site (报到).',
  ['whistleId', 'departmentCode', 'reportedAt'],
  { whistleId: str, departmentCode: unitCode, reportedAt: dateTime },
);
export type WhistleReportedOnSiteData = EventData<typeof WhistleReportedOnSite>;

export const WhistlePartFinished = defineCaseEvent(
  'handling',
  'whistle.part-finished.v1',
  'A called department finished its share of the work on site (事不完、人不撤).',
  ['whistleId', 'departmentCode'],
  { whistleId: str, departmentCode: unitCode },
);
export type WhistlePartFinishedData = EventData<typeof WhistlePartFinished>;

export const WhistleReleased = defineCaseEvent(
  'handling',
  'whistle.released.v1',
  'The calling township released a called department before it finished its part.',
  ['whistleId', 'departmentCode'],
  { whistleId: str, departmentCode: unitCode },
);
export type WhistleReleasedData = EventData<typeof WhistleReleased>;

export const WhistleAnswerRated = defineCaseEvent(
  'handling',
  'whistle.answer-rated.v1',
  "The calling township rated a department's answer to its whistle (1 to 5, with a comment).",
  ['whistleId', 'departmentCode', 'rating', 'comment'],
  { whistleId: str, departmentCode: unitCode, rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 1000 } },
);
export type WhistleAnswerRatedData = EventData<typeof WhistleAnswerRated>;

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

export type HandlingEvent = EventOf<(typeof HANDLING_EVENTS)[number]>;
