/** The shared words of the domain (see docs/domain.md): one spelling for code, API, events and UI. */

/** Where an appeal came in. */
export const CHANNELS = ['hotline', 'grid-worker', 'app', 'mini-program', 'wechat-robot', 'walk-in', 'complaint-box'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What kind of appeal it is. */
export const APPEAL_TYPES = ['complaint', 'request-for-help', 'report', 'consultation', 'suggestion'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Where a case stands: one vocabulary for every service's views of a case and for the case
 * workflow's `CaseStatus` search attribute. Each service says the word for what it knows; none
 * invents its own.
 *
 * - received: intake has it; the centre has not routed it yet
 * - in-triage: no item of the responsibility list covers it; waiting for a dispatcher
 * - dispatched: a unit has it and has not signed for it (also after a transfer)
 * - signed-for: the unit signed for it (签收) and works on it (also after a result was sent back)
 * - transfer-requested: the unit asked to return it (退单); waiting for the centre
 * - result-submitted: the unit reported a result (办结); it waits for the centre's review
 * - result-approved: the centre approved the result; waiting for the return visit (回访)
 * - reopened: the return visit reopened it (重办); the unit must sign for it again
 * - closed: the loop is closed
 */
export const CASE_STATUSES = ['received', 'in-triage', 'dispatched', 'signed-for', 'transfer-requested', 'result-submitted', 'result-approved', 'reopened', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
