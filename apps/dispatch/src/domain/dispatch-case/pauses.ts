import { ErrorCodes, DomainError } from '@county/contracts';
import { dispatched, pausedMinutes, resolved, type DispatchCaseEvent, type DispatchCaseState, type DispatchedState, type Reopen } from './case';

/**
 * Pauses (暂停): the lead unit asks to stop its handling clock (the resident is away, an expert
 * opinion is awaited); the centre approves or rejects, and resumes the clock on its own or on the
 * unit's request. The paused working minutes move the handling deadline.
 */

export type RegisterPauseRequest = { type: 'RegisterPauseRequest'; unitCode: string; reason: string; requestedAt: string; reopen?: Reopen };
export type ApprovePause = { type: 'ApprovePause'; now: string };
export type RejectPause = { type: 'RejectPause'; reason: string; now: string };
/** By the centre, on its own or on the unit's request (unitCode names the unit that asked). */
export type ResumeClock = { type: 'ResumeClock'; unitCode?: string; now: string };

export function registerPauseRequest(command: RegisterPauseRequest, state: DispatchCaseState): DispatchCaseEvent[] {
  if (state.status !== 'dispatched') return [];
  if (command.unitCode !== state.primaryUnitCode || state.paused || state.pending.pause || resolved(state, command.reopen)) {
    return [{ type: 'case.pause-rejected.v1', data: { caseId: state.caseId, unitCode: command.unitCode, reason: pauseRefusal(state, command.unitCode, command.reopen) } }];
  }
  return [{ type: 'case.pause-request-registered.v1', data: { caseId: state.caseId, unitCode: command.unitCode, reason: command.reason, requestedAt: command.requestedAt } }];
}

export function approvePause(command: ApprovePause, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  const request = s.pending.pause;
  if (!request) throw noPauseRequest();
  return [{ type: 'case.clock-paused.v1', data: { caseId: s.caseId, unitCode: request.unitCode, reason: request.reason, pausedAt: command.now } }];
}

export function rejectPause(command: RejectPause, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  const request = s.pending.pause;
  if (!request) throw noPauseRequest();
  return [{ type: 'case.pause-rejected.v1', data: { caseId: s.caseId, unitCode: request.unitCode, reason: command.reason } }];
}

export function resumeClock(command: ResumeClock, state: DispatchCaseState): DispatchCaseEvent[] {
  if (command.unitCode !== undefined) {
    // the unit's own request: only the unit whose clock is paused, and only when it is
    if (state.status !== 'dispatched' || !state.paused || state.paused.unitCode !== command.unitCode) return [];
  }
  const s = dispatched(state);
  if (!s.paused) throw new DomainError(ErrorCodes.CASE_NOT_PAUSED, 'the clock is running', 'conflict');
  return [{ type: 'case.clock-resumed.v1', data: { caseId: s.caseId, unitCode: s.paused.unitCode, resumedAt: command.now, pausedWorkingMinutes: pausedMinutes(s.paused.since, command.now) } }];
}

function pauseRefusal(state: DispatchedState, unitCode: string, reopen: Reopen | undefined): string {
  if (unitCode !== state.primaryUnitCode) return `${unitCode} is not the lead unit of the case`;
  if (resolved(state, reopen)) return 'the result was already approved';
  if (state.paused) return 'the clock is already paused';
  return 'a pause request is already waiting for the centre';
}

function noPauseRequest(): DomainError {
  return new DomainError(ErrorCodes.CASE_NO_PAUSE_REQUEST, 'no pause request is waiting', 'conflict');
}
