import { DEADLINE_KINDS, URGENCIES, deadlineFor, deadlinePolicy, defaultCalendar, leafCategories, type DeadlineKind, type DeadlineLimits, type Urgency } from '../src';

function missingPolicy(message: string): DeadlineLimits {
  throw new Error(message);
}

const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('deadlinePolicy', () => {
  it('gives a complaint 24 hours to sign for and 5 working days to handle', () => {
    const policy = deadlinePolicy('UM.ORDER.VENDING', 'normal');
    expect(policy?.profile).toBe('complaint');
    expect(policy?.limits.signFor).toEqual({ value: 24, unit: 'hours' });
    expect(policy?.limits.handling).toEqual({ value: 5, unit: 'working-days' });
    expect(policy?.limits.transferRequest).toEqual({ value: 2, unit: 'working-days' });
  });

  it('gives a consultation 3 working days to handle', () => {
    expect(deadlinePolicy('PS.EDUCATION.ENROLMENT', 'normal')?.limits.handling).toEqual({ value: 3, unit: 'working-days' });
  });

  it('gives urgent cases 30 minutes to sign for and emergencies the same day to handle', () => {
    expect(deadlinePolicy('SO.SAFETY.GAS', 'urgent')?.limits.signFor).toEqual({ value: 30, unit: 'minutes' });
    expect(deadlinePolicy('SO.SAFETY.GAS', 'emergency')?.limits.handling).toEqual({ value: 24, unit: 'hours' });
  });

  it('applies a category override to its urgency only', () => {
    expect(deadlinePolicy('UM.CONSTRUCTION.ILLEGAL-BUILDING', 'normal')?.limits.handling).toEqual({ value: 10, unit: 'working-days' });
    expect(deadlinePolicy('UM.CONSTRUCTION.ILLEGAL-BUILDING', 'normal')?.limits.signFor).toEqual({ value: 24, unit: 'hours' });
    expect(deadlinePolicy('UM.CONSTRUCTION.ILLEGAL-BUILDING', 'urgent')?.limits.handling).toEqual({ value: 3, unit: 'working-days' });
  });

  it('carries the escalation rules: warnings at 50 % and 75 %, reminder after 1 working day, supervision 5 later, extension up to 10', () => {
    const policy = deadlinePolicy('LB.WAGES.ARREARS', 'normal');
    expect(policy?.warnings).toEqual([
      { fraction: 0.5, notify: ['handler'] },
      { fraction: 0.75, notify: ['handler', 'unit-leader'] },
    ]);
    expect(policy?.overdueReminderAfter).toEqual({ value: 1, unit: 'working-days' });
    expect(policy?.supervisionAfter).toEqual({ value: 5, unit: 'working-days' });
    expect(policy?.maxExtension).toEqual({ value: 10, unit: 'working-days' });
  });

  it('has no policy for a level-1 or level-2 category, an unknown code or an unknown urgency', () => {
    expect(deadlinePolicy('UM', 'normal')).toBeUndefined();
    expect(deadlinePolicy('UM.ORDER', 'normal')).toBeUndefined();
    expect(deadlinePolicy('NOPE', 'normal')).toBeUndefined();
    expect(deadlinePolicy('UM.ORDER.VENDING', 'description' as Urgency)).toBeUndefined();
  });

  it('returns values that a caller cannot change for everyone', () => {
    const warning = deadlinePolicy('UM.ORDER.VENDING', 'normal')?.warnings[0] as { fraction: number };
    expect(() => {
      warning.fraction = 0.9;
    }).toThrow(TypeError);
  });
});

describe('every leaf category has a sensible policy', () => {
  // Starts that stress the calendar: a working morning, a Friday night, the eve of the Spring Festival, a swapped Saturday.
  const starts = ['2026-03-02 10:00', '2026-03-06 20:00', '2026-02-13 17:00', '2026-02-14 09:30', '2026-09-30 16:00'].map(cst);

  it.each(leafCategories().map((c) => c.code))('%s: a policy for each urgency, stricter as urgency rises, signing before handling', (code) => {
    const policies = URGENCIES.map((u) => deadlinePolicy(code, u));
    expect(policies.every((p) => p !== undefined)).toBe(true);
    const limits = policies.map((p) => p?.limits ?? missingPolicy(`no policy for ${code}`));
    for (const l of limits) for (const kind of DEADLINE_KINDS) expect(l[kind]).toBeDefined();
    for (const from of starts) {
      const at = (u: number, kind: DeadlineKind) => deadlineFor(limits[u][kind], from, defaultCalendar).getTime();
      for (const kind of DEADLINE_KINDS) {
        expect(at(2, kind)).toBeLessThanOrEqual(at(1, kind)); // emergency <= urgent
        expect(at(1, kind)).toBeLessThanOrEqual(at(0, kind)); // urgent <= normal
      }
      for (let u = 0; u < URGENCIES.length; u += 1) expect(at(u, 'signFor')).toBeLessThanOrEqual(at(u, 'handling'));
    }
  });
});
