import { baselineOf, changeOf, hotspot, hotspotStreamId, isSpike, monthsBefore, previousMonth, type DetectHotspot } from '../src/domain/hot-issues';
import { periodOf, rollingWindows } from '../src/domain/periods';

const RULE = { baselineMonths: 3, factor: 2, minCount: 5 };

describe('the spike rule', () => {
  it('takes the mean of the baseline months, a missing month counting 0', () => {
    expect(baselineOf([3, 0, 3], RULE)).toBe(2);
    expect(baselineOf([6], RULE)).toBe(2); // only one month known: (0 + 0 + 6) / 3
    expect(baselineOf([9, 1, 2, 3], RULE)).toBe(2); // the last three: (1 + 2 + 3) / 3
  });

  it('needs at least minCount cases and at least factor x baseline', () => {
    expect(isSpike(4, 0, RULE)).toBe(false); // below minCount
    expect(isSpike(5, 0, RULE)).toBe(true); // a new problem: 5 cases where there were none
    expect(isSpike(5, 2.5, RULE)).toBe(true); // exactly 2 x 2.5
    expect(isSpike(5, 2.6, RULE)).toBe(false);
    expect(isSpike(12, 7, RULE)).toBe(false); // common all the time: not a spike
  });

  it('detects a hotspot once per category, place and month', () => {
    const command: DetectHotspot = {
      type: 'DetectHotspot',
      candidate: { categoryCode: 'URB-ORDER-PARKING', placeKind: 'grid', placeCode: 'G1', period: '2026-03', count: 5, caseIds: ['a', 'b', 'c', 'd', 'e'], detectedAt: '2026-03-20T00:00:00.000Z' },
      previousCounts: [1, 2, 0],
      rule: RULE,
    };
    const events = hotspot.decide(command, hotspot.initialState);
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ count: 5, baseline: 1, baselineMonths: 3, placeCode: 'G1', period: '2026-03' });
    expect(events[0].data.rule).toMatch(/>= 5 and >= 2 x/);
    expect(hotspot.decide(command, events.reduce(hotspot.evolve, hotspot.initialState))).toEqual([]);
    expect(hotspot.decide({ ...command, previousCounts: [3, 3, 3] }, hotspot.initialState)).toEqual([]);
    expect(hotspotStreamId('URB-ORDER-PARKING', 'G1', '2026-03')).toBe('hotspot-URB-ORDER-PARKING-G1-2026-03');
  });
});

describe('periods', () => {
  it('names the months before a month across a year end', () => {
    expect(monthsBefore('2026-02', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('computes the change against the previous period', () => {
    expect(changeOf(6, 4)).toEqual({ delta: 2, ratio: 0.5 });
    expect(changeOf(3, 0)).toEqual({ delta: 3, ratio: null });
  });

  it('turns a month or a day into a range of local days', () => {
    expect(periodOf('month', '2026-02')).toEqual({ kind: 'month', key: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('month', '2028-02').to).toBe('2028-02-29');
    expect(periodOf('day', '2026-03-05')).toEqual({ kind: 'day', key: '2026-03-05', from: '2026-03-05', to: '2026-03-05' });
    expect(() => periodOf('day', '2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => periodOf('month', '2026-13')).toThrow(/YYYY-MM/);
  });

  it('gives a rolling window and the one before it', () => {
    expect(rollingWindows('2026-03-31', 7)).toEqual({ current: { from: '2026-03-25', to: '2026-03-31' }, previous: { from: '2026-03-18', to: '2026-03-24' } });
  });
});
