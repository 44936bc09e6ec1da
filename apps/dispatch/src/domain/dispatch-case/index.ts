import type { Decider } from '@county/contracts';
import { initialState, evolve, type DispatchCaseEvent, type DispatchCaseState } from './case';
import { dispatchManually, routeReceivedCase, type DispatchManually, type RouteReceivedCase } from './routing';
import { approveTransfer, registerTransferRequest, rejectTransfer, type ApproveTransfer, type RegisterTransferRequest, type RejectTransfer } from './transfers';
import { approveResult, registerResult, sendBackResult, type ApproveResult, type RegisterResult, type SendBackResult } from './review';
import { approveExtension, registerExtensionRequest, rejectExtension, type ApproveExtension, type RegisterExtensionRequest, type RejectExtension } from './extensions';
import { approvePause, registerPauseRequest, rejectPause, resumeClock, type ApprovePause, type RegisterPauseRequest, type RejectPause, type ResumeClock } from './pauses';

/**
 * The centre's case as a decider: the state and evolve of case.ts, and one decide module per
 * step (routing, transfers, review, extensions, pauses) joined here.
 */

export * from './case';
export * from './routing';
export * from './transfers';
export * from './review';
export * from './extensions';
export * from './pauses';

export type DispatchCaseCommand =
  | RouteReceivedCase
  | DispatchManually
  | RegisterTransferRequest
  | ApproveTransfer
  | RejectTransfer
  | RegisterResult
  | ApproveResult
  | SendBackResult
  | RegisterExtensionRequest
  | ApproveExtension
  | RejectExtension
  | RegisterPauseRequest
  | ApprovePause
  | RejectPause
  | ResumeClock;

/** Commands that come from a unit (through handling's events): they never fail, they are registered or refused. */
export const UNIT_REQUESTS = ['RegisterTransferRequest', 'RegisterResult', 'RegisterExtensionRequest', 'RegisterPauseRequest'] as const;

export function decide(command: DispatchCaseCommand, state: DispatchCaseState): DispatchCaseEvent[] {
  switch (command.type) {
    case 'RouteReceivedCase':
      return routeReceivedCase(command, state);
    case 'DispatchManually':
      return dispatchManually(command, state);
    case 'RegisterTransferRequest':
      return registerTransferRequest(command, state);
    case 'ApproveTransfer':
      return approveTransfer(command, state);
    case 'RejectTransfer':
      return rejectTransfer(command, state);
    case 'RegisterResult':
      return registerResult(command, state);
    case 'ApproveResult':
      return approveResult(command, state);
    case 'SendBackResult':
      return sendBackResult(command, state);
    case 'RegisterExtensionRequest':
      return registerExtensionRequest(command, state);
    case 'ApproveExtension':
      return approveExtension(command, state);
    case 'RejectExtension':
      return rejectExtension(command, state);
    case 'RegisterPauseRequest':
      return registerPauseRequest(command, state);
    case 'ApprovePause':
      return approvePause(command, state);
    case 'RejectPause':
      return rejectPause(command, state);
    case 'ResumeClock':
      return resumeClock(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const dispatchCase: Decider<DispatchCaseCommand, DispatchCaseEvent, DispatchCaseState> = { initialState, evolve, decide };
