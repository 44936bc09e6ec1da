/**
 * Local calendar days at a fixed offset from UTC (China Standard Time is UTC+8 all year,
 * without daylight saving), numbered as whole days since 1970-01-01. Instants are
 * milliseconds since the epoch, as in Date.getTime(). No time-zone database is needed,
 * and nothing here depends on the machine's own time zone.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** A local day: 0 is 1970-01-01. */
export type DayNumber = number;

/** The local day on which an instant falls. */
export function dayOf(instant: number, utcOffsetMinutes: number): DayNumber {
  return Math.floor((instant + utcOffsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
}

/** The instant of local midnight at the start of a day. */
export function startOfDay(day: DayNumber, utcOffsetMinutes: number): number {
  return day * MS_PER_DAY - utcOffsetMinutes * MS_PER_MINUTE;
}

/** 'YYYY-MM-DD' of a day. */
export function isoDateOf(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day of a 'YYYY-MM-DD' date; throws a RangeError for anything else. */
export function dayOfIsoDate(isoDate: string): DayNumber {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY : NaN;
  if (!Number.isInteger(day) || isoDateOf(day) !== isoDate) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${isoDate}`);
  return day;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The Gregorian year of a day. */
export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}
