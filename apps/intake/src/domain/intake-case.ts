import { DomainError, type CaseReceivedData, type Decider } from '@county/contracts';

/**
 * The case as intake sees it: an appeal that was received. Events -> state -> evolve ->
 * commands -> decide. Intake's later steps (repeat appeals, merges) grow here.
 */

// events
export type IntakeCaseEvent = { type: 'case.received.v1'; data: CaseReceivedData };

// state
export type IntakeCaseState = { status: 'none' } | { status: 'received'; caseId: string; receivedAt: string };

export const initialState: IntakeCaseState = { status: 'none' };

export function evolve(state: IntakeCaseState, event: IntakeCaseEvent): IntakeCaseState {
  switch (event.type) {
    case 'case.received.v1':
      return { status: 'received', caseId: event.data.caseId, receivedAt: event.data.receivedAt };
  }
}

// commands
export type ReceiveCase = { type: 'ReceiveCase'; data: CaseReceivedData };
export type IntakeCaseCommand = ReceiveCase;

export function decide(command: IntakeCaseCommand, state: IntakeCaseState): IntakeCaseEvent[] {
  switch (command.type) {
    case 'ReceiveCase':
      if (state.status !== 'none') throw new DomainError('CASE.ALREADY_RECEIVED', `case ${state.caseId} was already received`, 'conflict');
      return [{ type: 'case.received.v1', data: command.data }];
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export const intakeCase: Decider<IntakeCaseCommand, IntakeCaseEvent, IntakeCaseState> = { initialState, evolve, decide };
