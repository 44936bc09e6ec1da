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

export type IntakeEvent = { type: typeof CaseReceived.type; data: CaseReceivedData };

export const INTAKE_EVENTS = [CaseReceived];
