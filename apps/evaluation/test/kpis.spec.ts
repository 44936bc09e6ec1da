import { emptyFacts, evolveFacts, stageOf, type CaseFacts, type FactEvent } from '../src/domain/case-facts';
import { contributionsOf, figureOf, figuresByUnit, localDay, parseWeights, rank, threeRateScore, type Contribution, type UnitFigures } from '../src/domain/kpis';
import { caseFactsData } from '../src/domain/case-facts-event';
import { defaultCalendar } from '@county/reference';

let n = 0;
const ev = (type: string, time: string, data: Record<string, unknown>): FactEvent => ({ id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, type, time, data: { caseId: 'C1', ...data } });
const fold = (events: FactEvent[]): CaseFacts => events.reduce(evolveFacts, emptyFacts('C1'));
const by = (rows: Contribution[], metric: string) => rows.filter((r) => r.metric === metric).map(({ unitCode, day, hit, value, item }) => ({ unitCode, day, hit, value, item }));

// Monday 2026-03-02, county time = UTC+8
const received = ev('case.received.v1', '2026-03-02T01:00:00Z', { categoryCode: 'URB-ORDER-PARKING', urgency: 'normal', channel: 'hotline', appealType: 'complaint', receivedAt: '2026-03-02T01:00:00.000Z', location: { resolved: true, townshipCode: 'T1', communityCode: 'T1-C1', gridCode: 'T1-C1-G1' } });
const dispatchedA = ev('case.dispatched.v1', '2026-03-02T01:30:00Z', { primaryUnitCode: 'A', cooperatingUnitCodes: ['X'], categoryCode: 'URB-ORDER-PARKING', urgency: 'normal', basis: { kind: 'list', explanation: 'x' }, dispatchedAt: '2026-03-02T01:30:00.000Z' });
const transferAsked = ev('case.transfer-requested.v1', '2026-03-02T02:00:00Z', { unitCode: 'A', reason: 'not ours' });
const transferApproved = ev('case.transfer-approved.v1', '2026-03-02T03:00:00Z', { fromUnitCode: 'A', reason: 'ok', transferCount: 1 });
const dispatchedB = ev('case.dispatched.v1', '2026-03-02T03:00:00Z', { primaryUnitCode: 'B', cooperatingUnitCodes: [], categoryCode: 'URB-ORDER-PARKING', urgency: 'normal', basis: { kind: 'transfer', explanation: 'x' }, dispatchedAt: '2026-03-02T03:00:00.000Z', redispatch: true });
const signedB = ev('case.signed-for.v1', '2026-03-02T05:00:00Z', { unitCode: 'B', signedAt: '2026-03-02T05:00:00.000Z' });
const overdueHandlingB = ev('case.overdue.v1', '2026-03-09T09:30:00Z', { clock: 'handling', unitCode: 'B', deadline: '2026-03-09T09:30:00.000Z' });
const approvedB = ev('case.result-approved.v1', '2026-03-10T02:00:00Z', { unitCode: 'B', reviewedAt: '2026-03-10T02:00:00.000Z' });
const visitDissatisfied = ev('case.return-visit-recorded.v1', '2026-03-11T02:00:00Z', { resolved: false, satisfaction: 'dissatisfied', attempt: 1, visitedAt: '2026-03-11T02:00:00.000Z' });
const reopenedB = ev('case.reopened.v1', '2026-03-11T02:00:00Z', { unitCode: 'B', reason: 'unresolved', redoCount: 1 });
const approvedB2 = ev('case.result-approved.v1', '2026-03-13T02:00:00Z', { unitCode: 'B', reviewedAt: '2026-03-13T02:00:00.000Z' });
const visitSatisfied = ev('case.return-visit-recorded.v1', '2026-03-16T17:00:00Z', { resolved: true, satisfaction: 'basically-satisfied', attempt: 2, visitedAt: '2026-03-16T17:00:00.000Z' });
const closedEv = ev('case.closed.v1', '2026-03-16T17:00:00Z', { outcome: 'resolved', closedAt: '2026-03-16T17:00:00.000Z' });
const repeat = ev('case.repeat-appeal-recorded.v1', '2026-03-05T01:00:00Z', { channel: 'hotline', channelReference: 'x', receivedAt: '2026-03-05T01:00:00.000Z', repeatCount: 1 });
const whistle = ev('whistle.blown.v1', '2026-03-03T01:00:00Z', { whistleId: 'W1', callerUnitCode: 'B', calledDepartmentCodes: ['D1', 'D2'], reason: 'r', needs: 'n', urgency: 'normal' });
const answeredD1 = ev('whistle.answered.v1', '2026-03-03T01:10:00Z', { whistleId: 'W1', departmentCode: 'D1' });
const overdueD2 = ev('whistle.answer-overdue.v1', '2026-03-03T02:00:00Z', { whistleId: 'W1', departmentCode: 'D2', deadline: '2026-03-03T02:00:00.000Z' });
const answeredD2 = ev('whistle.answered.v1', '2026-03-03T03:00:00Z', { whistleId: 'W1', departmentCode: 'D2' });
const ratedD1 = ev('whistle.answer-rated.v1', '2026-03-04T01:00:00Z', { whistleId: 'W1', departmentCode: 'D1', rating: 5, comment: '' });
const ratedD2 = ev('whistle.answer-rated.v1', '2026-03-04T01:00:00Z', { whistleId: 'W1', departmentCode: 'D2', rating: 2, comment: '' });

const LIFE = [received, dispatchedA, transferAsked, transferApproved, dispatchedB, signedB, repeat, whistle, answeredD1, overdueD2, answeredD2, ratedD1, ratedD2, overdueHandlingB, approvedB, visitDissatisfied, reopenedB, approvedB2, visitSatisfied, closedEv];

describe('the facts of a case', () => {
  it('are the same whatever order the events arrive in, and ignore redelivery', () => {
    const inOrder = fold(LIFE);
    const shuffled = fold([...LIFE].reverse());
    const redelivered = fold([...LIFE, ...LIFE.slice(0, 5)]);
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(inOrder));
    expect(JSON.stringify(redelivered)).toBe(JSON.stringify(inOrder));
  });

  it('say where the case is in the loop', () => {
    expect(stageOf(fold([received, dispatchedB]))).toBe('open');
    expect(stageOf(fold([received, dispatchedB, approvedB]))).toBe('awaiting-return-visit');
    expect(stageOf(fold([received, dispatchedB, approvedB, visitDissatisfied, reopenedB]))).toBe('open');
    expect(stageOf(fold([received, dispatchedB, approvedB, visitDissatisfied, reopenedB, approvedB2]))).toBe('awaiting-return-visit');
    expect(stageOf(fold(LIFE))).toBe('closed');
  });
});

describe('the KPI rows of a case', () => {
  const rows = contributionsOf(fold(LIFE), 480);

  it('count the case in the volume of every lead unit, on the local day of the dispatch', () => {
    expect(by(rows, 'volume')).toEqual([
      { unitCode: 'A', day: '2026-03-02', hit: true, value: null, item: '' },
      { unitCode: 'B', day: '2026-03-02', hit: true, value: null, item: '' },
    ]);
  });

  it('judge sign-for and response only for the unit that signed or went overdue', () => {
    expect(by(rows, 'sign-for-on-time')).toEqual([{ unitCode: 'B', day: '2026-03-02', hit: true, value: null, item: '' }]);
    expect(by(rows, 'response')).toEqual([{ unitCode: 'B', day: '2026-03-02', hit: true, value: null, item: '' }]);
  });

  it('take resolution and satisfaction from the last visit, redo from the first', () => {
    // the last visit is at 2026-03-16T17:00Z = 2026-03-17 01:00 county time
    expect(by(rows, 'resolution')).toEqual([{ unitCode: 'B', day: '2026-03-17', hit: true, value: null, item: '' }]);
    expect(by(rows, 'satisfaction')).toEqual([{ unitCode: 'B', day: '2026-03-17', hit: true, value: null, item: '' }]);
    expect(by(rows, 'redo')).toEqual([{ unitCode: 'B', day: '2026-03-11', hit: true, value: null, item: '' }]);
  });

  it('count overdue, transfers asked, late completion and repeat appeals against the right unit', () => {
    expect(by(rows, 'on-time-completion')).toEqual([{ unitCode: 'B', day: '2026-03-13', hit: false, value: null, item: '' }]);
    expect(by(rows, 'overdue')).toEqual([{ unitCode: 'B', day: '2026-03-09', hit: true, value: null, item: '' }]);
    expect(by(rows, 'transfers-asked')).toEqual([{ unitCode: 'A', day: '2026-03-02', hit: true, value: null, item: '' }]);
    expect(by(rows, 'repeat-appeals')).toEqual([{ unitCode: 'B', day: '2026-03-05', hit: true, value: null, item: repeat.id }]);
  });

  it('judge whistle answers per department and keep the townships ratings', () => {
    expect(by(rows, 'whistle-answer-on-time')).toEqual([
      { unitCode: 'D1', day: '2026-03-03', hit: true, value: null, item: 'W1' },
      { unitCode: 'D2', day: '2026-03-03', hit: false, value: null, item: 'W1' },
    ]);
    expect(by(rows, 'township-rating').map((r) => [r.unitCode, r.value])).toEqual([
      ['D1', 5],
      ['D2', 2],
    ]);
  });

  it('count a merged-away case nowhere, until the merge is undone', () => {
    const merged = ev('case.merged.v1', '2026-03-02T02:00:00Z', { intoCaseId: 'C0', reason: 'same matter' });
    expect(contributionsOf(fold([...LIFE, merged]), 480)).toEqual([]);
    const undone = ev('case.merge-undone.v1', '2026-03-02T04:00:00Z', { intoCaseId: 'C0', reason: 'not the same' });
    expect(contributionsOf(fold([...LIFE, merged, undone]), 480)).toHaveLength(rows.length);
  });

  it('put a sign-for overdue without a unit code on the lead unit of that moment', () => {
    const late = ev('case.overdue.v1', '2026-03-03T01:30:00Z', { clock: 'sign-for', deadline: '2026-03-03T01:30:00.000Z' });
    const r = contributionsOf(fold([received, dispatchedB, late, signedB]), 480);
    expect(by(r, 'sign-for-on-time')).toEqual([{ unitCode: 'B', day: '2026-03-02', hit: false, value: null, item: '' }]);
    expect(by(r, 'response')[0].hit).toBe(false);
  });

  it('local days follow county time', () => {
    expect(localDay('2026-03-31T16:00:00.000Z', 480)).toBe('2026-04-01');
    expect(localDay('2026-03-31T15:59:59.999Z', 480)).toBe('2026-03-31');
  });
});

describe('figures, the three rates and the ranking (hand-computed)', () => {
  it('compute counts, rates and averages', () => {
    const rows = [{ hit: true, value: null }, { hit: false, value: null }, { hit: true, value: null }, { hit: true, value: null }];
    expect(figureOf('volume', rows)).toEqual({ metric: 'volume', kind: 'count', denominator: 4, numerator: 3, value: 4 });
    expect(figureOf('response', rows)).toEqual({ metric: 'response', kind: 'rate', denominator: 4, numerator: 3, value: 0.75 });
    expect(figureOf('response', [])).toMatchObject({ value: null });
    expect(figureOf('township-rating', [{ hit: true, value: 5 }, { hit: true, value: 2 }, { hit: true, value: 4 }]).value).toBeCloseTo(11 / 3, 12);
  });

  it('weigh the three rates 30/35/35 by default', () => {
    // 30 x 0.9 + 35 x 0.8 + 35 x 1.0 = 27 + 28 + 35 = 90 over 100
    expect(threeRateScore({ response: 0.9, resolution: 0.8, satisfaction: 1 })).toBeCloseTo(90, 10);
    // without a resolution rate: (27 + 35) / 65 = 95.3846...
    expect(threeRateScore({ response: 0.9, resolution: null, satisfaction: 1 })).toBeCloseTo(6200 / 65, 10);
    expect(threeRateScore({ response: null, resolution: null, satisfaction: null })).toBeNull();
    // equal weights: (0.5 + 1 + 0) / 3
    expect(threeRateScore({ response: 0.5, resolution: 1, satisfaction: 0 }, parseWeights('1,1,1'))).toBeCloseTo(50, 10);
    expect(() => parseWeights('0,0,0')).toThrow(/not all 0/);
    expect(() => parseWeights('30,35')).toThrow();
  });

  it('rank by score with shared ranks, a red list and a black list', () => {
    const rowsOf = (unit: string, response: [number, number], resolution: [number, number], satisfaction: [number, number]): Contribution[] => {
      const make = (metric: Contribution['metric'], [hits, total]: [number, number]) =>
        Array.from({ length: total }, (_, i): Contribution => ({ caseId: `${unit}-${metric}-${i}`, item: '', unitCode: unit, metric, day: '2026-03-01', hit: i < hits, value: null }));
      return [...make('response', response), ...make('resolution', resolution), ...make('satisfaction', satisfaction), ...make('volume', [response[1], response[1]])];
    };
    const figures = figuresByUnit([
      ...rowsOf('A', [9, 10], [4, 5], [5, 5]), // 27 + 28 + 35 = 90
      ...rowsOf('B', [10, 10], [19, 20], [19, 20]), // 30 + 33.25 + 33.25 = 96.5
      ...rowsOf('C', [18, 20], [8, 10], [2, 2]), // 90, ties with A
      ...rowsOf('D', [1, 2], [1, 2], [1, 1]), // 15 + 17.5 + 35 = 67.5
      ...rowsOf('E', [0, 0], [0, 0], [0, 0]), // nothing decided: no score
    ]);
    const ranking = rank(figures as Map<string, UnitFigures>, parseWeights('30,35,35'), 2);
    expect(ranking.units.map((u) => [u.unitCode, u.rank, u.score === null ? null : Math.round(u.score * 100) / 100])).toEqual([
      ['B', 1, 96.5],
      ['A', 2, 90],
      ['C', 2, 90],
      ['D', 4, 67.5],
    ]);
    expect(ranking.redList).toEqual(['B', 'A']);
    expect(ranking.blackList).toEqual(['D', 'C']);
  });
});

describe('the case facts event', () => {
  it('gives the steps in working hours on the county calendar', () => {
    const data = caseFactsData(fold(LIFE), { outcome: 'resolved', closedAt: '2026-03-16T17:00:00.000Z' }, defaultCalendar);
    expect(data.units).toEqual({ leadUnitCodes: ['A', 'B'], cooperatingUnitCodes: ['X'], finalUnitCode: 'B' });
    expect(data.transfers).toEqual({ requested: 1, approved: 1, rejected: 0 });
    expect(data.redoCount).toBe(1);
    expect(data.returnVisit).toEqual({ resolved: true, satisfaction: 'basically-satisfied', attempts: 2 });
    expect(data.whistles[0]).toEqual({ whistleId: 'W1', calledDepartmentCodes: ['D1', 'D2'], answeredDepartmentCodes: ['D1', 'D2'], overdueDepartmentCodes: ['D2'], ratings: [{ departmentCode: 'D1', rating: 5 }, { departmentCode: 'D2', rating: 2 }] });
    // received 09:00 and dispatched 09:30 county time on a Monday: half a working hour
    expect(data.workingHours.receivedToDispatched).toBe(0.5);
    // dispatched 09:30, signed for by B at 13:00 county time: 09:30-12:00 = 2.5 h (13:00 is before the afternoon period starts)
    expect(data.workingHours.dispatchedToSignedFor).toBeCloseTo(2.5, 5);
    // approved Friday 2026-03-13 10:00, closed Tuesday 2026-03-17 01:00 county time: 10:00-12:00 + 13:30-17:30 on Friday = 6 h, Monday 7 h, Tuesday before 09:00 none
    expect(data.workingHours.resultApprovedToClosed).toBe(13);
    expect(JSON.stringify(data)).not.toMatch(/phone|name/i);
  });
});
