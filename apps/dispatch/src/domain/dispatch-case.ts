import { DomainError, type CaseDispatchedData, type CaseReceivedData, type Decider, type DispatchBasis } from '@county/contracts';

/**
 * The case as the centre sees it: received from intake, then dispatched to a unit.
 * Events -> state -> evolve -> commands -> decide.
 */

// events
export type DispatchCaseEvent = { type: 'case.dispatched.v1'; data: CaseDispatchedData };

// state
export type DispatchCaseState =
  | { status: 'none' }
  | { status: 'dispatched'; caseId: string; primaryUnitCode: string; cooperatingUnitCodes: readonly string[] };

export const initialState: DispatchCaseState = { status: 'none' };

export function evolve(state: DispatchCaseState, event: DispatchCaseEvent): DispatchCaseState {
  switch (event.type) {
    case 'case.dispatched.v1':
      return { status: 'dispatched', caseId: event.data.caseId, primaryUnitCode: event.data.primaryUnitCode, cooperatingUnitCodes: event.data.cooperatingUnitCodes };
  }
}

// commands
export interface RoutingDecision {
  readonly primaryUnitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  readonly basis: DispatchBasis;
}

export type RouteReceivedCase = { type: 'RouteReceivedCase'; received: CaseReceivedData; routing: RoutingDecision; now: string };
export type DispatchCaseCommand = RouteReceivedCase;

export function decide(command: DispatchCaseCommand, state: DispatchCaseState): DispatchCaseEvent[] {
  switch (command.type) {
    case 'RouteReceivedCase': {
      if (state.status !== 'none') throw new DomainError('CASE.ALREADY_DISPATCHED', `case ${state.caseId} was already dispatched`, 'conflict');
      const { received, routing } = command;
      return [
        {
          type: 'case.dispatched.v1',
          data: {
            caseId: received.caseId,
            primaryUnitCode: routing.primaryUnitCode,
            cooperatingUnitCodes: routing.cooperatingUnitCodes,
            categoryCode: received.categoryCode,
            urgency: received.urgency,
            ...(received.location.townshipCode !== undefined && { townshipCode: received.location.townshipCode }),
            basis: routing.basis,
            dispatchedAt: command.now,
          },
        },
      ];
    }
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export const dispatchCase: Decider<DispatchCaseCommand, DispatchCaseEvent, DispatchCaseState> = { initialState, evolve, decide };

/**
 * Placeholder routing until the responsibility list decides: a located case goes to its
 * township, anything else to the centre's triage.
 */
export function placeholderRouting(received: CaseReceivedData): RoutingDecision {
  if (received.location.resolved && received.location.townshipCode) {
    return {
      primaryUnitCode: received.location.townshipCode,
      cooperatingUnitCodes: [],
      basis: { kind: 'placeholder', explanation: `placeholder rule: the township of the place (${received.location.townshipCode})` },
    };
  }
  return {
    primaryUnitCode: 'CENTRE',
    cooperatingUnitCodes: [],
    basis: { kind: 'placeholder', explanation: 'placeholder rule: the place is not resolved, so the centre triages the case' },
  };
}
