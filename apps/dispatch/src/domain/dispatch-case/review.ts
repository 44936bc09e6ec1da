import { ErrorCodes, DomainError } from '@county/contracts';
import { submitsReviewedResult } from '@county/rules';
import { dispatched, type DispatchCaseEvent, type DispatchCaseState } from './case';

/**
 * Review (审) at the centre, by the rule of @county/rules' review.ts: the lead unit's result is
 * registered for review (one at a time: a duplicate submission changes nothing) and the centre
 * approves it or sends it back for rework. A result after an approved one comes from a reopened
 * case (重办): it is reviewed again.
 */

export type RegisterResult = { type: 'RegisterResult'; unitCode: string; result: string; evidenceUrls: readonly string[]; submittedAt: string };
export type ApproveResult = { type: 'ApproveResult'; now: string };
export type SendBackResult = { type: 'SendBackResult'; reason: string; now: string };

export function registerResult(command: RegisterResult, state: DispatchCaseState): DispatchCaseEvent[] {
  if (state.status !== 'dispatched' || state.pending.review) return [];
  if (!submitsReviewedResult(command.unitCode === state.primaryUnitCode ? 'lead' : 'co-handler')) return [];
  return [
    {
      type: 'case.result-registered.v1',
      data: { caseId: state.caseId, unitCode: command.unitCode, result: command.result, evidenceUrls: command.evidenceUrls, submittedAt: command.submittedAt },
    },
  ];
}

export function approveResult(command: ApproveResult, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  if (!s.pending.review) throw noResultToReview();
  return [{ type: 'case.result-approved.v1', data: { caseId: s.caseId, unitCode: s.pending.review.unitCode, reviewedAt: command.now } }];
}

export function sendBackResult(command: SendBackResult, state: DispatchCaseState): DispatchCaseEvent[] {
  const s = dispatched(state);
  if (!s.pending.review) throw noResultToReview();
  return [{ type: 'case.result-sent-back.v1', data: { caseId: s.caseId, unitCode: s.pending.review.unitCode, reason: command.reason, reviewedAt: command.now } }];
}

function noResultToReview(): DomainError {
  return new DomainError(ErrorCodes.CASE_NO_RESULT_TO_REVIEW, 'no result is waiting for review', 'conflict');
}
