import { APPEAL_TYPES, CHANNELS, URGENCIES } from '../vocabulary';
import { dateTime, defineEvent, str, type EventData, type EventOf, type Payload } from './schema';

/**
 * Events produced by intake (topic county.intake.events). They never carry a resident's name
 * or phone: only a pseudonymous resident id (keyed hash) and a masked phone.
 */

const location = {
  type: 'object',
  additionalProperties: false,
  required: ['resolved'],
  properties: {
    address: { type: 'string', maxLength: 500 },
    gridCode: { type: 'string' },
    communityCode: { type: 'string' },
    townshipCode: { type: 'string' },
    latitude: { type: 'number', minimum: -90, maximum: 90 },
    longitude: { type: 'number', minimum: -180, maximum: 180 },
    /** false when the place could not be resolved to a grid: the case goes to the centre's triage. */
    resolved: { type: 'boolean' },
  },
} as const;
export type CaseLocation = Payload<typeof location>;

const resident = {
  type: 'object',
  additionalProperties: false,
  required: ['anonymous'],
  properties: {
    anonymous: { type: 'boolean' },
    /** Keyed hash of the resident's phone (or name when no phone); absent when anonymous. */
    residentId: { type: 'string', pattern: '^r_[0-9a-f]{32}$' },
    /** e.g. 138****5678; absent when anonymous or no phone. */
    maskedPhone: { type: 'string', pattern: '^[0-9]{0,3}\\*+[0-9]{0,4}$' },
  },
} as const;
export type ResidentRef = Payload<typeof resident>;

export const CaseReceived = defineEvent({
  type: 'case.received.v1',
  source: 'intake',
  summary: 'An appeal was accepted and became a case.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'channel', 'channelReference', 'appealType', 'categoryCode', 'urgency', 'description', 'location', 'resident', 'receivedAt', 'attachments'],
    properties: {
      caseId: str,
      channel: { enum: [...CHANNELS] },
      channelReference: str,
      appealType: { enum: [...APPEAL_TYPES] },
      categoryCode: str,
      urgency: { enum: [...URGENCIES] },
      description: { type: 'string', minLength: 1, maxLength: 4000 },
      location,
      resident,
      receivedAt: dateTime,
      attachments: { type: 'array', items: { type: 'string', format: 'uri' }, maxItems: 20 },
    },
  },
});
export type CaseReceivedData = EventData<typeof CaseReceived>;

/** The same resident came back about the same matter at the same place while the case was open (重复诉求). */
export const CaseRepeatAppealRecorded = defineEvent({
  type: 'case.repeat-appeal-recorded.v1',
  source: 'intake',
  summary: 'A repeat appeal (same resident, matter and place) was recorded on an open case instead of opening a new one.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'channel', 'channelReference', 'receivedAt', 'repeatCount'],
    properties: {
      caseId: str,
      channel: { enum: [...CHANNELS] },
      channelReference: str,
      receivedAt: dateTime,
      /** How many repeat appeals the case has now, this one included. */
      repeatCount: { type: 'integer', minimum: 1 },
      residentId: { type: 'string', pattern: '^r_[0-9a-f]{32}$' },
    },
  },
});
export type CaseRepeatAppealRecordedData = EventData<typeof CaseRepeatAppealRecorded>;

/** Centre staff merged a case (caseId) into another one (intoCaseId): the merged case is handled as part of the other. */
export const CaseMerged = defineEvent({
  type: 'case.merged.v1',
  source: 'intake',
  summary: 'Centre staff merged a case into another case; the merged case is no longer handled on its own.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'intoCaseId', 'reason'],
    properties: { caseId: str, intoCaseId: str, reason: { type: 'string', minLength: 1, maxLength: 500 } },
  },
});
export type CaseMergedData = EventData<typeof CaseMerged>;

/** Centre staff undid a merge: the case (caseId) is handled on its own again. */
export const CaseMergeUndone = defineEvent({
  type: 'case.merge-undone.v1',
  source: 'intake',
  summary: 'Centre staff undid a merge; the case is handled on its own again.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'intoCaseId', 'reason'],
    properties: { caseId: str, intoCaseId: str, reason: { type: 'string', minLength: 1, maxLength: 500 } },
  },
});
export type CaseMergeUndoneData = EventData<typeof CaseMergeUndone>;

export const INTAKE_EVENTS = [CaseReceived, CaseRepeatAppealRecorded, CaseMerged, CaseMergeUndone];

export type IntakeEvent = EventOf<(typeof INTAKE_EVENTS)[number]>;
