import { ErrorCodes, DomainError, type Decider, type HotspotDetectedData } from '@county/contracts';

/**
 * High-frequency problems (高频多发): counts by category and place, their change against the
 * previous period, and the spike rule that turns a count into a hotspot.
 */

export interface SpikeRule {
  /** How many months before the period make the baseline (months without a case count as 0). */
  readonly baselineMonths: number;
  /** The period's count must be at least this multiple of the baseline... */
  readonly factor: number;
  /** ...and at least this many cases. */
  readonly minCount: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRule = { baselineMonths: 3, factor: 2, minCount: 5 };

/** The rule in words, as carried by every hotspot event. */
export function describeRule(rule: SpikeRule): string {
  return `count in the month >= ${rule.minCount} and >= ${rule.factor} x the mean monthly count of the ${rule.baselineMonths} months before (months without cases count as 0)`;
}

/** The mean of the baseline counts (missing months padded with 0). */
export function baselineOf(previousCounts: readonly number[], rule: SpikeRule): number {
  const counts = previousCounts.slice(-rule.baselineMonths);
  const total = counts.reduce((s, c) => s + c, 0);
  return total / rule.baselineMonths;
}

/**
 * A category in a place is a spike in a month when its count reaches `minCount` and is at
 * least `factor` times its baseline (the mean of the `baselineMonths` months before it). A zero
 * baseline therefore needs only `minCount`.
 */
export function isSpike(count: number, baseline: number, rule: SpikeRule = DEFAULT_SPIKE_RULE): boolean {
  return count >= rule.minCount && count >= rule.factor * baseline;
}

/** The months before a month (YYYY-MM), oldest first. */
export function monthsBefore(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = n; i >= 1; i -= 1) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

export function previousMonth(month: string): string {
  return monthsBefore(month, 1)[0];
}

/** Change against the previous period: absolute and relative (null when the previous count is 0). */
export function changeOf(current: number, previous: number): { delta: number; ratio: number | null } {
  return { delta: current - previous, ratio: previous === 0 ? null : (current - previous) / previous };
}

/** The stream (and subject) of a hotspot: one per category, place and month, so it is detected once. */
export function hotspotStreamId(categoryCode: string, placeCode: string, period: string): string {
  return `hotspot-${categoryCode}-${placeCode}-${period}`;
}

// the hotspot as a decider: detected at most once per category, place and month
export type HotspotEvent = { type: 'hotspot.detected.v1'; data: HotspotDetectedData };
export type HotspotState = { status: 'none' } | { status: 'detected' };
export type DetectHotspot = { type: 'DetectHotspot'; candidate: Omit<HotspotDetectedData, 'rule' | 'baseline' | 'baselineMonths'>; previousCounts: readonly number[]; rule: SpikeRule };

export const hotspot: Decider<DetectHotspot, HotspotEvent, HotspotState> = {
  initialState: { status: 'none' },
  evolve: () => ({ status: 'detected' }),
  decide(command, state) {
    switch (command.type) {
      case 'DetectHotspot': {
        if (state.status === 'detected') return [];
        const { candidate, rule } = command;
        if (candidate.count !== candidate.caseIds.length) throw new DomainError(ErrorCodes.HOTSPOT_COUNT_MISMATCH, 'the count must equal the cases counted', 'invalid');
        const baseline = baselineOf(command.previousCounts, rule);
        if (!isSpike(candidate.count, baseline, rule)) return [];
        return [{ type: 'hotspot.detected.v1', data: { ...candidate, baseline, baselineMonths: rule.baselineMonths, rule: describeRule(rule) } }];
      }
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown command ${String(unknown)}`);
      }
    }
  },
};
