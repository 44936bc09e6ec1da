import fc from 'fast-check';
import {
  addWorkingDays,
  addWorkingTime,
  buildWorkingCalendar,
  deadlineFor,
  defaultCalendar,
  fractionPoint,
  isWorkingDay,
  isWorkingTime,
  workingTimeBetween,
  type TimeAmount,
} from '../src';

/** An instant written in China Standard Time: cst('2026-02-13 16:30'). */
function cst(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

const calendar = defaultCalendar;
const wd = (value: number): TimeAmount => ({ value, unit: 'working-days' });
const wh = (value: number): TimeAmount => ({ value, unit: 'working-hours' });

describe('addWorkingDays: the end of working hours on the N-th working day after the start day', () => {
  it.each([
    ['a Monday morning counts from Tuesday', '2026-03-02 10:00', 1, '2026-03-03 17:30'],
    ['the start day never counts, even before office hours', '2026-03-02 08:00', 1, '2026-03-03 17:30'],
    ['after office hours is the same as during them', '2026-03-02 20:00', 1, '2026-03-03 17:30'],
    ['a Friday reaches over the weekend', '2026-03-06 10:00', 1, '2026-03-09 17:30'],
    ['a Saturday counts from Monday', '2026-03-07 11:00', 1, '2026-03-09 17:30'],
    ['five working days within one week', '2026-03-02 10:00', 5, '2026-03-09 17:30'],
    ['New Year 2026: the swapped working Sunday 4 January counts', '2025-12-31 10:00', 1, '2026-01-04 17:30'],
    ['the day before the swapped working Saturday of the Spring Festival', '2026-02-13 10:00', 1, '2026-02-14 17:30'],
    ['Spring Festival: 13 Feb, the swapped Saturday 14 Feb, then 24, 25, 26 Feb', '2026-02-12 15:00', 5, '2026-02-26 17:30'],
    ['from the swapped working Saturday across the whole Spring Festival', '2026-02-14 10:00', 1, '2026-02-24 17:30'],
    ['from a day inside the Spring Festival holiday', '2026-02-18 10:00', 1, '2026-02-24 17:30'],
    ['the swapped working Saturday after the Spring Festival', '2026-02-27 10:00', 1, '2026-02-28 17:30'],
    ['Tomb-sweeping Day: 4-6 April', '2026-04-03 10:00', 1, '2026-04-07 17:30'],
    ['Labour Day: 1-5 May, then the swapped Saturday 9 May', '2026-04-30 10:00', 4, '2026-05-09 17:30'],
    ['Dragon Boat Festival: 19-21 June', '2026-06-18 10:00', 1, '2026-06-22 17:30'],
    ['the swapped working Sunday before National Day', '2026-09-18 10:00', 1, '2026-09-20 17:30'],
    ['Mid-Autumn Festival: 25-27 September', '2026-09-24 10:00', 1, '2026-09-28 17:30'],
    ['National Day: 1-7 October', '2026-09-30 10:00', 1, '2026-10-08 17:30'],
    ['National Day, then the swapped Saturday 10 October', '2026-09-30 10:00', 3, '2026-10-10 17:30'],
    ['a 10-day extension from a deadline before Mid-Autumn and National Day', '2026-09-24 17:30', 10, '2026-10-15 17:30'],
    ['into the provisional 2027: New Year\'s Day 2027 is a holiday', '2026-12-31 16:00', 2, '2027-01-05 17:30'],
    ['provisional 2027 Spring Festival: 5-8 February', '2027-02-04 10:00', 1, '2027-02-09 17:30'],
    ['beyond the calendar: weekends only', '2027-12-31 10:00', 1, '2028-01-03 17:30'],
  ])('%s', (_case, start, days, expected) => {
    expect(addWorkingDays(cst(start), days, calendar).toISOString()).toBe(cst(expected).toISOString());
  });

  it('gives the start itself for zero working days', () => {
    expect(addWorkingDays(cst('2026-02-18 10:00'), 0, calendar).toISOString()).toBe(cst('2026-02-18 10:00').toISOString());
  });

  it('is what addWorkingTime does with working-days', () => {
    expect(addWorkingTime(cst('2026-02-12 15:00'), wd(5), calendar)).toEqual(addWorkingDays(cst('2026-02-12 15:00'), 5, calendar));
  });

  it('refuses fractions and negative numbers of days', () => {
    expect(() => addWorkingDays(cst('2026-03-02 10:00'), 1.5, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays(cst('2026-03-02 10:00'), -1, calendar)).toThrow(RangeError);
  });
});

describe('addWorkingTime with working hours and minutes: consumed inside working periods only', () => {
  it.each([
    ['an amount that fills a period ends at the period end, not after lunch', '2026-03-02 10:00', 2, '2026-03-02 12:00'],
    ['lunch is skipped', '2026-03-02 11:30', 1, '2026-03-02 14:00'],
    ['a start during lunch waits for 13:30', '2026-03-02 12:30', 1, '2026-03-02 14:30'],
    ['a start before office hours waits for 09:00', '2026-03-02 07:00', 1, '2026-03-02 10:00'],
    ['the rest goes to the next working day', '2026-03-02 17:00', 1, '2026-03-03 09:30'],
    ['a weekend start uses Monday', '2026-03-08 10:00', 7, '2026-03-09 17:30'],
    ['a Friday before the Spring Festival runs on into the swapped Saturday', '2026-02-13 16:30', 2, '2026-02-14 10:00'],
    ['the swapped Saturday runs on after the Spring Festival', '2026-02-14 17:00', 1, '2026-02-24 09:30'],
    ['the eve of National Day', '2026-09-30 17:00', 1, '2026-10-08 09:30'],
    ['half an hour ends at closing time', '2026-09-30 17:00', 0.5, '2026-09-30 17:30'],
  ])('%s', (_case, start, hours, expected) => {
    expect(addWorkingTime(cst(start), wh(hours), calendar).toISOString()).toBe(cst(expected).toISOString());
  });

  it('counts working minutes the same way', () => {
    expect(addWorkingTime(cst('2026-03-02 11:50'), { value: 20, unit: 'working-minutes' }, calendar).toISOString()).toBe(
      cst('2026-03-02 13:40').toISOString(),
    );
  });

  it('gives the start itself for zero, even outside working time', () => {
    expect(addWorkingTime(cst('2026-03-07 03:00'), wh(0), calendar).toISOString()).toBe(cst('2026-03-07 03:00').toISOString());
  });

  it('refuses negative and non-finite amounts and invalid dates', () => {
    expect(() => addWorkingTime(cst('2026-03-02 10:00'), wh(-1), calendar)).toThrow(RangeError);
    expect(() => addWorkingTime(cst('2026-03-02 10:00'), wh(Number.NaN), calendar)).toThrow(RangeError);
    expect(() => addWorkingTime(new Date('not a date'), wh(1), calendar)).toThrow(RangeError);
  });
});

describe('addWorkingTime with natural units: the clock runs on every day', () => {
  it.each([
    ['24 hours over a weekend', '2026-02-13 20:00', { value: 24, unit: 'hours' }, '2026-02-14 20:00'],
    ['24 hours inside the Spring Festival', '2026-02-16 10:00', { value: 24, unit: 'hours' }, '2026-02-17 10:00'],
    ['30 minutes at night', '2026-02-13 23:45', { value: 30, unit: 'minutes' }, '2026-02-14 00:15'],
  ] as const)('%s', (_case, start, amount, expected) => {
    expect(addWorkingTime(cst(start), amount, calendar).toISOString()).toBe(cst(expected).toISOString());
  });
});

describe('workingTimeBetween', () => {
  it('counts a whole working day as 7 working hours', () => {
    expect(workingTimeBetween(cst('2026-03-02 09:00'), cst('2026-03-02 17:30'), calendar, 'working-hours')).toBe(7);
    expect(workingTimeBetween(cst('2026-03-02 00:00'), cst('2026-03-03 00:00'), calendar, 'working-minutes')).toBe(420);
  });

  it('counts the swapped Saturday and nothing of the Spring Festival', () => {
    expect(workingTimeBetween(cst('2026-02-13 17:00'), cst('2026-02-24 10:00'), calendar, 'working-hours')).toBe(8.5);
    expect(workingTimeBetween(cst('2026-02-15 00:00'), cst('2026-02-24 00:00'), calendar, 'working-hours')).toBe(0);
  });

  it('counts 248 working days in 2026 (261 weekdays - 19 weekday holidays + 6 swapped working days)', () => {
    expect(workingTimeBetween(cst('2026-01-01 00:00'), cst('2027-01-01 00:00'), calendar, 'working-hours')).toBe(248 * 7);
  });

  it('is negative when the end is before the start', () => {
    expect(workingTimeBetween(cst('2026-03-02 17:30'), cst('2026-03-02 09:00'), calendar, 'working-hours')).toBe(-7);
  });
});

describe('deadlineFor and fractionPoint', () => {
  const from = cst('2026-03-02 09:00');
  const deadline = deadlineFor(wd(5), from, calendar);

  it('sets the deadline of a limit', () => {
    expect(deadline.toISOString()).toBe(cst('2026-03-09 17:30').toISOString());
    expect(deadlineFor({ value: 30, unit: 'minutes' }, cst('2026-02-14 23:50'), calendar).toISOString()).toBe(cst('2026-02-15 00:20').toISOString());
  });

  it('shares out working time: 42 working hours, so 50 % after 21 and 75 % after 31.5', () => {
    expect(workingTimeBetween(from, deadline, calendar, 'working-hours')).toBe(42);
    expect(fractionPoint(from, deadline, 0.5, calendar).toISOString()).toBe(cst('2026-03-04 17:30').toISOString());
    expect(fractionPoint(from, deadline, 0.75, calendar).toISOString()).toBe(cst('2026-03-06 14:00').toISOString());
    expect(fractionPoint(from, deadline, 0, calendar).toISOString()).toBe(from.toISOString());
    expect(fractionPoint(from, deadline, 1, calendar).toISOString()).toBe(deadline.toISOString());
  });

  it('shares out working time across the Spring Festival', () => {
    const start = cst('2026-02-12 15:00');
    const end = deadlineFor(wd(5), start, calendar); // 26 Feb 17:30: 2.5 + 5 x 7 = 37.5 working hours
    expect(workingTimeBetween(start, end, calendar, 'working-hours')).toBe(37.5);
    expect(fractionPoint(start, end, 0.5, calendar).toISOString()).toBe(cst('2026-02-24 11:15').toISOString());
  });

  it('shares out natural time on the natural clock', () => {
    const start = cst('2026-02-13 20:00');
    const end = deadlineFor({ value: 24, unit: 'hours' }, start, calendar);
    expect(fractionPoint(start, end, 0.5, calendar, 'natural').toISOString()).toBe(cst('2026-02-14 08:00').toISOString());
  });

  it('refuses a fraction outside 0..1 and a deadline before the start', () => {
    expect(() => fractionPoint(from, deadline, 1.5, calendar)).toThrow(RangeError);
    expect(() => fractionPoint(deadline, from, 0.5, calendar)).toThrow(RangeError);
  });
});

describe('a calendar with other working hours', () => {
  const summer = buildWorkingCalendar(
    {
      version: 1,
      timeZone: 'Asia/Shanghai',
      utcOffsetMinutes: 480,
      weekendDays: ['saturday', 'sunday'],
      workingPeriods: [
        { start: '08:30', end: '12:00' },
        { start: '14:30', end: '18:00' },
      ],
    },
    [],
  );

  it('uses the configured periods', () => {
    expect(addWorkingTime(cst('2026-07-01 11:00'), wh(2), summer).toISOString()).toBe(cst('2026-07-01 15:30').toISOString());
    expect(addWorkingDays(cst('2026-07-01 11:00'), 1, summer).toISOString()).toBe(cst('2026-07-02 18:00').toISOString());
  });

  it('has no holidays when given no years', () => {
    expect(isWorkingDay('2026-10-01', summer)).toBe(true);
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
  });
});

describe('properties', () => {
  const from2026 = cst('2026-01-01 00:00').getTime();
  const to2027 = cst('2027-12-31 00:00').getTime();
  const instant = fc.integer({ min: from2026, max: to2027 }).map((t) => new Date(t));
  const workingMinutes = fc.integer({ min: 0, max: 60 * 7 * 40 });

  it('adding n working hours and measuring back gives n', () => {
    fc.assert(
      fc.property(instant, workingMinutes, (t, minutes) => {
        const end = addWorkingTime(t, wh(minutes / 60), calendar);
        expect(workingTimeBetween(t, end, calendar, 'working-minutes')).toBeCloseTo(minutes, 6);
      }),
    );
  });

  it('addWorkingTime never moves backwards and keeps the order of its starts', () => {
    const amount = fc.oneof(
      workingMinutes.map((m): TimeAmount => ({ value: m, unit: 'working-minutes' })),
      fc.integer({ min: 0, max: 20 }).map(wd),
      fc.integer({ min: 0, max: 100 }).map((h): TimeAmount => ({ value: h, unit: 'hours' })),
    );
    fc.assert(
      fc.property(instant, instant, amount, (a, b, limit) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const earlyEnd = addWorkingTime(early, limit, calendar);
        expect(earlyEnd.getTime()).toBeGreaterThanOrEqual(early.getTime());
        expect(earlyEnd.getTime()).toBeLessThanOrEqual(addWorkingTime(late, limit, calendar).getTime());
      }),
    );
  });

  it('a larger amount never gives an earlier instant', () => {
    fc.assert(
      fc.property(instant, workingMinutes, workingMinutes, (t, m1, m2) => {
        const [small, large] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const at = (m: number) => addWorkingTime(t, { value: m, unit: 'working-minutes' }, calendar).getTime();
        expect(at(small)).toBeLessThanOrEqual(at(large));
      }),
    );
  });

  it('a positive amount of working time ends inside working time or at the end of a period', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 * 7 * 40 }), (t, minutes) => {
        const end = addWorkingTime(t, { value: minutes, unit: 'working-minutes' }, calendar);
        expect(isWorkingTime(new Date(end.getTime() - 1), calendar)).toBe(true);
      }),
    );
  });

  it('N working days end at 17:30 on a working day, with exactly N working days after the start day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (t, n) => {
        const end = addWorkingDays(t, n, calendar);
        expect(isWorkingDay(end, calendar)).toBe(true);
        expect(new Date(end.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)).toBe('17:30');
        const startOfNextDay = cst(new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) + ' 00:00').getTime() + 86_400_000;
        expect(workingTimeBetween(new Date(startOfNextDay), end, calendar, 'working-hours')).toBe(n * 7);
      }),
    );
  });

  it('fraction points lie between start and deadline, in the order of their fractions', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (t, n, f1, f2) => {
        const deadline = addWorkingDays(t, n, calendar);
        const [low, high] = f1 <= f2 ? [f1, f2] : [f2, f1];
        const p1 = fractionPoint(t, deadline, low, calendar).getTime();
        const p2 = fractionPoint(t, deadline, high, calendar).getTime();
        expect(p1).toBeGreaterThanOrEqual(t.getTime());
        expect(p1).toBeLessThanOrEqual(p2);
        expect(p2).toBeLessThanOrEqual(deadline.getTime());
      }),
    );
  });
});
