import {
  ErrorCodes,
  DomainError,
  type CaseClosedData,
  type CaseReopenedData,
  type Decider,
  type ReturnVisitAttemptFailedData,
  type ReturnVisitRecordedData,
  type ReturnVisitUnreachableData,
  type Satisfaction,
} from '@county/contracts';

/**
 * The return visit (回访) of one case, as the callback staff see it.
 * Events -> state -> evolve -> commands -> decide.
 *
 * A case is due for a return visit once the centre approved its result (dispatch's
 * case.result-approved.v1; the number of approvals arrives in the command as `approvals`).
 * Each approval opens a round. In a round the staff either reach the resident and record
 * resolved or not + satisfaction, or record a failed attempt; the attempt that reaches the
 * configured maximum makes the visit unreachable and closes the case.
 * Unresolved or dissatisfied: the first time the case is reopened (redo, same unit), the
 * second time it is closed as unresolved. Otherwise it is closed as resolved.
 */

// events
export type ReturnVisitEvent =
  | { type: 'case.return-visit-recorded.v1'; data: ReturnVisitRecordedData }
  | { type: 'case.return-visit-attempt-failed.v1'; data: ReturnVisitAttemptFailedData }
  | { type: 'case.return-visit-unreachable.v1'; data: ReturnVisitUnreachableData }
  | { type: 'case.reopened.v1'; data: CaseReopenedData }
  | { type: 'case.closed.v1'; data: CaseClosedData };

// state
export type ReturnVisitState =
  | { status: 'open'; round: number; failedAttempts: number; redoCount: number }
  | { status: 'closed'; outcome: CaseClosedData['outcome'] };

/** `round` = the rounds already finished (visited or reopened); a new approval starts the next one. */
export const initialState: ReturnVisitState = { status: 'open', round: 0, failedAttempts: 0, redoCount: 0 };

export function evolve(state: ReturnVisitState, event: ReturnVisitEvent): ReturnVisitState {
  if (state.status === 'closed') return state;
  switch (event.type) {
    case 'case.return-visit-attempt-failed.v1':
      return { ...state, failedAttempts: state.failedAttempts + 1 };
    case 'case.return-visit-recorded.v1':
    case 'case.return-visit-unreachable.v1':
      return state;
    case 'case.reopened.v1':
      return { status: 'open', round: state.round + 1, failedAttempts: 0, redoCount: event.data.redoCount };
    case 'case.closed.v1':
      return { status: 'closed', outcome: event.data.outcome };
  }
}

// commands
/** What the callback queue knows about the case when the command is given. */
export interface Approval {
  /** How many times the centre has approved the case's result so far. */
  readonly approvals: number;
  /** The unit whose result was approved last. */
  readonly unitCode: string;
}

export type RecordReturnVisit = {
  type: 'RecordReturnVisit';
  caseId: string;
  approval: Approval | null;
  resolved: boolean;
  satisfaction: Satisfaction;
  at: string;
};

export type RecordFailedAttempt = {
  type: 'RecordFailedAttempt';
  caseId: string;
  approval: Approval | null;
  reason: ReturnVisitAttemptFailedData['reason'];
  /** Configured: the attempt that reaches this number makes the visit unreachable. */
  maxAttempts: number;
  at: string;
};

export type ReturnVisitCommand = RecordReturnVisit | RecordFailedAttempt;

/** A case is reopened at most once; the second failure closes it. */
export const MAX_REDOS = 1;

function openRound(command: ReturnVisitCommand, state: ReturnVisitState): { round: number; failedAttempts: number; redoCount: number; unitCode: string } {
  if (state.status === 'closed') throw new DomainError(ErrorCodes.CASE_ALREADY_CLOSED, `case ${command.caseId} is closed (${state.outcome})`, 'conflict');
  const approvals = command.approval?.approvals ?? 0;
  if (!command.approval || approvals <= state.round) {
    throw new DomainError(ErrorCodes.CASE_NOT_DUE_FOR_RETURN_VISIT, `case ${command.caseId} has no approved result waiting for a return visit`, 'conflict');
  }
  return { round: state.round + 1, failedAttempts: state.failedAttempts, redoCount: state.redoCount, unitCode: command.approval.unitCode };
}

export function decide(command: ReturnVisitCommand, state: ReturnVisitState): ReturnVisitEvent[] {
  switch (command.type) {
    case 'RecordReturnVisit': {
      const open = openRound(command, state);
      const visit: ReturnVisitEvent = {
        type: 'case.return-visit-recorded.v1',
        data: { caseId: command.caseId, resolved: command.resolved, satisfaction: command.satisfaction, attempt: open.failedAttempts + 1, round: open.round, visitedAt: command.at },
      };
      const failed = !command.resolved || command.satisfaction === 'dissatisfied';
      if (!failed) return [visit, { type: 'case.closed.v1', data: { caseId: command.caseId, outcome: 'resolved', closedAt: command.at } }];
      if (open.redoCount < MAX_REDOS) {
        return [
          visit,
          {
            type: 'case.reopened.v1',
            data: { caseId: command.caseId, unitCode: open.unitCode, reason: command.resolved ? 'dissatisfied' : 'unresolved', redoCount: open.redoCount + 1 },
          },
        ];
      }
      return [visit, { type: 'case.closed.v1', data: { caseId: command.caseId, outcome: 'unresolved', closedAt: command.at } }];
    }
    case 'RecordFailedAttempt': {
      const open = openRound(command, state);
      if (!Number.isInteger(command.maxAttempts) || command.maxAttempts < 1) throw new DomainError(ErrorCodes.CONFIG_INVALID_MAX_ATTEMPTS, 'maxAttempts must be a whole number >= 1', 'invalid');
      const attempt = open.failedAttempts + 1;
      const failed: ReturnVisitEvent = {
        type: 'case.return-visit-attempt-failed.v1',
        data: { caseId: command.caseId, attempt, reason: command.reason, round: open.round, attemptedAt: command.at },
      };
      if (attempt < command.maxAttempts) return [failed];
      return [
        failed,
        { type: 'case.return-visit-unreachable.v1', data: { caseId: command.caseId, attempts: attempt, round: open.round } },
        { type: 'case.closed.v1', data: { caseId: command.caseId, outcome: 'unreachable', closedAt: command.at } },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const returnVisit: Decider<ReturnVisitCommand, ReturnVisitEvent, ReturnVisitState> = { initialState, evolve, decide };
