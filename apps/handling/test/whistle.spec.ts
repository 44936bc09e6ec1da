import { type WhistleBlownData } from '@county/contracts';
import { outstandingDepartments, whistle, type WhistleCommand, type WhistleEvent } from '../src/domain/whistle';
import { deciderSpec } from '@county/testing';

const caseId = 'case-1';
const whistleId = 'w-1';
const now = '2026-03-02T02:00:00.000Z';
const caller = 'QH-CG-01';

const blow: WhistleCommand = {
  type: 'BlowWhistle',
  caseId,
  whistleId,
  callerUnitCode: caller,
  caller: { unitKind: 'community', signedFor: true },
  calledDepartmentCodes: ['QH-URBAN', 'QH-MARKET'],
  knownDepartmentCodes: ['QH-URBAN', 'QH-MARKET'],
  reason: 'stall blocks the pavement',
  needs: 'enforcement',
  urgency: 'urgent',
};
const blown: WhistleEvent = {
  type: 'whistle.blown.v1',
  data: { caseId, whistleId, callerUnitCode: caller, calledDepartmentCodes: ['QH-URBAN', 'QH-MARKET'], reason: 'stall blocks the pavement', needs: 'enforcement', urgency: 'urgent' },
};
const ev = (type: 'whistle.answered.v1' | 'whistle.part-finished.v1' | 'whistle.released.v1', departmentCode: string) => ({ type, data: { caseId, whistleId, departmentCode } }) as WhistleEvent;
const reported = (departmentCode: string): WhistleEvent => ({ type: 'whistle.reported-on-site.v1', data: { caseId, whistleId, departmentCode, reportedAt: now } });
const dept = (type: 'AnswerWhistle' | 'ReportOnSite' | 'FinishPart', departmentCode: string): WhistleCommand => ({ type, whistleId, departmentCode, now });

const spec = deciderSpec(whistle);
const given = (events: WhistleEvent[]) => spec(...events);

describe('whistle: blowing', () => {
  it('a community that signed for the case calls county departments', () => given([]).when(blow).then([blown]));
  it('only a township or community may call', () => given([]).when({ ...blow, caller: { unitKind: 'department', signedFor: true } }).thenRefused('WHISTLE.CALLER_NOT_GRASSROOTS'));
  it('the caller must have signed for the case', () => given([]).when({ ...blow, caller: { unitKind: 'township', signedFor: false } }).thenRefused('CASE.NOT_SIGNED'));
  it('calls only county departments', () => given([]).when({ ...blow, knownDepartmentCodes: ['QH-URBAN'] }).thenRefused('WHISTLE.NOT_A_DEPARTMENT'));
  it('calls each department once', () =>
    given([]).when({ ...blow, calledDepartmentCodes: ['QH-URBAN', 'QH-URBAN'], knownDepartmentCodes: ['QH-URBAN'] }).then([
      { type: 'whistle.blown.v1', data: { ...(blown.data as WhistleBlownData), calledDepartmentCodes: ['QH-URBAN'] } },
    ]));
  it('is blown once', () => given([blown]).when(blow).thenRefused('WHISTLE.ALREADY_BLOWN'));
});

describe('whistle: a called department answers, reports on site and finishes its part', () => {
  it('answers once', () => {
    given([blown]).when(dept('AnswerWhistle', 'QH-URBAN')).then([ev('whistle.answered.v1', 'QH-URBAN')]);
    given([blown, ev('whistle.answered.v1', 'QH-URBAN')]).when(dept('AnswerWhistle', 'QH-URBAN')).thenRefused('WHISTLE.ALREADY_ANSWERED');
  });
  it('refuses a department it did not call, and a whistle that does not exist', () => {
    given([blown]).when(dept('AnswerWhistle', 'QH-POLICE')).thenRefused('WHISTLE.NOT_CALLED');
    given([]).when(dept('AnswerWhistle', 'QH-URBAN')).thenRefused('WHISTLE.NOT_FOUND');
  });
  it('reports on site after answering, with the time', () => {
    given([blown]).when(dept('ReportOnSite', 'QH-URBAN')).thenRefused('WHISTLE.NOT_ANSWERED');
    given([blown, ev('whistle.answered.v1', 'QH-URBAN')]).when(dept('ReportOnSite', 'QH-URBAN')).then([reported('QH-URBAN')]);
    given([blown, ev('whistle.answered.v1', 'QH-URBAN'), reported('QH-URBAN')]).when(dept('ReportOnSite', 'QH-URBAN')).thenRefused('WHISTLE.ALREADY_REPORTED');
  });
  it('finishes its part after reporting on site', () => {
    given([blown, ev('whistle.answered.v1', 'QH-URBAN')]).when(dept('FinishPart', 'QH-URBAN')).thenRefused('WHISTLE.NOT_REPORTED');
    given([blown, ev('whistle.answered.v1', 'QH-URBAN'), reported('QH-URBAN')]).when(dept('FinishPart', 'QH-URBAN')).then([ev('whistle.part-finished.v1', 'QH-URBAN')]);
  });
  it('keeps the case open until each called department finished or was released', () => {
    expect(outstandingDepartments(given([blown]).state)).toEqual(['QH-URBAN', 'QH-MARKET']);
    const s = given([blown, ev('whistle.answered.v1', 'QH-URBAN'), reported('QH-URBAN'), ev('whistle.part-finished.v1', 'QH-URBAN'), ev('whistle.released.v1', 'QH-MARKET')]).state;
    expect(outstandingDepartments(s)).toEqual([]);
  });
});

describe('whistle: the caller releases and rates', () => {
  const release: WhistleCommand = { type: 'ReleaseDepartment', whistleId, callerUnitCode: caller, departmentCode: 'QH-MARKET' };
  const rate = (rating: number, callerUnitCode = caller): WhistleCommand => ({ type: 'RateAnswer', whistleId, callerUnitCode, departmentCode: 'QH-URBAN', rating, comment: 'fast' });
  it('releases a department that has not finished, once; a released department may no longer act', () => {
    given([blown]).when(release).then([ev('whistle.released.v1', 'QH-MARKET')]);
    given([blown, ev('whistle.released.v1', 'QH-MARKET')]).when(release).thenRefused('WHISTLE.ALREADY_RELEASED');
    given([blown, ev('whistle.released.v1', 'QH-MARKET')]).when(dept('AnswerWhistle', 'QH-MARKET')).thenRefused('WHISTLE.DEPARTMENT_RELEASED');
    given([blown]).when({ ...release, callerUnitCode: 'QH-CG' } as WhistleCommand).thenRefused('WHISTLE.NOT_CALLER');
  });
  it('rates an answer 1 to 5, once, as the caller', () => {
    const answered = [blown, ev('whistle.answered.v1', 'QH-URBAN')];
    given(answered).when(rate(5)).then([{ type: 'whistle.answer-rated.v1', data: { caseId, whistleId, departmentCode: 'QH-URBAN', rating: 5, comment: 'fast' } }]);
    given(answered).when(rate(6)).thenRefused('WHISTLE.RATING_INVALID');
    given(answered).when(rate(4, 'QH-CG-02')).thenRefused('WHISTLE.NOT_CALLER');
    given([blown]).when(rate(4)).thenRefused('WHISTLE.NOT_ANSWERED');
    given([...answered, { type: 'whistle.answer-rated.v1', data: { caseId, whistleId, departmentCode: 'QH-URBAN', rating: 5, comment: '' } }]).when(rate(3)).thenRefused('WHISTLE.ALREADY_RATED');
  });
});
