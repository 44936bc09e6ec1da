import { ErrorCodes, DomainError, type CaseReceivedData, type DispatchAssignment } from '@county/contracts';
import { underReviewRefusal, type RoutingOutcome } from '@county/rules';
import { checkHandlingUnit, classificationOf, notFound, type DispatchCaseEvent, type DispatchCaseState } from './case';

/**
 * Routing (派): a received case is dispatched by the responsibility list or sent to triage; a
 * dispatcher dispatches a case in triage by hand, or overrides an earlier dispatch, also jointly
 * (one lead, co-handlers with a part each).
 */

export type RouteReceivedCase = { type: 'RouteReceivedCase'; received: CaseReceivedData; routing: RoutingOutcome; now: string };
export type DispatchManually = {
  type: 'DispatchManually';
  /** Exactly one lead; co-handlers optional, each with its own part. */
  assignments: readonly DispatchAssignment[];
  cooperatingUnitCodes: readonly string[];
  reason: string;
  final: boolean;
  categoryCode?: string;
  now: string;
};

export function routeReceivedCase(command: RouteReceivedCase, state: DispatchCaseState): DispatchCaseEvent[] {
  if (state.status !== 'none') throw new DomainError(ErrorCodes.CASE_ALREADY_ROUTED, `case ${state.caseId} was already routed`, 'conflict');
  const { received, routing } = command;
  const classification = {
    caseId: received.caseId,
    categoryCode: received.categoryCode,
    urgency: received.urgency,
    ...(received.location.townshipCode !== undefined && { townshipCode: received.location.townshipCode }),
  };
  if (routing.kind === 'uncovered') {
    return [{ type: 'case.sent-to-triage.v1', data: { ...classification, reason: routing.reason, sentAt: command.now } }];
  }
  return [
    {
      type: 'case.dispatched.v1',
      data: { ...classification, primaryUnitCode: routing.primaryUnitCode, cooperatingUnitCodes: routing.cooperatingUnitCodes, basis: routing.basis, dispatchedAt: command.now },
    },
  ];
}

export function dispatchManually(command: DispatchManually, state: DispatchCaseState): DispatchCaseEvent[] {
  if (state.status === 'none') throw notFound();
  const leads = command.assignments.filter((a) => a.role === 'lead');
  if (leads.length !== 1) throw new DomainError(ErrorCodes.CASE_ONE_LEAD, 'a dispatch names exactly one lead unit (主办)', 'unprocessable');
  const codes = command.assignments.map((a) => a.unitCode);
  if (new Set(codes).size !== codes.length) throw new DomainError(ErrorCodes.CASE_DUPLICATE_UNIT, 'a unit appears twice in the assignments', 'unprocessable');
  command.assignments.forEach((a) => checkHandlingUnit(a.unitCode, a.role));
  command.cooperatingUnitCodes.forEach((c) => checkHandlingUnit(c, 'cooperating unit'));
  if (state.status === 'dispatched') {
    if (state.resultApproved) throw new DomainError(ErrorCodes.CASE_ALREADY_RESOLVED, 'the result was approved: the case is past dispatch', 'conflict');
    if (state.pending.transfer) throw new DomainError(ErrorCodes.CASE_TRANSFER_PENDING, 'rule on the pending transfer request first', 'conflict');
    if (state.pending.review) throw underReviewRefusal(state.caseId, 'dispatch');
  }
  const joint = command.assignments.length > 1;
  const coHandlers = command.assignments.filter((a) => a.role === 'co-handler').map((a) => a.unitCode);
  const redispatch = state.status === 'dispatched';
  return [
    {
      type: 'case.dispatched.v1',
      data: {
        ...classificationOf(state),
        ...(command.categoryCode !== undefined && { categoryCode: command.categoryCode }),
        primaryUnitCode: leads[0].unitCode,
        cooperatingUnitCodes: [...new Set([...coHandlers, ...command.cooperatingUnitCodes])].filter((c) => c !== leads[0].unitCode),
        basis: { kind: 'manual', explanation: `${redispatch ? 'override' : 'manual dispatch'} by the centre: ${command.reason}` },
        dispatchedAt: command.now,
        ...(redispatch && { redispatch: true }),
        ...(joint && { assignments: command.assignments }),
        ...(command.final && { final: true }),
      },
    },
  ];
}
