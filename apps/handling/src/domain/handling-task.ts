import {
  ErrorCodes,
  DomainError,
  type CaseExtensionRequestedData,
  type CaseFirstContactRecordedData,
  type CasePartSubmittedData,
  type CasePauseRequestedData,
  type CaseProgressNotedData,
  type CaseResultSubmittedData,
  type CaseResumeRequestedData,
  type CaseSignedForData,
  type CaseTransferRequestedData,
  type Decider,
} from '@county/contracts';
import { submitsReviewedResult, underReviewRefusal, waitsForReview, type BlockedWhileUnderReview } from '@county/rules';

/**
 * A handling task: one case at one unit (stream task-<caseId>-<unitCode>, subject = the case id).
 * The unit signs for the case, contacts the resident, notes progress, asks the centre for a
 * transfer, an extension or a pause, and submits the result (the lead) or its part (a
 * co-handler). What the centre decided (the assignment, review and rulings) arrives from
 * dispatch's events and comes into each command as `centre`: facts, not this stream's events.
 *
 * A reopened case (重办, evaluation's case.reopened.v1 after an unresolved or dissatisfied return
 * visit) comes back to the same unit for a new round: the unit signs for it again and submits a
 * result again; it may not ask for a transfer. A round is counted by the centre's `reopens`: the
 * unit has signed for the current round when it signed more often than the case was reopened.
 * Events -> state -> evolve -> commands -> decide.
 */

// events
export type HandlingTaskEvent =
  | { type: 'case.signed-for.v1'; data: CaseSignedForData }
  | { type: 'case.first-contact-recorded.v1'; data: CaseFirstContactRecordedData }
  | { type: 'case.progress-noted.v1'; data: CaseProgressNotedData }
  | { type: 'case.transfer-requested.v1'; data: CaseTransferRequestedData }
  | { type: 'case.extension-requested.v1'; data: CaseExtensionRequestedData }
  | { type: 'case.pause-requested.v1'; data: CasePauseRequestedData }
  | { type: 'case.resume-requested.v1'; data: CaseResumeRequestedData }
  | { type: 'case.result-submitted.v1'; data: CaseResultSubmittedData }
  | { type: 'case.part-submitted.v1'; data: CasePartSubmittedData };

// state
/** How many times the unit asked for each thing; the centre's rulings are counted on the other side. */
export interface Requests {
  readonly transfers: number;
  readonly extensions: number;
  readonly results: number;
  readonly parts: number;
}

export type HandlingTaskState =
  | { readonly status: 'not-signed'; readonly signings: 0; readonly requests: Requests }
  | {
      readonly status: 'signed';
      readonly caseId: string;
      readonly unitCode: string;
      /** The last signing (one per round: the first handling and each reopen). */
      readonly signedAt: string;
      readonly signings: number;
      readonly firstContactAt?: string;
      readonly requests: Requests;
    };

const noRequests: Requests = { transfers: 0, extensions: 0, results: 0, parts: 0 };

export const initialState: HandlingTaskState = { status: 'not-signed', signings: 0, requests: noRequests };

function count(state: HandlingTaskState, key: keyof Requests): HandlingTaskState {
  return { ...state, requests: { ...state.requests, [key]: state.requests[key] + 1 } };
}

export function evolve(state: HandlingTaskState, event: HandlingTaskEvent): HandlingTaskState {
  switch (event.type) {
    case 'case.signed-for.v1':
      return {
        ...(state.status === 'signed' && state.firstContactAt !== undefined && { firstContactAt: state.firstContactAt }),
        status: 'signed',
        caseId: event.data.caseId,
        unitCode: event.data.unitCode,
        signedAt: event.data.signedAt,
        signings: state.signings + 1,
        requests: state.requests,
      };
    case 'case.first-contact-recorded.v1':
      return state.status === 'signed' ? { ...state, firstContactAt: event.data.contactedAt } : state;
    case 'case.transfer-requested.v1':
      return count(state, 'transfers');
    case 'case.extension-requested.v1':
      return count(state, 'extensions');
    case 'case.result-submitted.v1':
      return count(state, 'results');
    case 'case.part-submitted.v1':
      return count(state, 'parts');
    case 'case.progress-noted.v1':
    case 'case.pause-requested.v1':
    case 'case.resume-requested.v1':
      return state;
  }
}

// commands
/** What the centre has decided about this case at this unit, as handling learnt it from dispatch. */
export interface CentreFacts {
  readonly role: 'lead' | 'co-handler';
  /** false once the case was transferred away from the unit (it may no longer act). */
  readonly active: boolean;
  readonly transferRulings: number;
  readonly extensionRulings: number;
  /** Review outcomes of this unit's results: approved + sent back. */
  readonly resultRulings: number;
  /** The last result was approved and the case was not reopened since. */
  readonly resultApproved: boolean;
  readonly paused: boolean;
  /** How many times the case was reopened for this unit (重办; evaluation's redoCount). */
  readonly reopens: number;
}

/** Who acts and when; the acting unit is the task's unit. */
interface Base {
  readonly caseId: string;
  readonly unitCode: string;
  readonly now: string;
  readonly centre: CentreFacts;
}

export type SignFor = Base & { readonly type: 'SignFor' };
export type RecordFirstContact = Base & { readonly type: 'RecordFirstContact'; readonly contactedAt: string };
export type NoteProgress = Base & { readonly type: 'NoteProgress'; readonly note: string };
export type RequestTransfer = Base & { readonly type: 'RequestTransfer'; readonly reason: string };
export type RequestExtension = Base & { readonly type: 'RequestExtension'; readonly extraWorkingDays: number; readonly reason: string };
export type RequestPause = Base & { readonly type: 'RequestPause'; readonly reason: string };
export type RequestResume = Base & { readonly type: 'RequestResume' };
export type SubmitResult = Base & {
  readonly type: 'SubmitResult';
  readonly result: string;
  readonly evidenceUrls: readonly string[];
  /** Called departments of the case's whistles that have neither finished their part nor been released. */
  readonly outstandingWhistleDepartments: readonly string[];
};
export type SubmitPart = Base & { readonly type: 'SubmitPart'; readonly part: string; readonly evidenceUrls: readonly string[] };

export type HandlingTaskCommand =
  | SignFor
  | RecordFirstContact
  | NoteProgress
  | RequestTransfer
  | RequestExtension
  | RequestPause
  | RequestResume
  | SubmitResult
  | SubmitPart;

/** The most extra working days one extension may ask for (docs/domain.md, the extension rule). */
export const MAX_EXTENSION_WORKING_DAYS = 10;

function assertActive(command: HandlingTaskCommand): void {
  if (!command.centre.active) {
    throw new DomainError(ErrorCodes.CASE_TRANSFERRED_AWAY, `case ${command.caseId} was transferred away from ${command.unitCode}; it may no longer act on it`, 'conflict');
  }
  if (command.centre.resultApproved) {
    throw new DomainError(ErrorCodes.CASE_ALREADY_RESOLVED, `the result of case ${command.caseId} was approved; nothing more to do at ${command.unitCode}`, 'conflict');
  }
}

type Signed = Extract<HandlingTaskState, { status: 'signed' }>;

/** Signed for the current round: once at first, and once more after each reopen. */
function signedForRound(state: HandlingTaskState, centre: CentreFacts): state is Signed {
  return state.status === 'signed' && state.signings > centre.reopens;
}

function assertSigned(state: HandlingTaskState, command: HandlingTaskCommand): asserts state is Signed {
  if (!signedForRound(state, command.centre)) {
    const again = state.signings > 0 ? ' again since it was reopened' : ' yet';
    throw new DomainError(ErrorCodes.CASE_NOT_SIGNED, `${command.unitCode} has not signed for case ${command.caseId}${again}`, 'conflict');
  }
}

/** The review rule (@county/rules): the unit's results counted here, the centre's rulings as handling learnt them. */
function assertNotUnderReview(state: HandlingTaskState, command: HandlingTaskCommand, blocked: BlockedWhileUnderReview): void {
  if (waitsForReview({ submitted: state.requests.results, ruled: command.centre.resultRulings, reopens: command.centre.reopens })) throw underReviewRefusal(command.caseId, blocked);
}

export function decide(command: HandlingTaskCommand, state: HandlingTaskState): HandlingTaskEvent[] {
  const { caseId, unitCode } = command;
  assertActive(command);
  switch (command.type) {
    case 'SignFor':
      if (signedForRound(state, command.centre)) throw new DomainError(ErrorCodes.CASE_ALREADY_SIGNED, `${unitCode} signed for case ${caseId} at ${state.signedAt}`, 'conflict');
      return [{ type: 'case.signed-for.v1', data: { caseId, unitCode, signedAt: command.now } }];

    case 'RecordFirstContact':
      assertSigned(state, command);
      if (state.firstContactAt !== undefined) {
        throw new DomainError(ErrorCodes.CASE_FIRST_CONTACT_ALREADY_RECORDED, `first contact on case ${caseId} was recorded at ${state.firstContactAt}`, 'conflict');
      }
      if (Date.parse(command.contactedAt) > Date.parse(command.now)) {
        throw new DomainError(ErrorCodes.CASE_CONTACT_IN_FUTURE, 'the first contact cannot be later than now', 'unprocessable');
      }
      if (Date.parse(command.contactedAt) < Date.parse(state.signedAt)) {
        throw new DomainError(ErrorCodes.CASE_CONTACT_BEFORE_SIGNING, 'the first contact cannot be earlier than the signing for the case', 'unprocessable');
      }
      return [{ type: 'case.first-contact-recorded.v1', data: { caseId, unitCode, contactedAt: command.contactedAt } }];

    case 'NoteProgress':
      assertSigned(state, command);
      return [{ type: 'case.progress-noted.v1', data: { caseId, unitCode, note: command.note } }];

    case 'RequestTransfer':
      if (command.centre.reopens > 0) {
        throw new DomainError(ErrorCodes.CASE_REOPENED, `case ${caseId} was reopened: the unit that handled it handles it again (no transfer)`, 'conflict');
      }
      if (state.requests.transfers > command.centre.transferRulings) {
        throw new DomainError(ErrorCodes.CASE_TRANSFER_ALREADY_REQUESTED, `a transfer of case ${caseId} is waiting for the centre's ruling`, 'conflict');
      }
      assertNotUnderReview(state, command, 'transfer-request');
      return [{ type: 'case.transfer-requested.v1', data: { caseId, unitCode, reason: command.reason } }];

    case 'RequestExtension':
      assertSigned(state, command);
      if (command.centre.role !== 'lead') throw new DomainError(ErrorCodes.CASE_NOT_LEAD, `only the lead unit may ask for an extension of case ${caseId}`, 'conflict');
      if (!Number.isInteger(command.extraWorkingDays) || command.extraWorkingDays < 1 || command.extraWorkingDays > MAX_EXTENSION_WORKING_DAYS) {
        throw new DomainError(ErrorCodes.CASE_EXTENSION_TOO_LONG, `an extension is 1 to ${MAX_EXTENSION_WORKING_DAYS} working days`, 'unprocessable');
      }
      if (state.requests.extensions > command.centre.extensionRulings) {
        throw new DomainError(ErrorCodes.CASE_EXTENSION_ALREADY_REQUESTED, `an extension of case ${caseId} is waiting for the centre's ruling`, 'conflict');
      }
      assertNotUnderReview(state, command, 'extension-request');
      return [{ type: 'case.extension-requested.v1', data: { caseId, unitCode, extraWorkingDays: command.extraWorkingDays, reason: command.reason } }];

    case 'RequestPause':
      assertSigned(state, command);
      if (command.centre.paused) throw new DomainError(ErrorCodes.CASE_ALREADY_PAUSED, `the clock of case ${caseId} is already paused`, 'conflict');
      assertNotUnderReview(state, command, 'pause-request');
      return [{ type: 'case.pause-requested.v1', data: { caseId, unitCode, reason: command.reason } }];

    case 'RequestResume':
      assertSigned(state, command);
      if (!command.centre.paused) throw new DomainError(ErrorCodes.CASE_NOT_PAUSED, `the clock of case ${caseId} is not paused`, 'conflict');
      return [{ type: 'case.resume-requested.v1', data: { caseId, unitCode } }];

    case 'SubmitResult':
      assertSigned(state, command);
      if (!submitsReviewedResult(command.centre.role)) {
        throw new DomainError(ErrorCodes.CASE_NOT_LEAD, `${unitCode} co-handles case ${caseId}: it submits its part, the lead unit submits the result`, 'conflict');
      }
      assertNotUnderReview(state, command, 'result');
      if (command.outstandingWhistleDepartments.length > 0) {
        throw new DomainError(
          ErrorCodes.CASE_WHISTLE_OUTSTANDING,
          `called departments have not finished their part: ${command.outstandingWhistleDepartments.join(', ')} (finish or release them first)`,
          'conflict',
          { departmentCodes: [...command.outstandingWhistleDepartments] },
        );
      }
      return [{ type: 'case.result-submitted.v1', data: { caseId, unitCode, result: command.result, evidenceUrls: [...command.evidenceUrls] } }];

    case 'SubmitPart':
      assertSigned(state, command);
      if (submitsReviewedResult(command.centre.role)) throw new DomainError(ErrorCodes.CASE_NOT_CO_HANDLER, `${unitCode} leads case ${caseId}: it submits the result`, 'conflict');
      return [{ type: 'case.part-submitted.v1', data: { caseId, unitCode, part: command.part, evidenceUrls: [...command.evidenceUrls] } }];

    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const handlingTask: Decider<HandlingTaskCommand, HandlingTaskEvent, HandlingTaskState> = { initialState, evolve, decide };

export function taskStreamId(caseId: string, unitCode: string): string {
  return `task-${caseId}-${unitCode}`;
}
