import { dateTime, defineEvent, str, unitCode } from './schema';

/**
 * Events produced by dispatch, the centre (topic county.dispatch.events). Case events have the
 * case id as subject; responsibility-list events have the subject 'responsibility-list'.
 */

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const url = { type: 'string', format: 'uri', maxLength: 2000 } as const;
const reason = text(1000);

function caseEvent<TType extends string>(type: TType, summary: string, required: readonly string[], properties: Record<string, unknown>) {
  return defineEvent({
    type,
    source: 'dispatch',
    summary,
    schema: { type: 'object', additionalProperties: false, required: ['caseId', ...required], properties: { caseId: str, ...properties } },
  });
}

// dispatch

export interface DispatchBasis {
  /**
   * 'placeholder' (before the responsibility list decided), 'list' (names the item and version),
   * 'manual' (a dispatcher decided, with a reason), 'transfer' (the centre re-dispatched a returned case).
   */
  readonly kind: 'placeholder' | 'list' | 'manual' | 'transfer';
  readonly explanation: string;
  readonly listItemId?: string;
  readonly listVersion?: number;
}

/** One unit of a joint dispatch (主办/协办): the lead unit and co-handlers, each with its own part. */
export interface DispatchAssignment {
  readonly unitCode: string;
  readonly role: 'lead' | 'co-handler';
  readonly part?: string;
}

export interface CaseDispatchedData {
  readonly caseId: string;
  readonly primaryUnitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  readonly categoryCode: string;
  readonly urgency: string;
  readonly townshipCode?: string;
  readonly basis: DispatchBasis;
  readonly dispatchedAt: string;
  /** true when the case had been dispatched before (a transfer or an override): the handling clock does not restart. */
  readonly redispatch?: boolean;
  /** Present on a joint dispatch: the lead (= primaryUnitCode) and the co-handlers with their parts. */
  readonly assignments?: readonly DispatchAssignment[];
  /** true when the centre's assignment is final: the unit may not ask to return the case. */
  readonly final?: boolean;
}

export const CaseDispatched = defineEvent({
  type: 'case.dispatched.v1',
  source: 'dispatch',
  summary: 'The centre sent a case to the unit responsible for it (and its cooperating units).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'primaryUnitCode', 'cooperatingUnitCodes', 'categoryCode', 'urgency', 'basis', 'dispatchedAt'],
    properties: {
      caseId: str,
      primaryUnitCode: unitCode,
      cooperatingUnitCodes: { type: 'array', items: unitCode },
      categoryCode: str,
      urgency: str,
      townshipCode: { type: 'string' },
      basis: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'explanation'],
        properties: {
          kind: { enum: ['placeholder', 'list', 'manual', 'transfer'] },
          explanation: str,
          listItemId: { type: 'string' },
          listVersion: { type: 'integer', minimum: 1 },
        },
      },
      dispatchedAt: dateTime,
      redispatch: { type: 'boolean' },
      assignments: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['unitCode', 'role'],
          properties: { unitCode, role: { enum: ['lead', 'co-handler'] }, part: text(500) },
        },
      },
      final: { type: 'boolean' },
    },
  },
});

export interface CaseSentToTriageData {
  readonly caseId: string;
  readonly reason: string;
  readonly categoryCode?: string;
  readonly urgency?: string;
  readonly townshipCode?: string;
  readonly sentAt?: string;
}

export const CaseSentToTriage = caseEvent('case.sent-to-triage.v1', 'No item of the responsibility list covers the case: a dispatcher must decide (triage queue).', ['reason'], {
  reason,
  categoryCode: str,
  urgency: str,
  townshipCode: { type: 'string' },
  sentAt: dateTime,
});

// transfers (退单)

export interface CaseTransferRequestRegisteredData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
  readonly requestedAt: string;
  /** The end of the window in which the unit could ask. */
  readonly windowEndsAt: string;
}

export const CaseTransferRequestRegistered = caseEvent(
  'case.transfer-request-registered.v1',
  "The centre put a unit's request to return a case on its desk (it was asked in time).",
  ['unitCode', 'reason', 'requestedAt', 'windowEndsAt'],
  { unitCode, reason, requestedAt: dateTime, windowEndsAt: dateTime },
);

export interface CaseTransferApprovedData {
  readonly caseId: string;
  readonly fromUnitCode: string;
  readonly reason: string;
  /** How many times the case has been transferred, this one included. */
  readonly transferCount: number;
  readonly toUnitCode?: string;
}

export const CaseTransferApproved = caseEvent(
  'case.transfer-approved.v1',
  'The centre approved a transfer; a case.dispatched.v1 with redispatch true follows.',
  ['fromUnitCode', 'reason', 'transferCount'],
  { fromUnitCode: unitCode, reason, transferCount: { type: 'integer', minimum: 1 }, toUnitCode: unitCode },
);

export interface CaseTransferRejectedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
  /** true when the rules refused the request on their own (late, final assignment, not the unit's case). */
  readonly automatic?: boolean;
}

export const CaseTransferRejected = caseEvent('case.transfer-rejected.v1', 'The centre rejected a transfer request: the unit keeps the case.', ['unitCode', 'reason'], {
  unitCode,
  reason,
  automatic: { type: 'boolean' },
});

// review (审核)

export interface CaseResultRegisteredData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly result: string;
  readonly evidenceUrls: readonly string[];
  readonly submittedAt: string;
}

export const CaseResultRegistered = caseEvent('case.result-registered.v1', "A unit's result is on the centre's review queue.", ['unitCode', 'result', 'evidenceUrls', 'submittedAt'], {
  unitCode,
  result: text(4000),
  evidenceUrls: { type: 'array', items: url, maxItems: 20 },
  submittedAt: dateTime,
});

export interface CaseResultApprovedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reviewedAt: string;
}

export const CaseResultApproved = caseEvent('case.result-approved.v1', 'The centre approved the result: on to the return visit.', ['unitCode', 'reviewedAt'], {
  unitCode,
  reviewedAt: dateTime,
});

export interface CaseResultSentBackData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
  readonly reviewedAt?: string;
}

export const CaseResultSentBack = caseEvent('case.result-sent-back.v1', 'The centre sent the result back to the unit for rework.', ['unitCode', 'reason'], {
  unitCode,
  reason,
  reviewedAt: dateTime,
});

// extensions (延期)

export interface CaseExtensionRequestRegisteredData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly extraWorkingDays: number;
  readonly reason: string;
  readonly requestedAt: string;
  /** The handling deadline the request was asked before. */
  readonly deadline: string;
}

export const CaseExtensionRequestRegistered = caseEvent(
  'case.extension-request-registered.v1',
  "A unit's request for more time is on the centre's desk (it was asked before the deadline).",
  ['unitCode', 'extraWorkingDays', 'reason', 'requestedAt', 'deadline'],
  { unitCode, extraWorkingDays: { type: 'integer', minimum: 1 }, reason, requestedAt: dateTime, deadline: dateTime },
);

export interface CaseExtensionApprovedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly extraWorkingDays: number;
  readonly reason: string;
  readonly newDeadline?: string;
}

export const CaseExtensionApproved = caseEvent('case.extension-approved.v1', 'The centre extended the handling deadline.', ['unitCode', 'extraWorkingDays', 'reason'], {
  unitCode,
  extraWorkingDays: { type: 'integer', minimum: 1 },
  reason,
  newDeadline: dateTime,
});

export interface CaseExtensionRejectedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
  readonly automatic?: boolean;
}

export const CaseExtensionRejected = caseEvent('case.extension-rejected.v1', 'The centre refused an extension: the deadline stands.', ['unitCode', 'reason'], {
  unitCode,
  reason,
  automatic: { type: 'boolean' },
});

// pauses

export interface CasePauseRequestRegisteredData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
  readonly requestedAt: string;
}

export const CasePauseRequestRegistered = caseEvent(
  'case.pause-request-registered.v1',
  "A unit's request to pause the handling clock is on the centre's desk.",
  ['unitCode', 'reason', 'requestedAt'],
  { unitCode, reason, requestedAt: dateTime },
);

export interface CaseClockPausedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
  readonly pausedAt?: string;
}

export const CaseClockPaused = caseEvent('case.clock-paused.v1', "The centre paused the case's handling clock (waiting on the resident or a third party).", ['unitCode', 'reason'], {
  unitCode,
  reason,
  pausedAt: dateTime,
});

export interface CaseClockResumedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly resumedAt?: string;
  /**
   * The working minutes the clock was paused (from the pause to resumedAt, by the working calendar
   * in force when the centre resumed it): decided once, so that a later calendar never changes it.
   * Absent in events written before it was recorded.
   */
  readonly pausedWorkingMinutes?: number;
}

export const CaseClockResumed = caseEvent('case.clock-resumed.v1', "The case's handling clock runs again; the working time it was paused moves the handling deadline.", ['unitCode'], {
  unitCode,
  resumedAt: dateTime,
  pausedWorkingMinutes: { type: 'number', minimum: 0 },
});

export interface CasePauseRejectedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
}

export const CasePauseRejected = caseEvent('case.pause-rejected.v1', 'The centre refused to pause the clock: it keeps running.', ['unitCode', 'reason'], { unitCode, reason });

// the responsibility list (属地管理事项清单), subject 'responsibility-list'

/** Where an item applies: the whole county (also when the place is unknown), urban streets, rural towns, or one township. */
export type ResponsibilityScope = { readonly kind: 'county' } | { readonly kind: 'urban' } | { readonly kind: 'rural' } | { readonly kind: 'township'; readonly townshipCode: string };

/** A responsible unit: a named county-level unit, or the place's own township, community or grid. */
export type ResponsibleUnitRef = { readonly level: 'county'; readonly unitCode: string } | { readonly level: 'township' | 'community' | 'grid' };

export interface ResponsibilityListItem {
  readonly id: string;
  readonly categoryCode: string;
  readonly scope: ResponsibilityScope;
  /** 主体责任 */
  readonly primary: ResponsibleUnitRef;
  /** 配合责任 */
  readonly cooperating: readonly ResponsibleUnitRef[];
  readonly note?: string;
}

const scopeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { enum: ['county', 'urban', 'rural', 'township'] }, townshipCode: unitCode },
} as const;

const unitRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['level'],
  properties: { level: { enum: ['county', 'township', 'community', 'grid'] }, unitCode },
} as const;

const listItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'categoryCode', 'scope', 'primary', 'cooperating'],
  properties: {
    id: text(120),
    categoryCode: str,
    scope: scopeSchema,
    primary: unitRefSchema,
    cooperating: { type: 'array', items: unitRefSchema, maxItems: 10 },
    note: text(500),
  },
} as const;

export interface ResponsibilityListChangeProposedData {
  readonly changeId: string;
  readonly proposedBy: string;
  readonly reason: string;
  /** The list version the change was drawn up against. */
  readonly baseVersion: number;
  readonly upserts: readonly ResponsibilityListItem[];
  readonly removals: readonly string[];
  /** Items whose primary duty the change moves from a county unit down to a township, community or grid (准入). */
  readonly pushesDown: readonly string[];
  readonly proposedAt: string;
}

export const ResponsibilityListChangeProposed = defineEvent({
  type: 'responsibility-list.change-proposed.v1',
  source: 'dispatch',
  summary: 'A change to the responsibility list was proposed; it has no effect until approved.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['changeId', 'proposedBy', 'reason', 'baseVersion', 'upserts', 'removals', 'pushesDown', 'proposedAt'],
    properties: {
      changeId: str,
      proposedBy: unitCode,
      reason,
      baseVersion: { type: 'integer', minimum: 1 },
      upserts: { type: 'array', items: listItemSchema, maxItems: 500 },
      removals: { type: 'array', items: str, maxItems: 500 },
      pushesDown: { type: 'array', items: str },
      proposedAt: dateTime,
    },
  },
});

export interface ResponsibilityListChangeApprovedData {
  readonly changeId: string;
  /** The list version the change makes. */
  readonly version: number;
  readonly effectiveFrom: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
}

export const ResponsibilityListChangeApproved = defineEvent({
  type: 'responsibility-list.change-approved.v1',
  source: 'dispatch',
  summary: 'A proposed change was approved: it becomes a new list version, effective from a time.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['changeId', 'version', 'effectiveFrom', 'approvedBy', 'approvedAt'],
    properties: { changeId: str, version: { type: 'integer', minimum: 2 }, effectiveFrom: dateTime, approvedBy: unitCode, approvedAt: dateTime },
  },
});

export interface ResponsibilityListChangeRejectedData {
  readonly changeId: string;
  readonly rejectedBy: string;
  readonly reason: string;
  readonly rejectedAt: string;
}

export const ResponsibilityListChangeRejected = defineEvent({
  type: 'responsibility-list.change-rejected.v1',
  source: 'dispatch',
  summary: 'A proposed change to the responsibility list was rejected.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['changeId', 'rejectedBy', 'reason', 'rejectedAt'],
    properties: { changeId: str, rejectedBy: unitCode, reason, rejectedAt: dateTime },
  },
});

export type DispatchEvent =
  | { type: typeof CaseDispatched.type; data: CaseDispatchedData }
  | { type: typeof CaseSentToTriage.type; data: CaseSentToTriageData }
  | { type: typeof CaseTransferRequestRegistered.type; data: CaseTransferRequestRegisteredData }
  | { type: typeof CaseTransferApproved.type; data: CaseTransferApprovedData }
  | { type: typeof CaseTransferRejected.type; data: CaseTransferRejectedData }
  | { type: typeof CaseResultRegistered.type; data: CaseResultRegisteredData }
  | { type: typeof CaseResultApproved.type; data: CaseResultApprovedData }
  | { type: typeof CaseResultSentBack.type; data: CaseResultSentBackData }
  | { type: typeof CaseExtensionRequestRegistered.type; data: CaseExtensionRequestRegisteredData }
  | { type: typeof CaseExtensionApproved.type; data: CaseExtensionApprovedData }
  | { type: typeof CaseExtensionRejected.type; data: CaseExtensionRejectedData }
  | { type: typeof CasePauseRequestRegistered.type; data: CasePauseRequestRegisteredData }
  | { type: typeof CaseClockPaused.type; data: CaseClockPausedData }
  | { type: typeof CaseClockResumed.type; data: CaseClockResumedData }
  | { type: typeof CasePauseRejected.type; data: CasePauseRejectedData }
  | { type: typeof ResponsibilityListChangeProposed.type; data: ResponsibilityListChangeProposedData }
  | { type: typeof ResponsibilityListChangeApproved.type; data: ResponsibilityListChangeApprovedData }
  | { type: typeof ResponsibilityListChangeRejected.type; data: ResponsibilityListChangeRejectedData };

export const DISPATCH_EVENTS = [
  CaseDispatched,
  CaseSentToTriage,
  CaseTransferRequestRegistered,
  CaseTransferApproved,
  CaseTransferRejected,
  CaseResultRegistered,
  CaseResultApproved,
  CaseResultSentBack,
  CaseExtensionRequestRegistered,
  CaseExtensionApproved,
  CaseExtensionRejected,
  CasePauseRequestRegistered,
  CaseClockPaused,
  CaseClockResumed,
  CasePauseRejected,
  ResponsibilityListChangeProposed,
  ResponsibilityListChangeApproved,
  ResponsibilityListChangeRejected,
];
