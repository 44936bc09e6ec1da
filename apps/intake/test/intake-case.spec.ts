import { fold, type CaseReceivedData } from '@county/contracts';
import { intakeCase, type IntakeCaseCommand, type IntakeCaseEvent } from '../src/domain/intake-case';
import { deciderSpec } from '@county/testing';

const received: CaseReceivedData = {
  caseId: 'c1',
  channel: 'hotline',
  channelReference: 'HL-1',
  appealType: 'complaint',
  categoryCode: 'UM.ORDER.PARKING',
  urgency: 'normal',
  description: '乱停车',
  location: { gridCode: 'QH-BT-01-02', communityCode: 'QH-BT-01', townshipCode: 'QH-BT', resolved: true },
  resident: { anonymous: false, residentId: `r_${'a'.repeat(32)}`, maskedPhone: '138****5678' },
  receivedAt: '2026-03-02T01:15:00.000Z',
  attachments: [],
};
const receivedEvent: IntakeCaseEvent = { type: 'case.received.v1', data: received };
const repeat = (n: number): IntakeCaseEvent => ({
  type: 'case.repeat-appeal-recorded.v1',
  data: { caseId: 'c1', channel: 'app', channelReference: `APP-${n}`, receivedAt: '2026-03-03T01:00:00.000Z', repeatCount: n },
});
const merged: IntakeCaseEvent = { type: 'case.merged.v1', data: { caseId: 'c1', intoCaseId: 'c2', reason: '同一事项' } };

const spec = deciderSpec(intakeCase);
const given = (events: IntakeCaseEvent[], command: IntakeCaseCommand) => spec(...events).when(command).decided();
const refusal = (events: IntakeCaseEvent[], command: IntakeCaseCommand): string => spec(...events).when(command).refusal().code;

describe('intake case', () => {
  it('receives a case once', () => {
    expect(given([], { type: 'ReceiveCase', data: received })).toEqual([receivedEvent]);
    expect(refusal([receivedEvent], { type: 'ReceiveCase', data: received })).toBe('CASE.ALREADY_RECEIVED');
  });

  it('counts repeat appeals on the case', () => {
    const cmd: IntakeCaseCommand = { type: 'RecordRepeatAppeal', data: { caseId: 'c1', channel: 'app', channelReference: 'APP-3', receivedAt: '2026-03-04T01:00:00.000Z', residentId: `r_${'a'.repeat(32)}` } };
    expect(given([receivedEvent, repeat(1), repeat(2)], cmd)).toEqual([
      { type: 'case.repeat-appeal-recorded.v1', data: { caseId: 'c1', channel: 'app', channelReference: 'APP-3', receivedAt: '2026-03-04T01:00:00.000Z', repeatCount: 3, residentId: `r_${'a'.repeat(32)}` } },
    ]);
    expect(refusal([], cmd)).toBe('CASE.NOT_FOUND');
    expect(refusal([receivedEvent, merged], cmd)).toBe('CASE.MERGED');
  });

  it('merges into another case once, never into itself, and undoes a merge', () => {
    expect(given([receivedEvent], { type: 'MergeCase', data: { caseId: 'c1', intoCaseId: 'c2', reason: '同一事项' } })).toEqual([merged]);
    expect(refusal([receivedEvent], { type: 'MergeCase', data: { caseId: 'c1', intoCaseId: 'c1', reason: 'x' } })).toBe('CASE.MERGE_INTO_ITSELF');
    expect(refusal([receivedEvent, merged], { type: 'MergeCase', data: { caseId: 'c1', intoCaseId: 'c3', reason: 'x' } })).toBe('CASE.ALREADY_MERGED');
    expect(refusal([], { type: 'MergeCase', data: { caseId: 'c1', intoCaseId: 'c2', reason: 'x' } })).toBe('CASE.NOT_FOUND');
    expect(given([receivedEvent, repeat(1), merged], { type: 'UndoMerge', data: { caseId: 'c1', reason: '误合并' } })).toEqual([
      { type: 'case.merge-undone.v1', data: { caseId: 'c1', intoCaseId: 'c2', reason: '误合并' } },
    ]);
    expect(refusal([receivedEvent], { type: 'UndoMerge', data: { caseId: 'c1', reason: 'x' } })).toBe('CASE.NOT_MERGED');
    const undone: IntakeCaseEvent = { type: 'case.merge-undone.v1', data: { caseId: 'c1', intoCaseId: 'c2', reason: '误合并' } };
    expect(fold(intakeCase, [receivedEvent, repeat(1), merged, undone])).toEqual({ status: 'received', caseId: 'c1', receivedAt: received.receivedAt, repeatCount: 1 });
  });
});
