import { ErrorCodes, DomainError } from '@county/contracts';

/** A reporting period in county time: a day (YYYY-MM-DD) or a month (YYYY-MM), as an inclusive range of local days. */
export type PeriodKind = 'day' | 'month';

export interface Period {
  readonly kind: PeriodKind;
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

export function periodOf(kind: PeriodKind, key: string): Period {
  if (kind === 'day') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(key) || Number.isNaN(Date.parse(`${key}T00:00:00Z`)) || new Date(`${key}T00:00:00Z`).toISOString().slice(0, 10) !== key) {
      throw new DomainError(ErrorCodes.PERIOD_INVALID, `a day is YYYY-MM-DD, got "${key}"`, 'invalid');
    }
    return { kind, key, from: key, to: key };
  }
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new DomainError(ErrorCodes.PERIOD_INVALID, `a month is YYYY-MM, got "${key}"`, 'invalid');
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).toISOString().slice(0, 10);
  return { kind, key, from: `${key}-01`, to: last };
}

/** The `days` local days ending with `endDay` (inclusive), and the same number of days before them. */
export function rollingWindows(endDay: string, days: number): { current: { from: string; to: string }; previous: { from: string; to: string } } {
  periodOf('day', endDay);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new DomainError(ErrorCodes.PERIOD_INVALID, `days must be 1..366, got ${days}`, 'invalid');
  const shift = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
  const from = shift(endDay, -(days - 1));
  return { current: { from, to: endDay }, previous: { from: shift(from, -days), to: shift(from, -1) } };
}
