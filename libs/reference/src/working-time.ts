import { dayOf, MS_PER_HOUR, MS_PER_MINUTE, type DayNumber } from './local-day';
import type { Clock, TimeAmount } from './time-amount';
import { isWorkingDayNumber, workingIntervalsOf, type WorkingCalendar } from './working-calendar';

/**
 * Working-time arithmetic for deadlines, warnings and KPIs.
 *
 * Working time is the time inside the working periods (e.g. 09:00-12:00 and 13:30-17:30)
 * of working days. All functions are pure: every input is an argument, nothing reads the
 * clock, and the same arguments always give the same instant.
 *
 * Amounts in working minutes or hours are consumed period by period, starting at the
 * given instant, or at the next working period when it is outside working time. The
 * result is the first instant at which that much working time has elapsed, so an amount
 * that uses up a period exactly ends at the period's end (12:00), not at the start of the
 * next one (13:30).
 *
 * "N working days from t" (addWorkingDays) is the END of the working hours of the N-th
 * working day AFTER the local day of t. The day of t itself never counts, whatever the
 * time of day and whether it is a working day or not. This is the Civil Code's rule for
 * periods counted in days (民法典 articles 201 and 203: the first day is not counted; a
 * period ends at the close of business on its last day), read with working days.
 * With working hours ending at 17:30:
 *   Monday 10:00 + 1 working day   = Tuesday 17:30
 *   Monday 20:00 + 1 working day   = Tuesday 17:30
 *   Friday 08:00 + 1 working day   = Monday 17:30
 *   Saturday 11:00 + 1 working day = Monday 17:30
 *   before a holiday, the holiday's days are skipped; a swapped working Saturday counts.
 * Zero working days is no time at all: t itself.
 */

/** A scan that finds no working time in this many days gives up: the calendar has no working days. */
const MAX_DAYS_SCANNED = 366 * 50;

/** Adds an amount of natural or working time to an instant. */
export function addWorkingTime(instant: Date, amount: TimeAmount, calendar: WorkingCalendar): Date {
  const start = instantOf(instant);
  checkAmount(amount);
  switch (amount.unit) {
    case 'minutes':
      return new Date(start + Math.round(amount.value * MS_PER_MINUTE));
    case 'hours':
      return new Date(start + Math.round(amount.value * MS_PER_HOUR));
    case 'working-minutes':
      return new Date(addWorkingMilliseconds(start, Math.round(amount.value * MS_PER_MINUTE), calendar));
    case 'working-hours':
      return new Date(addWorkingMilliseconds(start, Math.round(amount.value * MS_PER_HOUR), calendar));
    case 'working-days':
      return addWorkingDays(instant, amount.value, calendar);
  }
}

/** N working days from an instant: the end of working hours on the N-th working day after the instant's day (see above). */
export function addWorkingDays(instant: Date, days: number, calendar: WorkingCalendar): Date {
  const start = instantOf(instant);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number >= 0, got ${days}`);
  if (days === 0) return new Date(start);
  let day = dayOf(start, calendar.utcOffsetMinutes);
  for (let counted = 0; counted < days; counted += 1) day = nextWorkingDay(day, calendar);
  const intervals = workingIntervalsOf(day, calendar);
  return new Date(intervals[intervals.length - 1][1]);
}

/**
 * The working time elapsed from one instant to another, in working hours or working
 * minutes (fractions included). Negative when `to` is before `from`.
 */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkingCalendar, unit: 'working-hours' | 'working-minutes'): number {
  const milliseconds = workingMillisecondsBetween(instantOf(from), instantOf(to), calendar);
  return milliseconds / (unit === 'working-hours' ? MS_PER_HOUR : MS_PER_MINUTE);
}

/** The deadline of a policy limit (e.g. handling within 5 working days) for something that started at `from`. */
export function deadlineFor(limit: TimeAmount, from: Date, calendar: WorkingCalendar): Date {
  return addWorkingTime(from, limit, calendar);
}

/**
 * The instant at which a fraction (0..1) of the time from `from` to `deadline` has
 * elapsed: warnings are raised at 0.5 and 0.75. On the 'working' clock (the default)
 * only working time is shared out, so the point always lies in working time (or at the
 * end of a working period); use the 'natural' clock for limits in minutes or hours
 * (clockOf(limit.unit) tells which). On the working clock, fraction 1 gives the end of the last working
 * period before the deadline, which is the deadline itself when it lies in working time.
 */
export function fractionPoint(from: Date, deadline: Date, fraction: number, calendar: WorkingCalendar, clock: Clock = 'working'): Date {
  const start = instantOf(from);
  const end = instantOf(deadline);
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be within 0..1, got ${fraction}`);
  if (end < start) throw new RangeError('the deadline is before the start');
  if (clock === 'natural') return new Date(start + Math.round(fraction * (end - start)));
  const share = Math.round(fraction * workingMillisecondsBetween(start, end, calendar));
  return new Date(addWorkingMilliseconds(start, share, calendar));
}

/** Whether an instant lies inside a working period of a working day. */
export function isWorkingTime(instant: Date, calendar: WorkingCalendar): boolean {
  const t = instantOf(instant);
  return workingIntervalsOf(dayOf(t, calendar.utcOffsetMinutes), calendar).some(([s, e]) => s <= t && t < e);
}

function addWorkingMilliseconds(start: number, amount: number, calendar: WorkingCalendar): number {
  if (amount === 0) return start;
  let remaining = amount;
  const firstDay = dayOf(start, calendar.utcOffsetMinutes);
  for (let day = firstDay; day - firstDay <= MAX_DAYS_SCANNED; day += 1) {
    for (const [periodStart, periodEnd] of workingIntervalsOf(day, calendar)) {
      const from = Math.max(periodStart, start);
      if (from >= periodEnd) continue;
      if (remaining <= periodEnd - from) return from + remaining;
      remaining -= periodEnd - from;
    }
  }
  throw new Error(`no working time found within ${MAX_DAYS_SCANNED} days`);
}

function workingMillisecondsBetween(from: number, to: number, calendar: WorkingCalendar): number {
  if (to < from) return -workingMillisecondsBetween(to, from, calendar);
  let total = 0;
  const lastDay = dayOf(to, calendar.utcOffsetMinutes);
  for (let day = dayOf(from, calendar.utcOffsetMinutes); day <= lastDay; day += 1) {
    for (const [periodStart, periodEnd] of workingIntervalsOf(day, calendar)) {
      total += Math.max(0, Math.min(periodEnd, to) - Math.max(periodStart, from));
    }
  }
  return total;
}

function nextWorkingDay(day: DayNumber, calendar: WorkingCalendar): DayNumber {
  for (let next = day + 1; next - day <= MAX_DAYS_SCANNED; next += 1) {
    if (isWorkingDayNumber(next, calendar)) return next;
  }
  throw new Error(`no working day found within ${MAX_DAYS_SCANNED} days`);
}

function instantOf(date: Date): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('expected a valid Date');
  return t;
}

function checkAmount(amount: TimeAmount): void {
  if (!Number.isFinite(amount.value) || amount.value < 0) throw new RangeError(`a time amount must be finite and >= 0, got ${amount.value}`);
}
