import { ErrorCodes, DomainError } from '@county/contracts';
import { MAX_TRANSFERS, checkHandlingUnit, classificationOf, dispatched, transferWindowEnd, type DispatchCaseEvent, type DispatchCaseState, type Reopen } from './case';

/**
 * Transfers (转, 退单): the lead unit asks to return a case that is not its own, within its
 * transfer window and at most MAX_TRANSFERS times; the centre re-dispatches it to another unit or
 * rejects the request. The centre's assignment after the last transfer is final, and a reopened
 * case is never transferred: the unit that handled it handles it again.
 */

/** A unit's requests carry the case's last reopen, when there was one (from evaluation's events). */
export type RegisterTransferRequest = { type: 'RegisterTransferRequest'; unitCode: string; reason: string; requestedAt: string; reopen?: Reopen };
export type ApproveTransfer = { type: 'ApproveTransfer'; toUnitCode: string; cooperatingUnitCodes: readonly string[]; reason: string; now: string };
export type RejectTransfer = { type: 'RejectTransfer'; reason: string; now: string };

export function registerTransferRequest(command: RegisterTransferRequest, state: DispatchCaseState): DispatchCaseEvent[] {
  if (state.status !== 'dispatched') return [];
  const refuse = (reason: string): DispatchCaseEvent[] => [
    { type: 'case.transfer-rejected.v1', data: { caseId: state.caseId, unitCode: command.unitCode, reason, automatic: true } },
  ];
  if (command.unitCode !== state.primaryUnitCode) return refuse(`${command.unitCode} is not the lead unit of the case (${state.primaryUnitCode})`);
  if (command.reopen !== undefined && command.reopen.redoCount > 0) return refuse('the case was reopened: the unit that handled it handles it again');
  if (state.resultApproved) return refuse('the result was already approved');
  if (state.pending.transfer) return refuse('a transfer request is already waiting for the centre');
  if (state.final) {
    return refuse(
      state.transferCount >= MAX_TRANSFERS ? `the case was transferred ${state.transferCount} times: the centre's assignment is final` : "the centre's assignment is final",
    );
  }
  const windowEndsAt = transferWindowEnd(state);
  if (Date.parse(command.requestedAt) > windowEndsAt.getTime()) {
    return refuse(`asked at ${command.requestedAt}, after the transfer window closed at ${windowEndsAt.toISOString()}`);
  }
  return [
    {
      type: 'case.transfer-request-registered.v1',
      data: { caseId: state.caseId, unitCode: command.unitCode, reason: command.reason, requestedAt: command.requestedAt, windowEndsAt: windowEndsAt.toISOString() },
    },
  ];
}

export function approveTransfer(command: ApproveTransfer, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  const request = s.pending.transfer;
  if (!request) throw noTransferRequest();
  checkHandlingUnit(command.toUnitCode, 'the new unit');
  command.cooperatingUnitCodes.forEach((c) => checkHandlingUnit(c, 'cooperating unit'));
  if (command.toUnitCode === request.unitCode) throw new DomainError(ErrorCodes.CASE_SAME_UNIT, 'a transfer must go to another unit: reject the request instead', 'unprocessable');
  const transferCount = s.transferCount + 1;
  const final = transferCount >= MAX_TRANSFERS;
  return [
    { type: 'case.transfer-approved.v1', data: { caseId: s.caseId, fromUnitCode: request.unitCode, reason: command.reason, transferCount, toUnitCode: command.toUnitCode } },
    {
      type: 'case.dispatched.v1',
      data: {
        ...classificationOf(s),
        primaryUnitCode: command.toUnitCode,
        cooperatingUnitCodes: command.cooperatingUnitCodes.filter((c) => c !== command.toUnitCode),
        basis: {
          kind: 'transfer',
          explanation: `transfer ${transferCount} from ${request.unitCode} approved by the centre: ${command.reason}${final ? " (the centre's ruling is final)" : ''}`,
        },
        dispatchedAt: command.now,
        redispatch: true,
        ...(final && { final: true }),
      },
    },
  ];
}

export function rejectTransfer(command: RejectTransfer, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  const request = s.pending.transfer;
  if (!request) throw noTransferRequest();
  return [{ type: 'case.transfer-rejected.v1', data: { caseId: s.caseId, unitCode: request.unitCode, reason: command.reason } }];
}

function noTransferRequest(): DomainError {
  return new DomainError(ErrorCodes.CASE_NO_TRANSFER_REQUEST, 'no transfer request is waiting', 'conflict');
}
