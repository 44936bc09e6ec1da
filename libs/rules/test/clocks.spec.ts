import { addWorkingDays, addWorkingTime, defaultCalendar, workingTimeBetween } from '@county/reference';
import { planClock, planWhistle, policyOf, supervisingUnitOf } from '../src/clocks';

// Tuesday 3 March 2026, 10:00 in the county (UTC+8)
const dispatchedAt = '2026-03-03T02:00:00.000Z';
const key = { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal' };

describe('planning a clock', () => {
  it('gives the handling clock of a complaint 5 working days and its warning, overdue, reminder and supervision points', () => {
    const plan = planClock({ kind: 'start', clock: 'handling', unitCode: 'QH-LL-01', from: dispatchedAt, ...key });
    const deadline = addWorkingDays(new Date(dispatchedAt), 5, defaultCalendar);
    expect(plan.deadline).toBe(deadline.toISOString());
    expect(plan.deadline).toBe('2026-03-10T09:30:00.000Z'); // Tuesday 10 March, 17:30 local
    expect(plan.points.map((p) => p.stage)).toEqual(['yellow', 'orange', 'overdue', 'reminder', 'supervision']);
    const total = workingTimeBetween(new Date(dispatchedAt), deadline, defaultCalendar, 'working-minutes');
    for (const p of plan.points.slice(0, 2)) {
      expect(workingTimeBetween(new Date(dispatchedAt), new Date(p.at), defaultCalendar, 'working-minutes') / total).toBeCloseTo(p.fraction!, 6);
    }
    expect(plan.points[0]).toMatchObject({ fraction: 0.5, notify: ['handler'] });
    expect(plan.points[1]).toMatchObject({ fraction: 0.75, notify: ['handler', 'unit-leader'] });
    const reminder = addWorkingDays(deadline, 1, defaultCalendar);
    expect(plan.points[3].at).toBe(reminder.toISOString());
    expect(plan.points[4].at).toBe(addWorkingDays(reminder, 5, defaultCalendar).toISOString());
    expect(plan.supervisingUnitCode).toBe('QH-LL');
  });

  it('counts the urgent sign-for clock in natural minutes', () => {
    const plan = planClock({ kind: 'start', clock: 'sign-for', unitCode: 'QH-URBAN', from: dispatchedAt, categoryCode: 'UM.ORDER.PARKING', urgency: 'urgent' });
    expect(plan).toMatchObject({ natural: true, deadline: '2026-03-03T02:30:00.000Z', supervisingUnitCode: 'QH-SUPERVISION' });
    expect(plan.points[0].at).toBe('2026-03-03T02:15:00.000Z');
  });

  it('skips the Spring Festival holiday', () => {
    // Friday 12 February 2027, 10:00 local, just before the holiday
    const plan = planClock({ kind: 'start', clock: 'handling', from: '2027-02-12T02:00:00.000Z', ...key });
    expect(plan.deadline).toBe(addWorkingDays(new Date('2027-02-12T02:00:00.000Z'), 5, defaultCalendar).toISOString());
    expect(Date.parse(plan.deadline) - Date.parse('2027-02-12T02:00:00.000Z')).toBeGreaterThan(7 * 24 * 3_600_000);
  });

  it('gives the transfer window no warnings: it only closes', () => {
    expect(planClock({ kind: 'start', clock: 'transfer-window', unitCode: 'QH-LL-01', from: dispatchedAt, ...key }).points).toEqual([]);
  });

  it('gives the review and the return visit to the centre', () => {
    expect(planClock({ kind: 'start', clock: 'review', from: dispatchedAt, ...key }).unitCode).toBe('QH-CENTRE');
  });

  it('moves the deadline by the extension and plans the points again', () => {
    const first = planClock({ kind: 'start', clock: 'handling', unitCode: 'QH-LL-01', from: dispatchedAt, ...key });
    const extended = planClock({ kind: 'extend', plan: first, extraWorkingDays: 3, ...key });
    expect(extended.deadline).toBe(addWorkingDays(new Date(first.deadline), 3, defaultCalendar).toISOString());
    expect(extended.startedAt).toBe(first.startedAt);
    expect(extended.points.find((p) => p.stage === 'overdue')!.at).toBe(extended.deadline);
  });

  it('adds the paused working time to every point still ahead on resume', () => {
    const first = planClock({ kind: 'start', clock: 'handling', unitCode: 'QH-LL-01', from: dispatchedAt, ...key });
    const pausedAt = '2026-03-04T02:00:00.000Z'; // Wednesday 10:00
    const resumedAt = '2026-03-05T02:00:00.000Z'; // Thursday 10:00: one working day (7 hours) paused
    const resumed = planClock({ kind: 'resume', plan: first, pausedAt, resumedAt });
    expect(resumed.deadline).toBe(addWorkingTime(new Date(first.deadline), { value: 7 * 60, unit: 'working-minutes' }, defaultCalendar).toISOString());
    expect(resumed.startedAt).toBe(first.startedAt);
  });

  it('keeps the deadline on a transfer and names the new unit and its level above', () => {
    const first = planClock({ kind: 'start', clock: 'handling', unitCode: 'QH-LL-01', from: dispatchedAt, ...key });
    const moved = planClock({ kind: 'reassign', plan: first, unitCode: 'QH-URBAN' });
    expect(moved).toMatchObject({ deadline: first.deadline, points: first.points, unitCode: 'QH-URBAN', supervisingUnitCode: 'QH-SUPERVISION' });
  });

  it('falls back on the complaint profile for a category without a policy', () => {
    expect(policyOf({ categoryCode: 'NOT-A-CATEGORY', urgency: 'normal' }).limits.handling).toEqual({ value: 5, unit: 'working-days' });
    expect(policyOf({}).urgency).toBe('normal');
  });
});

describe('the whistle answer deadline', () => {
  it('is 30 minutes for an urgent whistle and 2 working hours otherwise, escalating to the supervision office', () => {
    expect(planWhistle({ from: dispatchedAt, ...key, urgency: 'urgent' })).toMatchObject({ deadline: '2026-03-03T02:30:00.000Z', supervisingUnitCode: 'QH-SUPERVISION' });
    expect(planWhistle({ from: dispatchedAt, ...key }).deadline).toBe('2026-03-03T04:00:00.000Z'); // 12:00 local
    // blown at 11:00 local: one working hour before lunch, one after
    expect(planWhistle({ from: '2026-03-03T03:00:00.000Z', ...key }).deadline).toBe('2026-03-03T06:30:00.000Z'); // 14:30 local
  });
});

describe('the level above', () => {
  it('is the parent unit, and the supervision office above a township or a county department', () => {
    expect(supervisingUnitOf('QH-LL-01')).toBe('QH-LL');
    expect(supervisingUnitOf('QH-LL')).toBe('QH-SUPERVISION');
    expect(supervisingUnitOf('QH-URBAN')).toBe('QH-SUPERVISION');
    expect(supervisingUnitOf(undefined)).toBe('QH-SUPERVISION');
  });
});

describe('a proposed deadline policy', () => {
  it('plans from the source given and leaves the live plan alone without one', () => {
    const from = '2026-03-02T01:30:00.000Z';
    const live = planClock({ kind: 'start', clock: 'sign-for', from, categoryCode: 'UM.ORDER.PARKING', urgency: 'normal' });
    // the live policy: a normal complaint is signed for within 24 natural hours
    expect(live.deadline).toBe('2026-03-03T01:30:00.000Z');
    const proposed = planClock({ kind: 'start', clock: 'sign-for', from, categoryCode: 'UM.ORDER.PARKING', urgency: 'normal' }, undefined, (categoryCode, urgency) => {
      const base = policyOf({ categoryCode, urgency });
      return { ...base, limits: { ...base.limits, signFor: { value: 1, unit: 'hours' } } };
    });
    expect(proposed.deadline).toBe('2026-03-02T02:30:00.000Z');
    // 50 % and 75 % of one hour
    expect(proposed.points.slice(0, 2).map((p) => p.at)).toEqual(['2026-03-02T02:00:00.000Z', '2026-03-02T02:15:00.000Z']);
    expect(planClock({ kind: 'start', clock: 'sign-for', from, categoryCode: 'UM.ORDER.PARKING', urgency: 'normal' })).toEqual(live);
  });
});
