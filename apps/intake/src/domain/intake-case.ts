import {
  ErrorCodes,
  DomainError,
  type CaseMergeUndoneData,
  type CaseMergedData,
  type CaseReceivedData,
  type CaseRepeatAppealRecordedData,
  type Channel,
  type Decider,
} from '@county/contracts';

/**
 * The case as intake sees it: an appeal that was received, the repeat appeals recorded on it,
 * and whether centre staff merged it into another case. Events -> state -> evolve -> commands
 * -> decide. Whether the case is still open is learnt from other services' events and checked
 * by the handler (read model) before it sends RecordRepeatAppeal.
 */

// events
export type IntakeCaseEvent =
  | { type: 'case.received.v1'; data: CaseReceivedData }
  | { type: 'case.repeat-appeal-recorded.v1'; data: CaseRepeatAppealRecordedData }
  | { type: 'case.merged.v1'; data: CaseMergedData }
  | { type: 'case.merge-undone.v1'; data: CaseMergeUndoneData };

// state
export type IntakeCaseState =
  | { status: 'none' }
  | { status: 'received'; caseId: string; receivedAt: string; repeatCount: number }
  | { status: 'merged'; caseId: string; receivedAt: string; repeatCount: number; intoCaseId: string };

export const initialState: IntakeCaseState = { status: 'none' };

export function evolve(state: IntakeCaseState, event: IntakeCaseEvent): IntakeCaseState {
  switch (event.type) {
    case 'case.received.v1':
      return { status: 'received', caseId: event.data.caseId, receivedAt: event.data.receivedAt, repeatCount: 0 };
    case 'case.repeat-appeal-recorded.v1':
      return state.status === 'none' ? state : { ...state, repeatCount: event.data.repeatCount };
    case 'case.merged.v1':
      return state.status === 'none' ? state : { status: 'merged', caseId: state.caseId, receivedAt: state.receivedAt, repeatCount: state.repeatCount, intoCaseId: event.data.intoCaseId };
    case 'case.merge-undone.v1':
      return state.status === 'none' ? state : { status: 'received', caseId: state.caseId, receivedAt: state.receivedAt, repeatCount: state.repeatCount };
  }
}

// commands
export type ReceiveCase = { type: 'ReceiveCase'; data: CaseReceivedData };
export type RecordRepeatAppeal = {
  type: 'RecordRepeatAppeal';
  data: { caseId: string; channel: Channel; channelReference: string; receivedAt: string; residentId?: string };
};
/** Sent to the case that is merged away; the handler has checked that the target case exists. */
export type MergeCase = { type: 'MergeCase'; data: { caseId: string; intoCaseId: string; reason: string } };
export type UndoMerge = { type: 'UndoMerge'; data: { caseId: string; reason: string } };
export type IntakeCaseCommand = ReceiveCase | RecordRepeatAppeal | MergeCase | UndoMerge;

export function decide(command: IntakeCaseCommand, state: IntakeCaseState): IntakeCaseEvent[] {
  switch (command.type) {
    case 'ReceiveCase':
      if (state.status !== 'none') throw new DomainError(ErrorCodes.CASE_ALREADY_RECEIVED, `case ${state.caseId} was already received`, 'conflict');
      return [{ type: 'case.received.v1', data: command.data }];
    case 'RecordRepeatAppeal': {
      if (state.status === 'none') throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `no case ${command.data.caseId}`, 'not-found');
      if (state.status === 'merged') throw new DomainError(ErrorCodes.CASE_MERGED, `case ${state.caseId} was merged into ${state.intoCaseId}`, 'conflict', { intoCaseId: state.intoCaseId });
      const { residentId, ...rest } = command.data;
      return [{ type: 'case.repeat-appeal-recorded.v1', data: { ...rest, repeatCount: state.repeatCount + 1, ...(residentId !== undefined && { residentId }) } }];
    }
    case 'MergeCase':
      if (state.status === 'none') throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `no case ${command.data.caseId}`, 'not-found');
      if (command.data.intoCaseId === state.caseId) throw new DomainError(ErrorCodes.CASE_MERGE_INTO_ITSELF, 'a case cannot be merged into itself', 'unprocessable');
      if (state.status === 'merged') throw new DomainError(ErrorCodes.CASE_ALREADY_MERGED, `case ${state.caseId} is already merged into ${state.intoCaseId}`, 'conflict', { intoCaseId: state.intoCaseId });
      return [{ type: 'case.merged.v1', data: command.data }];
    case 'UndoMerge':
      if (state.status === 'none') throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `no case ${command.data.caseId}`, 'not-found');
      if (state.status !== 'merged') throw new DomainError(ErrorCodes.CASE_NOT_MERGED, `case ${state.caseId} is not merged`, 'conflict');
      return [{ type: 'case.merge-undone.v1', data: { caseId: state.caseId, intoCaseId: state.intoCaseId, reason: command.data.reason } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const intakeCase: Decider<IntakeCaseCommand, IntakeCaseEvent, IntakeCaseState> = { initialState, evolve, decide };
