import type { CaseFacts } from './case-facts';
import { figuresByUnit, rank, threeRateScore, type Contribution, type RankedUnit, type Weights } from './kpis';

/**
 * Fair rankings: the three rates adjusted for the mix of cases a unit received, an interval for
 * every rate, and red and black lists only where the evidence holds.
 *
 * STRATUM of a case = category x urgency x appeal type (from intake's received event; category
 * and urgency from dispatch when intake's event is missing; 'unknown' for what neither says).
 *
 * For one rate (response, resolution or satisfaction) and one unit u with rows in strata s:
 *   O        = hits of u (observed), n = rows of u, raw = O / n;
 *   p_s      = county hits in s / county rows in s (every unit's rows of the period: the standard);
 *   P        = county hits / county rows (all strata);
 *   E        = sum over s of n_{u,s} x p_s (expected hits had u done as well as the county in each stratum);
 *   ratio    = O / E (indirect standardisation; null when E = 0);
 *   adjusted = min(1, ratio x P) (the indirectly standardised rate, capped at 1).
 * 95 % Wilson interval of the raw rate, z = 1.959964:
 *   centre = (raw + z^2 / 2n) / (1 + z^2 / n), half = z / (1 + z^2 / n) x sqrt(raw (1 - raw) / n + z^2 / 4n^2);
 * and of the adjusted rate: the raw interval times n x P / E (E held fixed), capped at 1.
 * Adjusted score = the three-rate score of the adjusted rates (same weights, a rate without rows
 * left out); its interval = the scores of the interval bounds (low with low, high with high).
 *
 * Lists, rule 'evidence' (the default): units ranked by adjusted score; the county median = the
 * median adjusted score of the ranked units. Red list: up to N best units whose whole interval
 * lies above the median; black list: up to N worst units whose whole interval lies below it,
 * never a unit on the red list. A unit whose interval overlaps the median is on neither list, and
 * the report says so for each unit that its rank alone would have listed. Rule 'rank': the
 * first and last N by raw score, as before.
 */

export const RATE_METRICS = ['response', 'resolution', 'satisfaction'] as const;
export type RateMetric = (typeof RATE_METRICS)[number];

export const Z_95 = 1.959964;

export type ListRule = 'evidence' | 'rank';
export const LIST_RULES: readonly ListRule[] = ['evidence', 'rank'];

export const METHOD = {
  adjustment: 'indirect standardisation (observed / expected) by stratum = category x urgency x appeal type, against the county rate of each stratum in the period',
  interval: 'wilson-95',
  cap: 'adjusted rates are capped at 1',
} as const;

/** One KPI row of a rate metric, with the stratum of its case. */
export interface StratifiedRow {
  readonly unitCode: string;
  readonly metric: RateMetric;
  readonly hit: boolean;
  readonly stratum: string;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface RateDetail {
  readonly observed: number;
  readonly n: number;
  readonly raw: number | null;
  readonly rawInterval: Interval | null;
  readonly expected: number | null;
  readonly ratio: number | null;
  readonly adjusted: number | null;
  readonly adjustedInterval: Interval | null;
}

export interface FairUnit {
  readonly unitCode: string;
  readonly rates: Readonly<Record<RateMetric, RateDetail>>;
  readonly score: number | null;
  readonly scoreInterval: Interval | null;
  readonly adjustedScore: number | null;
  readonly adjustedScoreInterval: Interval | null;
  /** Competition rank by adjusted score (1, 2, 2, 4); null without an adjusted score. */
  readonly adjustedRank: number | null;
}

export interface ListEntry {
  readonly unitCode: string;
  readonly list: 'red' | 'black';
  readonly reason: string;
}

export interface FairLists {
  readonly rule: ListRule;
  /** The median adjusted score of the ranked units (rule 'evidence'), or null. */
  readonly countyMedianScore: number | null;
  readonly redList: readonly string[];
  readonly blackList: readonly string[];
  /** Why each listed unit is on its list. */
  readonly listed: readonly ListEntry[];
  /** Units their rank alone would have put on a list, and why they are not on it. */
  readonly notListed: readonly ListEntry[];
}

const UNKNOWN = 'unknown';

/** The stratum of a case: category|urgency|appealType. */
export function stratumOf(facts: CaseFacts): string {
  const r = facts.received[0];
  const d = facts.dispatches[0];
  return [r?.categoryCode ?? d?.categoryCode ?? UNKNOWN, r?.urgency ?? d?.urgency ?? UNKNOWN, r?.appealType ?? UNKNOWN].join('|');
}

/** 95 % (by default) Wilson score interval of x hits in n; null without rows. */
export function wilson(x: number, n: number, z = Z_95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // at 0 or n hits the bound is exactly 0 or 1 (no float noise)
  return { low: x === 0 ? 0 : Math.max(0, centre - half), high: x === n ? 1 : Math.min(1, centre + half) };
}

interface Tally {
  hits: number;
  n: number;
}

export interface CountyRates {
  readonly overall: Readonly<Record<RateMetric, Tally>>;
  readonly byStratum: Readonly<Record<RateMetric, ReadonlyMap<string, Tally>>>;
}

/** The county's hits and rows per rate, overall and per stratum (the standard). */
export function countyRates(rows: readonly StratifiedRow[]): CountyRates {
  const overall = { response: { hits: 0, n: 0 }, resolution: { hits: 0, n: 0 }, satisfaction: { hits: 0, n: 0 } };
  const byStratum = { response: new Map<string, Tally>(), resolution: new Map<string, Tally>(), satisfaction: new Map<string, Tally>() };
  for (const r of rows) {
    overall[r.metric].n += 1;
    if (r.hit) overall[r.metric].hits += 1;
    const t = byStratum[r.metric].get(r.stratum) ?? { hits: 0, n: 0 };
    byStratum[r.metric].set(r.stratum, t);
    t.n += 1;
    if (r.hit) t.hits += 1;
  }
  return { overall, byStratum };
}

const cap = (x: number) => Math.min(1, x);

/** One unit's rate, raw and adjusted, from its rows of that metric. */
export function rateDetail(metric: RateMetric, unitRows: readonly StratifiedRow[], county: CountyRates, z = Z_95): RateDetail {
  const n = unitRows.length;
  const observed = unitRows.filter((r) => r.hit).length;
  const raw = n ? observed / n : null;
  const rawInterval = wilson(observed, n, z);
  if (!n) return { observed, n, raw, rawInterval, expected: null, ratio: null, adjusted: null, adjustedInterval: null };
  let expected = 0;
  for (const r of unitRows) {
    const t = county.byStratum[metric].get(r.stratum);
    expected += t && t.n ? t.hits / t.n : 0;
  }
  const all = county.overall[metric];
  const P = all.n ? all.hits / all.n : 0;
  if (expected <= 0) return { observed, n, raw, rawInterval, expected, ratio: null, adjusted: null, adjustedInterval: null };
  const ratio = observed / expected;
  const k = (n * P) / expected;
  return {
    observed,
    n,
    raw,
    rawInterval,
    expected,
    ratio,
    adjusted: cap(ratio * P),
    adjustedInterval: rawInterval && { low: cap(rawInterval.low * k), high: cap(rawInterval.high * k) },
  };
}

function scoreOf(rates: Readonly<Record<RateMetric, RateDetail>>, pick: (d: RateDetail) => number | null, weights: Weights): number | null {
  return threeRateScore({ response: pick(rates.response), resolution: pick(rates.resolution), satisfaction: pick(rates.satisfaction) }, weights);
}

function intervalOf(rates: Readonly<Record<RateMetric, RateDetail>>, pick: (d: RateDetail) => Interval | null, weights: Weights): Interval | null {
  const low = scoreOf(rates, (d) => pick(d)?.low ?? null, weights);
  const high = scoreOf(rates, (d) => pick(d)?.high ?? null, weights);
  return low === null || high === null ? null : { low, high };
}

/** Scores compared rounded to 1e-9, as the raw ranking does. */
const key = (score: number) => Math.round(score * 1e9);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const fmt = (x: number) => x.toFixed(1);

/**
 * The fair figures of the ranked units and the lists by the rule. `rows` are every rate row of
 * the period (the county standard); `unitCodes` the units ranked (e.g. the townships); `raw` the
 * raw ranking of the same units (for rule 'rank').
 */
export function fairRanking(
  rows: readonly StratifiedRow[],
  unitCodes: readonly string[],
  raw: readonly RankedUnit[],
  options: { weights: Weights; listSize: number; rule: ListRule; z?: number },
): { units: FairUnit[]; lists: FairLists } {
  const county = countyRates(rows);
  const z = options.z ?? Z_95;
  const byUnit = new Map<string, StratifiedRow[]>();
  for (const r of rows) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r]);
  const units = unitCodes.map((unitCode) => {
    const mine = byUnit.get(unitCode) ?? [];
    const rates = Object.fromEntries(RATE_METRICS.map((m) => [m, rateDetail(m, mine.filter((r) => r.metric === m), county, z)])) as Record<RateMetric, RateDetail>;
    return {
      unitCode,
      rates,
      score: scoreOf(rates, (d) => d.raw, options.weights),
      scoreInterval: intervalOf(rates, (d) => d.rawInterval, options.weights),
      adjustedScore: scoreOf(rates, (d) => d.adjusted, options.weights),
      adjustedScoreInterval: intervalOf(rates, (d) => d.adjustedInterval, options.weights),
      adjustedRank: null as number | null,
    };
  });
  const scored = units
    .filter((u): u is typeof u & { adjustedScore: number } => u.adjustedScore !== null)
    .sort((a, b) => key(b.adjustedScore) - key(a.adjustedScore) || (a.unitCode < b.unitCode ? -1 : 1));
  scored.forEach((u, i) => {
    let first = i;
    while (first > 0 && key(scored[first - 1].adjustedScore) === key(u.adjustedScore)) first -= 1;
    u.adjustedRank = first + 1;
  });
  const ordered: FairUnit[] = [...scored, ...units.filter((u) => u.adjustedScore === null).sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1))];
  return { units: ordered, lists: listsOf(ordered, raw, options.listSize, options.rule) };
}

function listsOf(units: readonly FairUnit[], raw: readonly RankedUnit[], listSize: number, rule: ListRule): FairLists {
  if (rule === 'rank') {
    const ranked = raw.filter((r) => r.rank !== null);
    const redList = ranked.slice(0, listSize).map((r) => r.unitCode);
    const blackList = [...ranked].reverse().filter((r) => !redList.includes(r.unitCode)).slice(0, listSize).map((r) => r.unitCode);
    const scoreOfUnit = (code: string) => fmt(raw.find((r) => r.unitCode === code)?.score ?? 0);
    return {
      rule,
      countyMedianScore: null,
      redList,
      blackList,
      listed: [
        ...redList.map((unitCode, i) => ({ unitCode, list: 'red' as const, reason: `rank ${i + 1} of ${ranked.length} by raw score ${scoreOfUnit(unitCode)} (rule 'rank': the first ${listSize})` })),
        ...blackList.map((unitCode, i) => ({ unitCode, list: 'black' as const, reason: `${i + 1}. from the bottom of ${ranked.length} by raw score ${scoreOfUnit(unitCode)} (rule 'rank': the last ${listSize})` })),
      ],
      notListed: [],
    };
  }
  const ranked = units.filter((u) => u.adjustedScore !== null && u.adjustedScoreInterval !== null);
  const m = median(ranked.map((u) => u.adjustedScore as number));
  const listed: ListEntry[] = [];
  const notListed: ListEntry[] = [];
  const redList: string[] = [];
  const blackList: string[] = [];
  if (m === null) return { rule, countyMedianScore: null, redList, blackList, listed, notListed };
  const describe = (u: FairUnit) => {
    const i = u.adjustedScoreInterval as Interval;
    return `adjusted score ${fmt(u.adjustedScore as number)} (95 % interval ${fmt(i.low)}-${fmt(i.high)}, rank ${u.adjustedRank} of ${ranked.length})`;
  };
  for (const u of ranked) {
    if (redList.length >= listSize) break;
    const i = u.adjustedScoreInterval as Interval;
    if (i.low > m) {
      redList.push(u.unitCode);
      listed.push({ unitCode: u.unitCode, list: 'red', reason: `${describe(u)} lies wholly above the county median ${fmt(m)}` });
    } else if ((u.adjustedRank ?? Infinity) <= listSize) {
      notListed.push({ unitCode: u.unitCode, list: 'red', reason: `${describe(u)} overlaps the county median ${fmt(m)}: the evidence does not hold` });
    }
  }
  const worstFirst = [...ranked].reverse();
  worstFirst.forEach((u, fromBottom) => {
    if (blackList.length >= listSize || redList.includes(u.unitCode)) return;
    const i = u.adjustedScoreInterval as Interval;
    if (i.high < m) {
      blackList.push(u.unitCode);
      listed.push({ unitCode: u.unitCode, list: 'black', reason: `${describe(u)} lies wholly below the county median ${fmt(m)}` });
    } else if (fromBottom < listSize) {
      notListed.push({ unitCode: u.unitCode, list: 'black', reason: `${describe(u)} overlaps the county median ${fmt(m)}: the evidence does not hold` });
    }
  });
  return { rule, countyMedianScore: m, redList, blackList, listed, notListed };
}

// ---- the published ranking: raw and fair side by side ----

export interface RankingOptions {
  readonly weights: Weights;
  readonly listSize: number;
  readonly listRule: ListRule;
}

export type FairFigures = Omit<FairUnit, 'unitCode'>;

export interface RankingReport {
  readonly weights: Weights;
  readonly listSize: number;
  readonly listRule: ListRule;
  readonly method: typeof METHOD;
  readonly ranking: {
    /** In raw order (rank by raw score, as before), each with its fair figures. */
    readonly units: readonly (RankedUnit & { readonly fair: FairFigures })[];
    readonly redList: readonly string[];
    readonly blackList: readonly string[];
    readonly countyMedianScore: number | null;
    readonly listed: readonly ListEntry[];
    readonly notListed: readonly ListEntry[];
  };
}

const isRateMetric = (m: string): m is RateMetric => (RATE_METRICS as readonly string[]).includes(m);

/**
 * The ranking of a period from its KPI rows and the strata of their cases: the raw ranking of the
 * units `include` keeps, each unit's fair figures (standard: every unit's rows), and the lists by
 * the rule. The same function serves the published ranking and the what-if replay.
 */
export function rankingReport(unordered: readonly Contribution[], strata: ReadonlyMap<string, string>, include: (unitCode: string) => boolean, options: RankingOptions): RankingReport {
  // one order whatever the caller's (sums of floats depend on it): the same rows give the same figures to the last bit
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows = [...unordered].sort((a, b) => cmp(a.unitCode, b.unitCode) || cmp(a.metric, b.metric) || cmp(a.day, b.day) || cmp(a.caseId, b.caseId) || cmp(a.item, b.item));
  const figures = new Map([...figuresByUnit(rows)].filter(([code]) => include(code)));
  const raw = rank(figures, options.weights, options.listSize);
  const stratified: StratifiedRow[] = rows.flatMap((r) => (isRateMetric(r.metric) ? [{ unitCode: r.unitCode, metric: r.metric, hit: r.hit, stratum: strata.get(r.caseId) ?? `${UNKNOWN}|${UNKNOWN}|${UNKNOWN}` }] : []));
  const fair = fairRanking(stratified, raw.units.map((u) => u.unitCode), raw.units, { weights: options.weights, listSize: options.listSize, rule: options.listRule });
  const fairOf = new Map(fair.units.map(({ unitCode, ...f }) => [unitCode, f]));
  return {
    weights: options.weights,
    listSize: options.listSize,
    listRule: options.listRule,
    method: METHOD,
    ranking: {
      units: raw.units.map((u) => ({ ...u, fair: fairOf.get(u.unitCode) as FairFigures })),
      redList: fair.lists.redList,
      blackList: fair.lists.blackList,
      countyMedianScore: fair.lists.countyMedianScore,
      listed: fair.lists.listed,
      notListed: fair.lists.notListed,
    },
  };
}
