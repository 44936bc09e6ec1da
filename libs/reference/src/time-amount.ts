/**
 * An amount of time as the rules write it: "within 24 hours", "within 30 minutes",
 * "within 3 working days".
 *
 * - natural units ('minutes', 'hours') run around the clock, on every day;
 * - working units ('working-minutes', 'working-hours', 'working-days') run only inside
 *   the working hours of working days of a working calendar.
 *
 * Deadline policies use 'minutes', 'hours', 'working-hours' and 'working-days';
 * 'working-minutes' is there for measuring (KPIs) and for finer working-time amounts.
 */

export const TIME_UNITS = ['minutes', 'hours', 'working-minutes', 'working-hours', 'working-days'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface TimeAmount {
  /** Non-negative; whole for 'working-days'. */
  readonly value: number;
  readonly unit: TimeUnit;
}

/** Which clock a unit runs on. */
export type Clock = 'natural' | 'working';

export function clockOf(unit: TimeUnit): Clock {
  return unit === 'minutes' || unit === 'hours' ? 'natural' : 'working';
}

export function isTimeUnit(value: unknown): value is TimeUnit {
  return typeof value === 'string' && (TIME_UNITS as readonly string[]).includes(value);
}
