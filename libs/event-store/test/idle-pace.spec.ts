import { IdlePace } from '../src/wakeup';

describe('the pace of an idle poller', () => {
  it('waits longer after each empty poll, up to the bound, and polls quickly again after work or an append', () => {
    const pace = new IdlePace(50, 1000);
    expect([0, 0, 0, 0, 0, 0, 0].map((n) => pace.next(n))).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
    expect(pace.next(3)).toBe(50);
    expect(pace.next(0)).toBe(50);
    expect(pace.next(0)).toBe(100);
    pace.reset();
    expect(pace.next(0)).toBe(50);
  });
});
