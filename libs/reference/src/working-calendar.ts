import settingsJson from '../data/v1/calendar-settings.json';
import year2026Json from '../data/v1/calendar-2026.json';
import year2027Json from '../data/v1/calendar-2027.json';
import { deepFreeze } from './deep-freeze';
import { dayOf, dayOfIsoDate, isoDateOf, MS_PER_MINUTE, startOfDay, weekdayOf, yearOf, type DayNumber } from './local-day';
import type { LocalizedName } from './localized-name';

/**
 * The working calendar: which days are working days and which hours of them are
 * working hours.
 *
 * A day is a working day when it is
 * - a swapped working day (调休上班: a Saturday or Sunday made a working day by the
 *   State Council's holiday notice), or else
 * - not a public holiday and not a weekend day.
 *
 * Years that the calendar has no data for count weekends only: every Monday to Friday is
 * a working day there. Use calendarCoverage() to tell official, provisional and missing
 * years apart.
 *
 * Deadlines computed from a calendar depend on its data: a workflow that must replay
 * deterministically should record the instants it computed, not recompute them.
 */

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A working period of a working day, local time, 'HH:MM' to 'HH:MM' (end excluded). */
export interface WorkingPeriodData {
  readonly start: string;
  readonly end: string;
}

export interface CalendarSettingsData {
  readonly version: number;
  readonly timeZone: string;
  /** Offset of local time from UTC; 480 for China Standard Time. */
  readonly utcOffsetMinutes: number;
  readonly weekendDays: readonly Weekday[];
  readonly workingPeriods: readonly WorkingPeriodData[];
}

export interface DatedName {
  readonly date: string;
  readonly name: LocalizedName;
}

export interface CalendarYearData {
  readonly version: number;
  readonly year: number;
  /** true until the State Council has published the year's holiday arrangement. */
  readonly provisional: boolean;
  readonly source: string;
  readonly holidays: readonly DatedName[];
  readonly swappedWorkingDays: readonly DatedName[];
}

export interface WorkingPeriod extends WorkingPeriodData {
  /** Minutes after local midnight. */
  readonly startMinute: number;
  readonly endMinute: number;
}

export interface CalendarYearInfo {
  readonly year: number;
  readonly provisional: boolean;
  readonly source: string;
}

/** A plain, frozen, JSON-serialisable value: it can be passed to a workflow or an activity. */
export interface WorkingCalendar {
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly weekendDays: readonly Weekday[];
  readonly workingPeriods: readonly WorkingPeriod[];
  /** 'YYYY-MM-DD' -> holiday name. */
  readonly holidays: Readonly<Record<string, LocalizedName>>;
  /** 'YYYY-MM-DD' -> name of the swapped working day. */
  readonly swappedWorkingDays: Readonly<Record<string, LocalizedName>>;
  readonly years: readonly CalendarYearInfo[];
}

/** Builds a calendar from its settings and its years; throws on inconsistent data. */
export function buildWorkingCalendar(settings: CalendarSettingsData, years: readonly CalendarYearData[]): WorkingCalendar {
  const workingPeriods = settings.workingPeriods.map(parsePeriod);
  workingPeriods.forEach((p, i) => {
    if (i > 0 && p.startMinute < workingPeriods[i - 1].endMinute) throw new Error(`working periods overlap or are out of order at ${p.start}`);
  });
  if (workingPeriods.length === 0) throw new Error('a working calendar needs at least one working period');
  for (const day of settings.weekendDays) if (!WEEKDAYS.includes(day)) throw new Error(`unknown weekday: ${day}`);

  const holidays: Record<string, LocalizedName> = {};
  const swappedWorkingDays: Record<string, LocalizedName> = {};
  const seenYears = new Set<number>();
  for (const y of years) {
    if (seenYears.has(y.year)) throw new Error(`calendar year ${y.year} given twice`);
    seenYears.add(y.year);
    for (const { date, name } of y.holidays) {
      if (yearOf(dayOfIsoDate(date)) !== y.year) throw new Error(`holiday ${date} is not in ${y.year}`);
      holidays[date] = name;
    }
    for (const { date, name } of y.swappedWorkingDays) {
      if (yearOf(dayOfIsoDate(date)) !== y.year) throw new Error(`swapped working day ${date} is not in ${y.year}`);
      if (date in holidays) throw new Error(`${date} is both a holiday and a swapped working day`);
      swappedWorkingDays[date] = name;
    }
  }

  return deepFreeze({
    timeZone: settings.timeZone,
    utcOffsetMinutes: settings.utcOffsetMinutes,
    weekendDays: [...settings.weekendDays],
    workingPeriods,
    holidays,
    swappedWorkingDays,
    years: years.map((y) => ({ year: y.year, provisional: y.provisional, source: y.source })).sort((a, b) => a.year - b.year),
  });
}

function parsePeriod(period: WorkingPeriodData): WorkingPeriod {
  const startMinute = parseClock(period.start);
  const endMinute = parseClock(period.end);
  if (startMinute >= endMinute) throw new Error(`working period ${period.start}-${period.end} is empty`);
  return { start: period.start, end: period.end, startMinute, endMinute };
}

function parseClock(hhmm: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  const minute = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!(minute <= 24 * 60)) throw new Error(`not a clock time (HH:MM): ${hhmm}`);
  return minute;
}

/** The demo county's calendar: 2026 (official) and 2027 (provisional), 09:00-12:00 and 13:30-17:30 CST. */
export const defaultCalendar: WorkingCalendar = buildWorkingCalendar(settingsJson as CalendarSettingsData, [
  year2026Json as CalendarYearData,
  year2027Json as CalendarYearData,
]);

/** The local day of an instant, or of a 'YYYY-MM-DD' date. */
export function localDayOf(date: Date | string, calendar: WorkingCalendar): DayNumber {
  if (typeof date === 'string') return dayOfIsoDate(date);
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError('invalid Date');
  return dayOf(instant, calendar.utcOffsetMinutes);
}

/**
 * Whether a day is a working day. A Date is read as the local day (in the calendar's
 * time zone) on which that instant falls; a string must be a 'YYYY-MM-DD' local date.
 */
export function isWorkingDay(date: Date | string, calendar: WorkingCalendar): boolean {
  return isWorkingDayNumber(localDayOf(date, calendar), calendar);
}

/** isWorkingDay for a day number (see local-day.ts). */
export function isWorkingDayNumber(day: DayNumber, calendar: WorkingCalendar): boolean {
  const iso = isoDateOf(day);
  if (calendar.swappedWorkingDays[iso] !== undefined) return true;
  if (calendar.holidays[iso] !== undefined) return false;
  return !calendar.weekendDays.includes(WEEKDAYS[weekdayOf(day)]);
}

/** The working intervals of a day as [start, end) instants in milliseconds; none on a non-working day. */
export function workingIntervalsOf(day: DayNumber, calendar: WorkingCalendar): Array<readonly [number, number]> {
  if (!isWorkingDayNumber(day, calendar)) return [];
  const midnight = startOfDay(day, calendar.utcOffsetMinutes);
  return calendar.workingPeriods.map((p) => [midnight + p.startMinute * MS_PER_MINUTE, midnight + p.endMinute * MS_PER_MINUTE] as const);
}

/**
 * How far the calendar can be trusted for a day: 'official' (the State Council's
 * arrangement is in the data), 'provisional' (statutory holidays only, no swapped days)
 * or 'none' (weekends only).
 */
export function calendarCoverage(date: Date | string, calendar: WorkingCalendar): 'official' | 'provisional' | 'none' {
  const year = yearOf(localDayOf(date, calendar));
  const info = calendar.years.find((y) => y.year === year);
  if (!info) return 'none';
  return info.provisional ? 'provisional' : 'official';
}

/** The holiday name of a day, if it is a public holiday. */
export function holidayOn(date: Date | string, calendar: WorkingCalendar): LocalizedName | undefined {
  return calendar.holidays[isoDateOf(localDayOf(date, calendar))];
}
