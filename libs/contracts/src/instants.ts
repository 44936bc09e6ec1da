/**
 * The one rule for an instant a caller sends (when an appeal was received, when a unit first
 * contacted the resident, when a return visit was made, the bounds of a query, the moment a new
 * responsibility list takes effect): an RFC 3339 date-time with its offset (`Z` or `+08:00`),
 * not before INSTANT_FLOOR and, for what has already happened, not after now plus
 * CLOCK_SKEW_MS. Instants that name a moment still to come (a schedule) may lie ahead, but not
 * past INSTANT_CEILING. Everything downstream (the events, the facts, the KPIs) can then hold
 * the instant as it is.
 */
export const INSTANT_FLOOR = '2000-01-01T00:00:00Z';
export const INSTANT_CEILING = '2100-01-01T00:00:00Z';
/** How far ahead of this service's clock a caller's clock may run. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

export type InstantKind = 'past' | 'any';

/** Why `value` is not an acceptable instant, or undefined when it is. */
export function instantProblem(value: unknown, kind: InstantKind, nowMs: number = Date.now()): string | undefined {
  if (typeof value !== 'string') return 'must be an RFC 3339 date-time string';
  const m = RFC3339.exec(value);
  if (!m) return 'must be an RFC 3339 date-time with its offset, e.g. 2026-03-02T09:15:00+08:00';
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  const offsetHours = m[9] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
  const daysInMonth = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) {
    return 'is not a real date and time';
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) return 'is not a real date and time';
  if (at < Date.parse(INSTANT_FLOOR)) return `must not be before ${INSTANT_FLOOR}`;
  if (kind === 'past' && at > nowMs + CLOCK_SKEW_MS) return `must not be in the future (more than ${CLOCK_SKEW_MS / 60_000} minutes ahead of the service's clock)`;
  if (at >= Date.parse(INSTANT_CEILING)) return `must be before ${INSTANT_CEILING}`;
  return undefined;
}
