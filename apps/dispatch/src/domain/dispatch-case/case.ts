import {
  ErrorCodes,
  DomainError,
  type CaseClockPausedData,
  type CaseClockResumedData,
  type CaseDispatchedData,
  type CaseExtensionApprovedData,
  type CaseExtensionRejectedData,
  type CaseExtensionRequestRegisteredData,
  type CasePauseRejectedData,
  type CasePauseRequestRegisteredData,
  type CaseResultApprovedData,
  type CaseResultRegisteredData,
  type CaseResultSentBackData,
  type CaseSentToTriageData,
  type CaseTransferApprovedData,
  type CaseTransferRejectedData,
  type CaseTransferRequestRegisteredData,
  type CaseStatus,
  type DispatchAssignment,
} from '@county/contracts';
import { addWorkingDays, addWorkingTime, deadlineFor, deadlinePolicy, defaultCalendar, isUrgency, unitByCode, workingTimeBetween, type TimeAmount } from '@county/reference';

/**
 * The case as the centre sees it (派、转、审): routed by the responsibility list or sent to triage,
 * dispatched (also jointly, or by a dispatcher's override), returned by a unit (退单) and
 * re-dispatched, reviewed (审核), extended (延期) and paused.
 *
 * This file holds the events, the state, evolve and upcast, and the rules every step reads (the
 * transfer window, the handling deadline, a reopen's round). What each step decides lives beside
 * it, one module a step: routing.ts, transfers.ts, review.ts, extensions.ts, pauses.ts; index.ts
 * joins them into the decider.
 *
 * A unit's requests arrive as handling's events; the centre first registers them (or refuses
 * them at once when the rules leave no choice: too late, final assignment, not the unit's case),
 * then a dispatcher rules on them through the REST API.
 *
 * A reopened case (重办, evaluation's case.reopened.v1 after an unresolved or dissatisfied return
 * visit) is handled again by the unit whose result was approved: what evaluation decided comes
 * into the unit's requests as `reopen` (a fact, not this stream's event). After a reopen the case
 * is no longer resolved for the centre: the unit's second result is reviewed again, it may ask
 * for an extension or a pause against the new handling deadline (from the reopen), never for a
 * transfer. A result after an approval is registered even before the reopen reached the centre:
 * handling accepts one only from a reopened case.
 */

/** At most this many transfers; the centre's assignment after the last one is final. */
export const MAX_TRANSFERS = 2;
/** Used when a category has no deadline policy (an uncatalogued category dispatched by hand). */
const DEFAULT_TRANSFER_WINDOW: TimeAmount = { value: 2, unit: 'working-days' };
const DEFAULT_HANDLING_LIMIT: TimeAmount = { value: 5, unit: 'working-days' };
const DEFAULT_MAX_EXTENSION_DAYS = 10;

// events
export type DispatchCaseEvent =
  | { type: 'case.dispatched.v1'; data: CaseDispatchedData }
  | { type: 'case.sent-to-triage.v1'; data: CaseSentToTriageData }
  | { type: 'case.transfer-request-registered.v1'; data: CaseTransferRequestRegisteredData }
  | { type: 'case.transfer-approved.v1'; data: CaseTransferApprovedData }
  | { type: 'case.transfer-rejected.v1'; data: CaseTransferRejectedData }
  | { type: 'case.result-registered.v1'; data: CaseResultRegisteredData }
  | { type: 'case.result-approved.v1'; data: CaseResultApprovedData }
  | { type: 'case.result-sent-back.v1'; data: CaseResultSentBackData }
  | { type: 'case.extension-request-registered.v1'; data: CaseExtensionRequestRegisteredData }
  | { type: 'case.extension-approved.v1'; data: CaseExtensionApprovedData }
  | { type: 'case.extension-rejected.v1'; data: CaseExtensionRejectedData }
  | { type: 'case.pause-request-registered.v1'; data: CasePauseRequestRegisteredData }
  | { type: 'case.clock-paused.v1'; data: CaseClockPausedData }
  | { type: 'case.clock-resumed.v1'; data: CaseClockResumedData }
  | { type: 'case.pause-rejected.v1'; data: CasePauseRejectedData };

// state
/** What the centre keeps of a received case: its classification and township. */
export interface ClassifiedCase {
  readonly caseId: string;
  readonly categoryCode: string;
  readonly urgency: string;
  readonly townshipCode?: string;
}

export interface Pending {
  readonly transfer?: { readonly unitCode: string; readonly reason: string; readonly requestedAt: string };
  readonly review?: { readonly unitCode: string; readonly submittedAt: string };
  readonly extension?: { readonly unitCode: string; readonly extraWorkingDays: number; readonly reason: string };
  readonly pause?: { readonly unitCode: string; readonly reason: string };
}

export type DispatchCaseState =
  | { readonly status: 'none' }
  | (ClassifiedCase & { readonly status: 'triage'; readonly reason: string })
  | (ClassifiedCase & {
      readonly status: 'dispatched';
      readonly primaryUnitCode: string;
      readonly cooperatingUnitCodes: readonly string[];
      readonly assignments?: readonly DispatchAssignment[];
      /** When the current unit got the case (its transfer window runs from here). */
      readonly dispatchedAt: string;
      /** The first dispatch: the handling clock runs from here and never restarts. */
      readonly firstDispatchedAt: string;
      readonly final: boolean;
      readonly transferCount: number;
      readonly pending: Pending;
      readonly paused?: { readonly unitCode: string; readonly since: string };
      readonly pausedWorkingMinutes: number;
      readonly extensionDays: number;
      readonly resultApproved: boolean;
      /** Results approved so far: one per round (the first handling, each reopen). */
      readonly approvals: number;
      /** What the current round started from: extension days and paused minutes before the last approval. */
      readonly extensionDaysBeforeRound: number;
      readonly pausedMinutesBeforeRound: number;
    });

export type DispatchedState = Extract<DispatchCaseState, { status: 'dispatched' }>;

export const initialState: DispatchCaseState = { status: 'none' };

export function evolve(state: DispatchCaseState, event: DispatchCaseEvent): DispatchCaseState {
  switch (event.type) {
    case 'case.sent-to-triage.v1':
      return {
        status: 'triage',
        caseId: event.data.caseId,
        categoryCode: event.data.categoryCode ?? 'unknown',
        urgency: event.data.urgency ?? 'normal',
        ...(event.data.townshipCode !== undefined && { townshipCode: event.data.townshipCode }),
        reason: event.data.reason,
      };
    case 'case.dispatched.v1': {
      const d = event.data;
      const before = state.status === 'dispatched' ? state : undefined;
      return {
        status: 'dispatched',
        caseId: d.caseId,
        categoryCode: d.categoryCode,
        urgency: d.urgency,
        ...(d.townshipCode !== undefined && { townshipCode: d.townshipCode }),
        primaryUnitCode: d.primaryUnitCode,
        cooperatingUnitCodes: d.cooperatingUnitCodes,
        ...(d.assignments !== undefined && { assignments: d.assignments }),
        dispatchedAt: d.dispatchedAt,
        firstDispatchedAt: before?.firstDispatchedAt ?? d.dispatchedAt,
        final: d.final === true || (before?.final ?? false),
        transferCount: before?.transferCount ?? 0,
        // requests belong to the unit that asked: a new unit starts with a clean desk
        pending: {},
        ...(before?.paused !== undefined && { paused: before.paused }),
        pausedWorkingMinutes: before?.pausedWorkingMinutes ?? 0,
        extensionDays: before?.extensionDays ?? 0,
        resultApproved: false,
        approvals: before?.approvals ?? 0,
        extensionDaysBeforeRound: before?.extensionDaysBeforeRound ?? 0,
        pausedMinutesBeforeRound: before?.pausedMinutesBeforeRound ?? 0,
      };
    }
    default:
      return state.status === 'dispatched' ? evolveDispatched(state, event) : state;
  }
}

function evolveDispatched(state: DispatchedState, event: DispatchCaseEvent): DispatchedState {
  const { pending } = state;
  switch (event.type) {
    case 'case.transfer-request-registered.v1':
      return { ...state, pending: { ...pending, transfer: { unitCode: event.data.unitCode, reason: event.data.reason, requestedAt: event.data.requestedAt } } };
    case 'case.transfer-approved.v1':
      return { ...state, transferCount: event.data.transferCount, pending: { ...pending, transfer: undefined } };
    case 'case.transfer-rejected.v1':
      return { ...state, pending: { ...pending, transfer: undefined } };
    case 'case.result-registered.v1':
      return { ...state, resultApproved: false, pending: { ...pending, review: { unitCode: event.data.unitCode, submittedAt: event.data.submittedAt } } };
    case 'case.result-approved.v1':
      return {
        ...state,
        resultApproved: true,
        approvals: state.approvals + 1,
        extensionDaysBeforeRound: state.extensionDays,
        pausedMinutesBeforeRound: state.pausedWorkingMinutes,
        pending: { ...pending, review: undefined },
      };
    case 'case.result-sent-back.v1':
      return { ...state, pending: { ...pending, review: undefined } };
    case 'case.extension-request-registered.v1':
      return { ...state, pending: { ...pending, extension: { unitCode: event.data.unitCode, extraWorkingDays: event.data.extraWorkingDays, reason: event.data.reason } } };
    case 'case.extension-approved.v1':
      return { ...state, extensionDays: state.extensionDays + event.data.extraWorkingDays, pending: { ...pending, extension: undefined } };
    case 'case.extension-rejected.v1':
      return { ...state, pending: { ...pending, extension: undefined } };
    case 'case.pause-request-registered.v1':
      return { ...state, pending: { ...pending, pause: { unitCode: event.data.unitCode, reason: event.data.reason } } };
    case 'case.clock-paused.v1':
      return { ...state, paused: { unitCode: event.data.unitCode, since: event.data.pausedAt ?? state.dispatchedAt }, pending: { ...pending, pause: undefined } };
    case 'case.pause-rejected.v1':
      return { ...state, pending: { ...pending, pause: undefined } };
    case 'case.clock-resumed.v1':
      // the paused working time is what the event says (decide counted it; upcast fills it in for older events)
      if (!state.paused) return state;
      return { ...state, paused: undefined, pausedWorkingMinutes: state.pausedWorkingMinutes + (event.data.pausedWorkingMinutes ?? 0) };
    default:
      return state;
  }
}

/**
 * Events as evolve reads them, from a stream as it was stored. A case.clock-resumed.v1 written
 * before the paused working minutes were recorded in it gets them here, counted as they were then:
 * from its pause to its resumedAt with the working calendar. Those events lie in years whose
 * calendar is published and final, so the count never changes; every newer event carries its own.
 * The one place that reads the calendar for a stored event.
 */
export function upcast(events: readonly DispatchCaseEvent[]): DispatchCaseEvent[] {
  // what evolve knows of the pause when it folds each event
  let dispatchedAt: string | undefined;
  let pausedSince: string | undefined;
  return events.map((event) => {
    switch (event.type) {
      case 'case.sent-to-triage.v1':
        dispatchedAt = pausedSince = undefined;
        return event;
      case 'case.dispatched.v1':
        dispatchedAt = event.data.dispatchedAt;
        return event;
      case 'case.clock-paused.v1':
        if (dispatchedAt !== undefined) pausedSince = event.data.pausedAt ?? dispatchedAt;
        return event;
      case 'case.clock-resumed.v1': {
        const since = pausedSince;
        pausedSince = undefined;
        if (event.data.pausedWorkingMinutes !== undefined || since === undefined) return event;
        return { ...event, data: { ...event.data, pausedWorkingMinutes: event.data.resumedAt ? pausedMinutes(since, event.data.resumedAt) : 0 } };
      }
      default:
        return event;
    }
  });
}

/** A case's state from its stored events. */
export function foldStream(events: readonly DispatchCaseEvent[]): DispatchCaseState {
  return upcast(events).reduce(evolve, initialState);
}

// rules that read the reference data (pure)

/** The working minutes from a pause to a resume. */
export function pausedMinutes(pausedAt: string, resumedAt: string): number {
  return Math.max(0, workingTimeBetween(new Date(pausedAt), new Date(resumedAt), defaultCalendar, 'working-minutes'));
}

function policyOf(state: ClassifiedCase) {
  return isUrgency(state.urgency) ? deadlinePolicy(state.categoryCode, state.urgency) : undefined;
}

/** The end of the window in which the current unit may ask to return the case. */
export function transferWindowEnd(state: DispatchedState): Date {
  return deadlineFor(policyOf(state)?.limits.transferRequest ?? DEFAULT_TRANSFER_WINDOW, new Date(state.dispatchedAt), defaultCalendar);
}

/** A reopen of the case (重办), as the centre learnt it from evaluation's case.reopened.v1. */
export interface Reopen {
  readonly unitCode: string;
  /** How many times the case was reopened (evaluation's redoCount). */
  readonly redoCount: number;
  readonly reopenedAt: string;
}

/** Reopened since the last approval: the case is being handled again. */
export function inRedoRound(state: DispatchedState, reopen: Reopen | undefined): reopen is Reopen {
  return reopen !== undefined && state.approvals > 0 && reopen.redoCount >= state.approvals;
}

/** Approved, and not reopened since. */
export function resolved(state: DispatchedState, reopen?: Reopen): boolean {
  return state.resultApproved && !inRedoRound(state, reopen);
}

/**
 * The handling deadline as the centre knows it: from the first dispatch, plus approved extensions
 * and paused working time. A reopened case gets a new handling limit from the reopen, plus what
 * was extended or paused since (as the case workflow's new handling clock does).
 */
export function handlingDeadline(state: DispatchedState, reopen?: Reopen): Date {
  const redo = inRedoRound(state, reopen);
  const from = redo ? reopen.reopenedAt : state.firstDispatchedAt;
  const extensionDays = redo ? state.extensionDays - state.extensionDaysBeforeRound : state.extensionDays;
  const pausedMinutes = redo ? state.pausedWorkingMinutes - state.pausedMinutesBeforeRound : state.pausedWorkingMinutes;
  const base = deadlineFor(policyOf(state)?.limits.handling ?? DEFAULT_HANDLING_LIMIT, new Date(from), defaultCalendar);
  const extended = addWorkingDays(base, extensionDays, defaultCalendar);
  return pausedMinutes > 0 ? addWorkingTime(extended, { value: pausedMinutes, unit: 'working-minutes' }, defaultCalendar) : extended;
}

/** What the centre knows of where a case stands: its own desks, and what it learnt from evaluation. */
export interface CaseStanding {
  readonly inTriage: boolean;
  readonly transferRequested: boolean;
  readonly resultWaitsForReview: boolean;
  readonly resultApproved: boolean;
  /** Reopened (重办) since its last approval. */
  readonly reopened: boolean;
  readonly closed: boolean;
}

/**
 * The case's status in the platform's one vocabulary, as far as the centre knows it (it does not
 * follow the unit's sign-for: a dispatched case stays `dispatched` at the centre until its result).
 */
export function caseStatusOf(s: CaseStanding): CaseStatus {
  if (s.closed) return 'closed';
  if (s.inTriage) return 'in-triage';
  if (s.resultWaitsForReview) return 'result-submitted';
  if (s.transferRequested) return 'transfer-requested';
  if (s.reopened) return 'reopened';
  if (s.resultApproved) return 'result-approved';
  return 'dispatched';
}

/** The standing of a case from its state, its last reopen and whether evaluation closed it. */
export function standingOf(state: Exclude<DispatchCaseState, { status: 'none' }>, reopen: Reopen | undefined, closed: boolean): CaseStanding {
  const dispatched = state.status === 'dispatched' ? state : undefined;
  return {
    inTriage: state.status === 'triage',
    transferRequested: dispatched?.pending.transfer !== undefined,
    resultWaitsForReview: dispatched?.pending.review !== undefined,
    resultApproved: dispatched?.resultApproved ?? false,
    reopened: dispatched !== undefined && dispatched.resultApproved && inRedoRound(dispatched, reopen),
    closed,
  };
}

export function maxExtensionDays(state: ClassifiedCase): number {
  const max = policyOf(state)?.maxExtension;
  return max?.unit === 'working-days' ? max.value : DEFAULT_MAX_EXTENSION_DAYS;
}


// what every step checks

export function notFound(): DomainError {
  return new DomainError(ErrorCodes.CASE_NOT_FOUND, 'the centre has no such case', 'not-found');
}

/** The state of a dispatched case, or the refusal for a case the centre has not dispatched. */
export function dispatched(state: DispatchCaseState): DispatchedState {
  if (state.status === 'none') throw notFound();
  if (state.status !== 'dispatched') throw new DomainError(ErrorCodes.CASE_NOT_DISPATCHED, `case ${state.caseId} is in triage: dispatch it first`, 'conflict');
  return state;
}

export function checkHandlingUnit(code: string, role: string): void {
  const unit = unitByCode(code);
  if (!unit) throw new DomainError(ErrorCodes.CASE_UNKNOWN_UNIT, `${role} ${code} is not a unit of the reference data`, 'unprocessable');
  if (unit.kind === 'centre' || unit.kind === 'supervision') throw new DomainError(ErrorCodes.CASE_NOT_A_HANDLING_UNIT, `${role} ${code} does not handle cases`, 'unprocessable');
}

/** The classification a dispatch carries on. */
export function classificationOf(state: ClassifiedCase): Pick<CaseDispatchedData, 'caseId' | 'categoryCode' | 'urgency' | 'townshipCode'> {
  return { caseId: state.caseId, categoryCode: state.categoryCode, urgency: state.urgency, ...(state.townshipCode !== undefined && { townshipCode: state.townshipCode }) };
}
