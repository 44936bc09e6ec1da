import { dateTime, defineCaseEvent, defineEvent, str, unitCode, type EventData, type EventOf, type Payload } from './schema';

/**
 * Events produced by dispatch, the centre (topic county.dispatch.events). Case events have the
 * case id as subject; responsibility-list events have the subject 'responsibility-list'.
 */

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const url = { type: 'string', format: 'uri', maxLength: 2000 } as const;
const reason = text(1000);

// dispatch

const basis = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'explanation'],
  properties: {
    /**
     * 'placeholder' (before the responsibility list decided), 'list' (names the item and version),
     * 'manual' (a dispatcher decided, with a reason), 'transfer' (the centre re-dispatched a returned case).
     */
    kind: { enum: ['placeholder', 'list', 'manual', 'transfer'] },
    explanation: str,
    listItemId: { type: 'string' },
    listVersion: { type: 'integer', minimum: 1 },
  },
} as const;
export type DispatchBasis = Payload<typeof basis>;

/** One unit of a joint dispatch (主办/协办): the lead unit and co-handlers, each with its own part. */
const assignment = {
  type: 'object',
  additionalProperties: false,
  required: ['unitCode', 'role'],
  properties: { unitCode, role: { enum: ['lead', 'co-handler'] }, part: text(500) },
} as const;
export type DispatchAssignment = Payload<typeof assignment>;

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
      basis,
      dispatchedAt: dateTime,
      /** true when the case had been dispatched before (a transfer or an override): the handling clock does not restart. */
      redispatch: { type: 'boolean' },
      /** Present on a joint dispatch: the lead (= primaryUnitCode) and the co-handlers with their parts. */
      assignments: { type: 'array', minItems: 1, items: assignment },
      /** true when the centre's assignment is final: the unit may not ask to return the case. */
      final: { type: 'boolean' },
    },
  },
});
export type CaseDispatchedData = EventData<typeof CaseDispatched>;

export const CaseSentToTriage = defineCaseEvent('dispatch', 'case.sent-to-triage.v1', 'No item of the responsibility list covers the case: a dispatcher must decide (triage queue).', ['reason'], {
  reason,
  categoryCode: str,
  urgency: str,
  townshipCode: { type: 'string' },
  sentAt: dateTime,
});
export type CaseSentToTriageData = EventData<typeof CaseSentToTriage>;

// transfers (退单)

export const CaseTransferRequestRegistered = defineCaseEvent(
  'dispatch',
  'case.transfer-request-registered.v1',
  "The centre put a unit's request to return a case on its desk (it was asked in time).",
  ['unitCode', 'reason', 'requestedAt', 'windowEndsAt'],
  {
    unitCode,
    reason,
    requestedAt: dateTime,
    /** The end of the window in which the unit could ask. */
    windowEndsAt: dateTime,
  },
);
export type CaseTransferRequestRegisteredData = EventData<typeof CaseTransferRequestRegistered>;

export const CaseTransferApproved = defineCaseEvent(
  'dispatch',
  'case.transfer-approved.v1',
  'The centre approved a transfer; a case.dispatched.v1 with redispatch true follows.',
  ['fromUnitCode', 'reason', 'transferCount'],
  {
    fromUnitCode: unitCode,
    reason,
    /** How many times the case has been transferred, this one included. */
    transferCount: { type: 'integer', minimum: 1 },
    toUnitCode: unitCode,
  },
);
export type CaseTransferApprovedData = EventData<typeof CaseTransferApproved>;

export const CaseTransferRejected = defineCaseEvent('dispatch', 'case.transfer-rejected.v1', 'The centre rejected a transfer request: the unit keeps the case.', ['unitCode', 'reason'], {
  unitCode,
  reason,
  /** true when the rules refused the request on their own (late, final assignment, not the unit's case). */
  automatic: { type: 'boolean' },
});
export type CaseTransferRejectedData = EventData<typeof CaseTransferRejected>;

// review (审核)

export const CaseResultRegistered = defineCaseEvent(
  'dispatch',
  'case.result-registered.v1',
  "A unit's result is on the centre's review queue.",
  ['unitCode', 'result', 'evidenceUrls', 'submittedAt'],
  {
    unitCode,
    result: text(4000),
    evidenceUrls: { type: 'array', items: url, maxItems: 20 },
    submittedAt: dateTime,
  },
);
export type CaseResultRegisteredData = EventData<typeof CaseResultRegistered>;

export const CaseResultApproved = defineCaseEvent('dispatch', 'case.result-approved.v1', 'The centre approved the result: on to the return visit.', ['unitCode', 'reviewedAt'], {
  unitCode,
  reviewedAt: dateTime,
});
export type CaseResultApprovedData = EventData<typeof CaseResultApproved>;

export const CaseResultSentBack = defineCaseEvent('dispatch', 'case.result-sent-back.v1', 'The centre sent the result back to the unit for rework.', ['unitCode', 'reason'], {
  unitCode,
  reason,
  reviewedAt: dateTime,
});
export type CaseResultSentBackData = EventData<typeof CaseResultSentBack>;

// extensions (延期)

export const CaseExtensionRequestRegistered = defineCaseEvent(
  'dispatch',
  'case.extension-request-registered.v1',
  "A unit's request for more time is on the centre's desk (it was asked before the deadline).",
  ['unitCode', 'extraWorkingDays', 'reason', 'requestedAt', 'deadline'],
  {
    unitCode,
    extraWorkingDays: { type: 'integer', minimum: 1 },
    reason,
    requestedAt: dateTime,
    /** The handling deadline the request was asked before. */
    deadline: dateTime,
  },
);
export type CaseExtensionRequestRegisteredData = EventData<typeof CaseExtensionRequestRegistered>;

export const CaseExtensionApproved = defineCaseEvent('dispatch', 'case.extension-approved.v1', 'The centre extended the handling deadline.', ['unitCode', 'extraWorkingDays', 'reason'], {
  unitCode,
  extraWorkingDays: { type: 'integer', minimum: 1 },
  reason,
  newDeadline: dateTime,
});
export type CaseExtensionApprovedData = EventData<typeof CaseExtensionApproved>;

export const CaseExtensionRejected = defineCaseEvent('dispatch', 'case.extension-rejected.v1', 'The centre refused an extension: the deadline stands.', ['unitCode', 'reason'], {
  unitCode,
  reason,
  automatic: { type: 'boolean' },
});
export type CaseExtensionRejectedData = EventData<typeof CaseExtensionRejected>;

// pauses

export const CasePauseRequestRegistered = defineCaseEvent(
  'dispatch',
  'case.pause-request-registered.v1',
  "A unit's request to pause the handling clock is on the centre's desk.",
  ['unitCode', 'reason', 'requestedAt'],
  { unitCode, reason, requestedAt: dateTime },
);
export type CasePauseRequestRegisteredData = EventData<typeof CasePauseRequestRegistered>;

export const CaseClockPaused = defineCaseEvent('dispatch', 'case.clock-paused.v1', "The centre paused the case's handling clock (waiting on the resident or a third party).", ['unitCode', 'reason'], {
  unitCode,
  reason,
  pausedAt: dateTime,
});
export type CaseClockPausedData = EventData<typeof CaseClockPaused>;

export const CaseClockResumed = defineCaseEvent('dispatch', 'case.clock-resumed.v1', "The case's handling clock runs again; the working time it was paused moves the handling deadline.", ['unitCode'], {
  unitCode,
  resumedAt: dateTime,
  /**
   * The working minutes the clock was paused (from the pause to resumedAt, by the working calendar
   * in force when the centre resumed it): decided once, so that a later calendar never changes it.
   * Absent in events written before it was recorded.
   */
  pausedWorkingMinutes: { type: 'number', minimum: 0 },
});
export type CaseClockResumedData = EventData<typeof CaseClockResumed>;

export const CasePauseRejected = defineCaseEvent('dispatch', 'case.pause-rejected.v1', 'The centre refused to pause the clock: it keeps running.', ['unitCode', 'reason'], { unitCode, reason });
export type CasePauseRejectedData = EventData<typeof CasePauseRejected>;

// the responsibility list (属地管理事项清单), subject 'responsibility-list'

/**
 * Where an item applies: the whole county (also when the place is unknown), urban streets, rural
 * towns, or one township, which it names.
 */
const scopeSchema = {
  anyOf: [
    { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { enum: ['county', 'urban', 'rural'] } } },
    { type: 'object', additionalProperties: false, required: ['kind', 'townshipCode'], properties: { kind: { const: 'township' }, townshipCode: unitCode } },
  ],
} as const;
export type ResponsibilityScope = Payload<typeof scopeSchema>;

/** A responsible unit: a named county-level unit, or the place's own township, community or grid (which names no unit). */
const unitRefSchema = {
  anyOf: [
    { type: 'object', additionalProperties: false, required: ['level', 'unitCode'], properties: { level: { const: 'county' }, unitCode } },
    { type: 'object', additionalProperties: false, required: ['level'], properties: { level: { enum: ['township', 'community', 'grid'] } } },
  ],
} as const;
export type ResponsibleUnitRef = Payload<typeof unitRefSchema>;

const listItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'categoryCode', 'scope', 'primary', 'cooperating'],
  properties: {
    id: text(120),
    categoryCode: str,
    scope: scopeSchema,
    /** 主体责任 */
    primary: unitRefSchema,
    /** 配合责任 */
    cooperating: { type: 'array', items: unitRefSchema, maxItems: 10 },
    note: text(500),
  },
} as const;
export type ResponsibilityListItem = Payload<typeof listItemSchema>;

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
      /** The list version the change was drawn up against. */
      baseVersion: { type: 'integer', minimum: 1 },
      upserts: { type: 'array', items: listItemSchema, maxItems: 500 },
      removals: { type: 'array', items: str, maxItems: 500 },
      /** Items whose primary duty the change moves from a county unit down to a township, community or grid (准入). */
      pushesDown: { type: 'array', items: str },
      proposedAt: dateTime,
    },
  },
});
export type ResponsibilityListChangeProposedData = EventData<typeof ResponsibilityListChangeProposed>;

export const ResponsibilityListChangeApproved = defineEvent({
  type: 'responsibility-list.change-approved.v1',
  source: 'dispatch',
  summary: 'A proposed change was approved: it becomes a new list version, effective from a time.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['changeId', 'version', 'effectiveFrom', 'approvedBy', 'approvedAt'],
    properties: {
      changeId: str,
      /** The list version the change makes. */
      version: { type: 'integer', minimum: 2 },
      effectiveFrom: dateTime,
      approvedBy: unitCode,
      approvedAt: dateTime,
    },
  },
});
export type ResponsibilityListChangeApprovedData = EventData<typeof ResponsibilityListChangeApproved>;

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
export type ResponsibilityListChangeRejectedData = EventData<typeof ResponsibilityListChangeRejected>;

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

export type DispatchEvent = EventOf<(typeof DISPATCH_EVENTS)[number]>;
