import { CLOCK_SKEW_MS, instantProblem } from '../src/instants';

describe('the one date rule for instants a caller sends', () => {
  const now = Date.parse('2026-12-01T08:00:00Z');

  it('takes RFC 3339 instants with an offset from 2000 up to now plus the clock skew', () => {
    for (const ok of ['2026-03-02T09:15:00+08:00', '2000-01-01T00:00:00Z', '2026-12-01T08:04:59Z', '2026-12-01T16:00:00.123+08:00']) expect(instantProblem(ok, 'past', now)).toBeUndefined();
  });

  it('refuses the far future, the near future past the skew, before 2000, no offset, impossible days and non-strings', () => {
    expect(instantProblem('9999-12-31T23:59:59Z', 'past', now)).toMatch(/future/);
    expect(instantProblem(new Date(now + CLOCK_SKEW_MS + 1000).toISOString(), 'past', now)).toMatch(/future/);
    expect(instantProblem('2027-12-01T08:00:00Z', 'past', now)).toMatch(/future/);
    expect(instantProblem('1969-12-31T23:59:59Z', 'past', now)).toMatch(/2000-01-01/);
    expect(instantProblem('2026-03-02T09:15:00', 'past', now)).toMatch(/offset/);
    expect(instantProblem('2026-03-02', 'past', now)).toMatch(/offset/);
    expect(instantProblem('2026-02-30T09:15:00Z', 'past', now)).toMatch(/real date/);
    expect(instantProblem('2026-03-02T24:00:00Z', 'past', now)).toMatch(/real date/);
    expect(instantProblem(20260302, 'past', now)).toMatch(/string/);
  });

  it('lets a schedule lie ahead, but not past 2100', () => {
    expect(instantProblem('2027-04-01T00:00:00+08:00', 'any', now)).toBeUndefined();
    expect(instantProblem('9999-12-31T23:59:59Z', 'any', now)).toMatch(/2100/);
    expect(instantProblem('1999-12-31T23:59:59Z', 'any', now)).toMatch(/2000/);
  });
});
