import { APPEAL_TYPES, CHANNELS, URGENCIES, type AppealType, type Channel, type Urgency } from '../vocabulary';
import { dateTime, defineEvent, str } from './schema';

/**
 * Events produced by intake (topic county.intake.events). They never carry a resident's name
 * or phone: only a pseudonymous resident id (keyed hash) and a masked phone.
 */

export interface CaseLocation {
  readonly address?: string;
  readonly gridCode?: string;
  readonly communityCode?: string;
  readonly townshipCode?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  /** false when the place could not be resolved to a grid: the case goes to the centre's triage. */
  readonly resolved: boolean;
}

export interface ResidentRef {
  readonly anonymous: boolean;
  /** Keyed hash of the resident's phone (or name when no phone); absent when anonymous. */
  readonly residentId?: string;
  /** e.g. 138****5678; absent when anonymous or no phone. */
  readonly maskedPhone?: string;
}

export interface CaseReceivedData {
  readonly caseId: string;
  readonly channel: Channel;
  readonly channelReference: string;
  readonly appealType: AppealType;
  readonly categoryCode: string;
  readonly urgency: Urgency;
  readonly description: string;
  readonly location: CaseLocation;
  readonly resident: ResidentRef;
  readonly receivedAt: string;
  readonly attachments: readonly string[];
}

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
    resolved: { type: 'boolean' },
  },
} as const;

const resident = {
  type: 'object',
  additionalProperties: false,
  required: ['anonymous'],
  properties: {
    anonymous: { type: 'boolean' },
    residentId: { type: 'string', pattern: '^r_[0-9a-f]{32}$' },
    maskedPhone: { type: 'string', pattern: '^[0-9]{0,3}\\*+[0-9]{0,4}$' },
  },
} as const;

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

/** The same resident came back about the same matter at the same place while the case was open (重复诉求). */
export interface CaseRepeatAppealRecordedData {
  readonly caseId: string;
  readonly channel: Channel;
  readonly channelReference: string;
  readonly receivedAt: string;
  /** How many repeat appeals the case has now, this one included. */
  readonly repeatCount: number;
  readonly residentId?: string;
}

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
      repeatCount: { type: 'integer', minimum: 1 },
      residentId: { type: 'string', pattern: '^r_[0-9a-f]{32}$' },
    },
  },
});

/** Centre staff merged a case (caseId) into another one (intoCaseId): the merged case is handled as part of the other. */
export interface CaseMergedData {
  readonly caseId: string;
  readonly intoCaseId: string;
  readonly reason: string;
}

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

/** Centre staff undid a merge: the case (caseId) is handled on its own again. */
export interface CaseMergeUndoneData {
  readonly caseId: string;
  readonly intoCaseId: string;
  readonly reason: string;
}

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

export type IntakeEvent =
  | { type: typeof CaseReceived.type; data: CaseReceivedData }
  | { type: typeof CaseRepeatAppealRecorded.type; data: CaseRepeatAppealRecordedData }
  | { type: typeof CaseMerged.type; data: CaseMergedData }
  | { type: typeof CaseMergeUndone.type; data: CaseMergeUndoneData };

export const INTAKE_EVENTS = [CaseReceived, CaseRepeatAppealRecorded, CaseMerged, CaseMergeUndone];
