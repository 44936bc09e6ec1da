import { returnVisit, type ReturnVisitCommand, type ReturnVisitEvent } from '../src/domain/return-visit';
import { deciderSpec, refusalOf } from '@county/testing';

const AT = '2026-03-10T02:00:00.000Z';
const approved = (approvals: number, unitCode = 'T-CG') => ({ approvals, unitCode });

const spec = deciderSpec(returnVisit);
const given = (events: ReturnVisitEvent[]) => ({ when: (command: ReturnVisitCommand) => spec(...events).when(command).decided() });

const visit = (over: Partial<Extract<ReturnVisitCommand, { type: 'RecordReturnVisit' }>> = {}): ReturnVisitCommand => ({
  type: 'RecordReturnVisit',
  caseId: 'C1',
  approval: approved(1),
  resolved: true,
  satisfaction: 'satisfied',
  at: AT,
  ...over,
});
const failedCall = (over: Partial<Extract<ReturnVisitCommand, { type: 'RecordFailedAttempt' }>> = {}): ReturnVisitCommand => ({
  type: 'RecordFailedAttempt',
  caseId: 'C1',
  approval: approved(1),
  reason: 'no-answer',
  maxAttempts: 3,
  at: AT,
  ...over,
});

const recorded = (resolved: boolean, satisfaction: 'satisfied' | 'basically-satisfied' | 'dissatisfied', attempt = 1, round = 1): ReturnVisitEvent => ({
  type: 'case.return-visit-recorded.v1',
  data: { caseId: 'C1', resolved, satisfaction, attempt, round, visitedAt: AT },
});
const reopened = (redoCount = 1, reason: 'unresolved' | 'dissatisfied' = 'unresolved'): ReturnVisitEvent => ({ type: 'case.reopened.v1', data: { caseId: 'C1', unitCode: 'T-CG', reason, redoCount } });
const closed = (outcome: 'resolved' | 'unresolved' | 'unreachable'): ReturnVisitEvent => ({ type: 'case.closed.v1', data: { caseId: 'C1', outcome, closedAt: AT } });
const attemptFailed = (attempt: number, round = 1): ReturnVisitEvent => ({
  type: 'case.return-visit-attempt-failed.v1',
  data: { caseId: 'C1', attempt, reason: 'no-answer', round, attemptedAt: AT },
});

const refusal = refusalOf;

describe('the return visit of a case', () => {
  it('closes a resolved and satisfied case as resolved', () => {
    expect(given([]).when(visit())).toEqual([recorded(true, 'satisfied'), closed('resolved')]);
  });

  it('closes a resolved and basically satisfied case as resolved', () => {
    expect(given([]).when(visit({ satisfaction: 'basically-satisfied' }))).toEqual([recorded(true, 'basically-satisfied'), closed('resolved')]);
  });

  it('reopens an unresolved case once, for the unit whose result was approved', () => {
    expect(given([]).when(visit({ resolved: false, satisfaction: 'basically-satisfied' }))).toEqual([recorded(false, 'basically-satisfied'), reopened(1, 'unresolved')]);
  });

  it('reopens a resolved but dissatisfied case, naming dissatisfaction as the reason', () => {
    expect(given([]).when(visit({ satisfaction: 'dissatisfied' }))).toEqual([recorded(true, 'dissatisfied'), reopened(1, 'dissatisfied')]);
  });

  it('closes as unresolved a case that fails its second visit after the redo', () => {
    const history = [recorded(false, 'dissatisfied'), reopened(1)];
    expect(given(history).when(visit({ approval: approved(2), resolved: false, satisfaction: 'dissatisfied' }))).toEqual([
      recorded(false, 'dissatisfied', 1, 2),
      closed('unresolved'),
    ]);
  });

  it('closes as resolved a redone case whose second visit is satisfied', () => {
    expect(given([recorded(false, 'dissatisfied'), reopened(1)]).when(visit({ approval: approved(2) }))).toEqual([recorded(true, 'satisfied', 1, 2), closed('resolved')]);
  });

  it('refuses a visit while the reopened case has no new approved result', () => {
    expect(refusal(() => given([recorded(false, 'dissatisfied'), reopened(1)]).when(visit({ approval: approved(1) }))).code).toBe('CASE.NOT_DUE_FOR_RETURN_VISIT');
  });

  it('refuses a visit to a case whose result was never approved', () => {
    const err = refusal(() => given([]).when(visit({ approval: null })));
    expect(err.code).toBe('CASE.NOT_DUE_FOR_RETURN_VISIT');
    expect(err.kind).toBe('conflict');
  });

  it('refuses anything on a closed case', () => {
    expect(refusal(() => given([recorded(true, 'satisfied'), closed('resolved')]).when(visit())).code).toBe('CASE.ALREADY_CLOSED');
    expect(refusal(() => given([recorded(true, 'satisfied'), closed('resolved')]).when(failedCall())).code).toBe('CASE.ALREADY_CLOSED');
  });

  it('counts failed calls and records the attempt number of the visit that gets through', () => {
    expect(given([]).when(failedCall())).toEqual([attemptFailed(1)]);
    expect(given([attemptFailed(1)]).when(failedCall())).toEqual([attemptFailed(2)]);
    expect(given([attemptFailed(1), attemptFailed(2)]).when(visit())).toEqual([recorded(true, 'satisfied', 3), closed('resolved')]);
  });

  it('makes the visit unreachable and closes the case at the configured number of failed attempts', () => {
    expect(given([attemptFailed(1), attemptFailed(2)]).when(failedCall())).toEqual([
      attemptFailed(3),
      { type: 'case.return-visit-unreachable.v1', data: { caseId: 'C1', attempts: 3, round: 1 } },
      closed('unreachable'),
    ]);
    expect(given([]).when(failedCall({ maxAttempts: 1 }))).toEqual([
      attemptFailed(1),
      { type: 'case.return-visit-unreachable.v1', data: { caseId: 'C1', attempts: 1, round: 1 } },
      closed('unreachable'),
    ]);
  });

  it('starts counting attempts again in the round after a reopen', () => {
    expect(given([attemptFailed(1), recorded(false, 'dissatisfied', 2), reopened(1)]).when(failedCall({ approval: approved(2) }))).toEqual([attemptFailed(1, 2)]);
  });
});
