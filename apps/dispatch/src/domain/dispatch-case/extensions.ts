import { ErrorCodes, DomainError } from '@county/contracts';
import { dispatched, handlingDeadline, maxExtensionDays, resolved, type DispatchCaseEvent, type DispatchCaseState, type Reopen } from './case';

/**
 * Extensions (延期): the lead unit asks before its handling deadline for more working days, at
 * most the category's maximum in all; the centre approves (for as many days as it grants) or
 * rejects. Not once the result was approved, unless the case was reopened since.
 */

export type RegisterExtensionRequest = { type: 'RegisterExtensionRequest'; unitCode: string; extraWorkingDays: number; reason: string; requestedAt: string; reopen?: Reopen };
export type ApproveExtension = { type: 'ApproveExtension'; extraWorkingDays: number; reason: string; now: string; reopen?: Reopen };
export type RejectExtension = { type: 'RejectExtension'; reason: string; now: string };

export function registerExtensionRequest(command: RegisterExtensionRequest, state: DispatchCaseState): DispatchCaseEvent[] {
  if (state.status !== 'dispatched') return [];
  const refuse = (reason: string): DispatchCaseEvent[] => [
    { type: 'case.extension-rejected.v1', data: { caseId: state.caseId, unitCode: command.unitCode, reason, automatic: true } },
  ];
  if (command.unitCode !== state.primaryUnitCode) return refuse(`${command.unitCode} is not the lead unit of the case`);
  if (resolved(state, command.reopen)) return refuse('the result was already approved');
  if (state.pending.extension) return refuse('an extension request is already waiting for the centre');
  const deadline = handlingDeadline(state, command.reopen);
  if (Date.parse(command.requestedAt) >= deadline.getTime()) return refuse(`asked at ${command.requestedAt}, not before the deadline ${deadline.toISOString()}`);
  const left = maxExtensionDays(state) - state.extensionDays;
  if (left <= 0) return refuse(`the case was already extended by ${state.extensionDays} working days, the most allowed`);
  return [
    {
      type: 'case.extension-request-registered.v1',
      data: {
        caseId: state.caseId,
        unitCode: command.unitCode,
        extraWorkingDays: command.extraWorkingDays,
        reason: command.reason,
        requestedAt: command.requestedAt,
        deadline: deadline.toISOString(),
      },
    },
  ];
}

export function approveExtension(command: ApproveExtension, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  const request = s.pending.extension;
  if (!request) throw noExtensionRequest();
  const left = maxExtensionDays(s) - s.extensionDays;
  if (!Number.isInteger(command.extraWorkingDays) || command.extraWorkingDays < 1 || command.extraWorkingDays > left) {
    throw new DomainError(ErrorCodes.CASE_EXTENSION_TOO_LONG, `an extension adds 1 to ${left} working days (at most ${maxExtensionDays(s)} in all)`, 'unprocessable', { maxExtraWorkingDays: left });
  }
  const newDeadline = handlingDeadline({ ...s, extensionDays: s.extensionDays + command.extraWorkingDays }, command.reopen);
  return [
    {
      type: 'case.extension-approved.v1',
      data: { caseId: s.caseId, unitCode: request.unitCode, extraWorkingDays: command.extraWorkingDays, reason: command.reason, newDeadline: newDeadline.toISOString() },
    },
  ];
}

export function rejectExtension(command: RejectExtension, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  const request = s.pending.extension;
  if (!request) throw noExtensionRequest();
  return [{ type: 'case.extension-rejected.v1', data: { caseId: s.caseId, unitCode: request.unitCode, reason: command.reason } }];
}

function noExtensionRequest(): DomainError {
  return new DomainError(ErrorCodes.CASE_NO_EXTENSION_REQUEST, 'no extension request is waiting', 'conflict');
}
