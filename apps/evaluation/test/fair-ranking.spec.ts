import { emptyFacts, evolveFacts } from '../src/domain/case-facts';
import { fairRanking, median, rankingReport, rateDetail, countyRates, stratumOf, wilson, type StratifiedRow } from '../src/domain/fair-ranking';
import { rank, type Contribution, type RankedUnit } from '../src/domain/kpis';

/** Every expected number below was computed by hand (and checked with a calculator), not with this code. */

const rows = (unitCode: string, stratum: string, n: number, hits: number, metric: StratifiedRow['metric'] = 'response'): StratifiedRow[] =>
  Array.from({ length: n }, (_, i) => ({ unitCode, metric, stratum, hit: i < hits }));

describe('the 95 % Wilson interval', () => {
  it('matches the published values', () => {
    // p = 0.9, n = 10: centre = (0.9 + 1.92073 / 10) / 1.384146 = 0.788986, half = 1.416014 x sqrt(0.009 + 0.0096036) = 0.193137
    expect(wilson(9, 10)?.low).toBeCloseTo(0.59585, 5);
    expect(wilson(9, 10)?.high).toBeCloseTo(0.982124, 5);
    expect(wilson(1, 3)).toEqual({ low: expect.closeTo(0.061492, 5), high: expect.closeTo(0.79234, 5) });
    expect(wilson(0, 5)).toEqual({ low: 0, high: expect.closeTo(0.434482, 5) });
    expect(wilson(5, 5)).toEqual({ low: expect.closeTo(0.565518, 5), high: 1 });
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('indirect standardisation by stratum', () => {
  // county: stratum A 12 rows, 11 hits (pA = 11/12); stratum B 8 rows, 4 hits (pB = 1/2); P = 15/20 = 0.75
  const all = [...rows('U1', 'A', 10, 9), ...rows('U2', 'A', 2, 2), ...rows('U2', 'B', 8, 4)];
  const county = countyRates(all);

  it('compares each unit with what the county achieves on the same mix of cases', () => {
    // U1: O = 9, E = 10 x 11/12 = 110/12, O/E = 54/55, adjusted = 54/55 x 0.75 = 81/110
    const u1 = rateDetail('response', all.filter((r) => r.unitCode === 'U1'), county);
    expect(u1).toMatchObject({ observed: 9, n: 10, raw: 0.9 });
    expect(u1.expected).toBeCloseTo(110 / 12, 12);
    expect(u1.ratio).toBeCloseTo(54 / 55, 12);
    expect(u1.adjusted).toBeCloseTo(81 / 110, 12);
    // the adjusted interval is the raw one times n x P / E = 7.5 / (110/12) = 9/11
    expect(u1.adjustedInterval?.low).toBeCloseTo(0.59585 * (9 / 11), 5);
    expect(u1.adjustedInterval?.high).toBeCloseTo(0.982124 * (9 / 11), 5);

    // U2: O = 6, E = 2 x 11/12 + 8 x 1/2 = 35/6, O/E = 36/35, adjusted = 36/35 x 0.75 = 27/35
    const u2 = rateDetail('response', all.filter((r) => r.unitCode === 'U2'), county);
    expect(u2).toMatchObject({ observed: 6, n: 10, raw: 0.6 });
    expect(u2.expected).toBeCloseTo(35 / 6, 12);
    expect(u2.ratio).toBeCloseTo(36 / 35, 12);
    expect(u2.adjusted).toBeCloseTo(27 / 35, 12);
    // 0.83182 x 9/7 = 1.0695: capped at 1
    expect(u2.adjustedInterval?.low).toBeCloseTo(0.312674 * (9 / 7), 5);
    expect(u2.adjustedInterval?.high).toBe(1);
  });

  it('turns the order round when the lower raw rate came from the harder cases', () => {
    const raw: RankedUnit[] = ['U1', 'U2'].map((unitCode) => ({ unitCode, rank: null, score: null, responseRate: null, resolutionRate: null, satisfactionRate: null, volume: 10 }));
    const { units } = fairRanking(all, ['U1', 'U2'], raw, { weights: { response: 30, resolution: 35, satisfaction: 35 }, listSize: 1, rule: 'evidence' });
    expect(units.map((u) => [u.unitCode, u.adjustedRank])).toEqual([['U2', 1], ['U1', 2]]);
    // only response has rows: the score is 100 x the rate
    expect(units[0].score).toBeCloseTo(60, 9);
    expect(units[0].adjustedScore).toBeCloseTo((100 * 27) / 35, 9);
    expect(units[1].adjustedScore).toBeCloseTo((100 * 81) / 110, 9);
  });

  it('takes the stratum from intake, else from dispatch', () => {
    const received = { id: 'e1', type: 'case.received.v1', time: '2026-03-02T01:00:00Z', data: { categoryCode: 'UM.ORDER.PARKING', urgency: 'urgent', appealType: 'complaint', location: {} } };
    const dispatched = { id: 'e2', type: 'case.dispatched.v1', time: '2026-03-02T02:00:00Z', data: { primaryUnitCode: 'QH-CG', categoryCode: 'UM.ORDER.ADS', urgency: 'normal' } };
    expect(stratumOf([received, dispatched].reduce(evolveFacts, emptyFacts('C1')))).toBe('UM.ORDER.PARKING|urgent|complaint');
    expect(stratumOf([dispatched].reduce(evolveFacts, emptyFacts('C1')))).toBe('UM.ORDER.ADS|normal|unknown');
  });
});

describe('red and black lists where the evidence holds', () => {
  // one stratum: adjusted = raw. Scores: U1 95, U2 80, U3 78, U4 76, U5 50, U6 33.3 (1 of 3); median = (76 + 78) / 2 = 77
  const all = [...rows('U1', 'S', 100, 95), ...rows('U2', 'S', 100, 80), ...rows('U3', 'S', 100, 78), ...rows('U4', 'S', 100, 76), ...rows('U5', 'S', 100, 50), ...rows('U6', 'S', 3, 1)];
  const units = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];
  const raw: RankedUnit[] = units.map((unitCode) => ({ unitCode, rank: null, score: null, responseRate: null, resolutionRate: null, satisfactionRate: null, volume: 0 }));
  const weights = { response: 30, resolution: 35, satisfaction: 35 };

  it('lists only units whose whole interval lies on one side of the county median, and says why', () => {
    const { lists } = fairRanking(all, units, raw, { weights, listSize: 2, rule: 'evidence' });
    expect(lists.countyMedianScore).toBeCloseTo(77, 9);
    // U1 [88.8, 97.8] is above 77; U2 [71.1, 86.7] overlaps it
    expect(lists.redList).toEqual(['U1']);
    // U6 (1 of 3) is the worst but [6.1, 79.2] overlaps 77; U5 [40.4, 59.6] is below it
    expect(lists.blackList).toEqual(['U5']);
    expect(lists.listed).toEqual([
      { unitCode: 'U1', list: 'red', reason: 'adjusted score 95.0 (95 % interval 88.8-97.8, rank 1 of 6) lies wholly above the county median 77.0' },
      { unitCode: 'U5', list: 'black', reason: 'adjusted score 50.0 (95 % interval 40.4-59.6, rank 5 of 6) lies wholly below the county median 77.0' },
    ]);
    expect(lists.notListed.map((e) => [e.unitCode, e.list])).toEqual([['U2', 'red'], ['U6', 'black']]);
    expect(lists.notListed[1].reason).toBe('adjusted score 33.3 (95 % interval 6.1-79.2, rank 6 of 6) overlaps the county median 77.0: the evidence does not hold');
  });

  it('lists by rank alone under the rule "rank"', () => {
    const { lists } = fairRanking(all, units, raw.map((r, i) => ({ ...r, rank: i + 1, score: 90 - i })), { weights, listSize: 2, rule: 'rank' });
    expect(lists.redList).toEqual(['U1', 'U2']);
    expect(lists.blackList).toEqual(['U6', 'U5']);
  });

  it('puts no unit on both lists and handles no units', () => {
    expect(fairRanking([], [], [], { weights, listSize: 3, rule: 'evidence' }).lists).toMatchObject({ redList: [], blackList: [], countyMedianScore: null });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('the published ranking report', () => {
  const c = (caseId: string, unitCode: string, metric: Contribution['metric'], hit: boolean): Contribution => ({ caseId, item: '', unitCode, metric, day: '2026-03-02', hit, value: null });
  const contributions = [c('C1', 'T1', 'response', true), c('C1', 'T1', 'volume', true), c('C2', 'T1', 'response', false), c('C3', 'D1', 'response', true), c('C3', 'D1', 'satisfaction', true)];
  const strata = new Map([['C1', 'X|normal|complaint'], ['C2', 'Y|normal|complaint'], ['C3', 'Y|normal|complaint']]);

  it('keeps the raw ranking and puts the adjusted figures beside it, against the whole county', () => {
    const options = { weights: { response: 30, resolution: 35, satisfaction: 35 }, listSize: 1, listRule: 'rank' as const };
    const report = rankingReport(contributions, strata, (u) => u === 'T1', options);
    const expectedRaw = rank(new Map(), options.weights, 1);
    expect(expectedRaw.units).toEqual([]);
    expect(report.ranking.units.map((u) => u.unitCode)).toEqual(['T1']);
    const t1 = report.ranking.units[0];
    expect(t1.score).toBeCloseTo(50, 9);
    // county: X 1 of 1, Y 1 of 2, P = 2/3; T1: O = 1, E = 1 + 1/2 = 3/2, O/E = 2/3, adjusted = 4/9
    expect(t1.fair.rates.response.ratio).toBeCloseTo(2 / 3, 12);
    expect(t1.fair.rates.response.adjusted).toBeCloseTo(4 / 9, 12);
    expect(t1.fair.adjustedScore).toBeCloseTo(400 / 9, 9);
    expect(report.method.interval).toBe('wilson-95');
  });
});
