import { isMergedAway, leadUnitAt, type CaseFacts } from './case-facts';

/**
 * KPIs per unit and period, and the three-rate score (三率).
 *
 * Every figure is made of CONTRIBUTIONS: one row per (case, item, unit, metric) saying on which
 * local day (county time) it counts and whether it is a hit. A rate is hits / rows, a count is
 * rows, an average is the mean of the rows' values. The rows of a case are recomputed from its
 * facts after each event, so every number drills down to the case ids behind it.
 *
 * Definitions (unit = the unit the contribution is attributed to; merged-away cases count nowhere):
 * - volume: one row per unit the case was dispatched to as lead (day of the first such dispatch).
 * - sign-for-on-time: per lead unit, once decided (signed for by it, or its sign-for clock went
 *   overdue); hit = signed for and no sign-for overdue for that unit. Day of the dispatch to it.
 * - response (响应率): per lead unit, once decided (signed for, or its sign-for or first-contact
 *   clock went overdue); hit = signed for and neither clock overdue for that unit. Day of the dispatch.
 * - resolution (解决率): cases whose resident was reached on a return visit; the LAST visit counts;
 *   unit = the unit whose result was approved last before that visit; hit = resolved. Day of the visit.
 * - satisfaction (满意率): the same rows; hit = satisfied or basically satisfied.
 * - on-time-completion (按时办结率): cases with an approved result; unit = the unit approved last;
 *   hit = no handling-clock overdue for that unit. Day of the last approval.
 * - overdue: one row per unit with at least one overdue clock on the case (day of its first overdue).
 * - transfers-asked: one row per unit that asked to return the case (day of its first request).
 * - redo (重办率): cases with a return visit; unit = the unit approved before the FIRST visit;
 *   hit = the case was reopened. Day of the first visit.
 * - repeat-appeals: one row per repeat appeal on the case, for the lead unit at that time.
 * - whistle-answer-on-time: per whistle and called department, once decided (answered or the
 *   answer went overdue); hit = answered and no answer-overdue. Day the whistle was blown.
 * - township-rating: per rating of a department's answer; value = the rating (1-5); the figure is the mean.
 */

export const METRICS = [
  'volume',
  'sign-for-on-time',
  'response',
  'resolution',
  'satisfaction',
  'on-time-completion',
  'overdue',
  'transfers-asked',
  'redo',
  'repeat-appeals',
  'whistle-answer-on-time',
  'township-rating',
] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_KIND: Record<Metric, 'count' | 'rate' | 'average'> = {
  volume: 'count',
  'sign-for-on-time': 'rate',
  response: 'rate',
  resolution: 'rate',
  satisfaction: 'rate',
  'on-time-completion': 'rate',
  overdue: 'count',
  'transfers-asked': 'count',
  redo: 'rate',
  'repeat-appeals': 'count',
  'whistle-answer-on-time': 'rate',
  'township-rating': 'average',
};

export interface Contribution {
  readonly caseId: string;
  /** Distinguishes several rows of one case for the same unit and metric (a whistle id, an event id); '' otherwise. */
  readonly item: string;
  readonly unitCode: string;
  readonly metric: Metric;
  /** Local day in county time, YYYY-MM-DD. */
  readonly day: string;
  readonly hit: boolean;
  readonly value: number | null;
}

/** The local day (YYYY-MM-DD) of an instant at a UTC offset in minutes (China: +480). */
export function localDay(instant: string, utcOffsetMinutes: number): string {
  return new Date(new Date(instant).getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function contributionsOf(facts: CaseFacts, utcOffsetMinutes: number): Contribution[] {
  if (isMergedAway(facts)) return [];
  const out: Contribution[] = [];
  const day = (at: string) => localDay(at, utcOffsetMinutes);
  const row = (metric: Metric, unitCode: string | null, at: string, hit: boolean, item = '', value: number | null = null) => {
    if (unitCode) out.push({ caseId: facts.caseId, item, unitCode, metric, day: day(at), hit, value });
  };
  const overdueUnit = (o: { unitCode: string | null; at: string }) => o.unitCode ?? leadUnitAt(facts, o.at);

  // per lead unit: volume, sign-for on time, response
  const leads = new Map<string, string>();
  for (const d of facts.dispatches) if (!leads.has(d.unitCode)) leads.set(d.unitCode, d.at);
  for (const [unit, dispatchedAt] of leads) {
    row('volume', unit, dispatchedAt, true);
    const signed = facts.signedFor.some((s) => s.unitCode === unit);
    const overdueOf = (clock: string) => facts.overdue.some((o) => o.clock === clock && overdueUnit(o) === unit);
    const lateSign = overdueOf('sign-for');
    const lateContact = overdueOf('first-contact');
    if (signed || lateSign) row('sign-for-on-time', unit, dispatchedAt, signed && !lateSign);
    if (signed || lateSign || lateContact) row('response', unit, dispatchedAt, signed && !lateSign && !lateContact);
  }

  const approvedUnitBefore = (at: string): string | null => {
    let unit: string | null = null;
    for (const a of facts.resultsApproved) if (a.at <= at) unit = a.unitCode;
    return unit ?? facts.resultsApproved[facts.resultsApproved.length - 1]?.unitCode ?? leadUnitAt(facts, at);
  };

  // return visits: resolution, satisfaction (last visit), redo (first visit)
  const lastVisit = facts.visits[facts.visits.length - 1];
  if (lastVisit) {
    const unit = approvedUnitBefore(lastVisit.at);
    row('resolution', unit, lastVisit.at, lastVisit.resolved);
    row('satisfaction', unit, lastVisit.at, lastVisit.satisfaction !== 'dissatisfied');
    const firstVisit = facts.visits[0];
    row('redo', approvedUnitBefore(firstVisit.at), firstVisit.at, facts.reopens.length > 0);
  }

  // on-time completion
  const lastApproval = facts.resultsApproved[facts.resultsApproved.length - 1];
  if (lastApproval?.unitCode) {
    const unit = lastApproval.unitCode;
    row('on-time-completion', unit, lastApproval.at, !facts.overdue.some((o) => o.clock === 'handling' && overdueUnit(o) === unit));
  }

  // overdue, transfers asked
  const firstPerUnit = (items: readonly { unitCode: string | null; at: string }[], unitOf: (i: { unitCode: string | null; at: string }) => string | null) => {
    const first = new Map<string, string>();
    for (const i of items) {
      const u = unitOf(i);
      if (u && !first.has(u)) first.set(u, i.at);
    }
    return first;
  };
  for (const [unit, at] of firstPerUnit(facts.overdue, overdueUnit)) row('overdue', unit, at, true);
  for (const [unit, at] of firstPerUnit(facts.transferRequests, (i) => i.unitCode ?? leadUnitAt(facts, i.at))) row('transfers-asked', unit, at, true);

  // repeat appeals
  for (const r of facts.repeatAppeals) row('repeat-appeals', leadUnitAt(facts, r.at), r.at, true, r.eventId);

  // whistles
  for (const w of facts.whistlesBlown) {
    for (const dept of w.departmentCodes) {
      const answered = facts.whistleAnswers.some((a) => a.whistleId === w.whistleId && a.departmentCode === dept);
      const late = facts.whistleAnswersOverdue.some((a) => a.whistleId === w.whistleId && a.departmentCode === dept);
      if (answered || late) row('whistle-answer-on-time', dept, w.at, answered && !late, w.whistleId);
    }
  }
  for (const r of facts.whistleRatings) row('township-rating', r.departmentCode, r.at, true, `${r.whistleId}:${r.eventId}`, r.rating);

  return out;
}

// ---- figures ----

export interface Figure {
  readonly metric: Metric;
  readonly kind: 'count' | 'rate' | 'average';
  /** rows (cases or items) behind the figure */
  readonly denominator: number;
  /** hits among them */
  readonly numerator: number;
  /** count: the rows; rate: hits / rows (null without rows); average: mean value (null without rows) */
  readonly value: number | null;
}

export function figureOf(metric: Metric, rows: readonly Pick<Contribution, 'hit' | 'value'>[]): Figure {
  const kind = METRIC_KIND[metric];
  const denominator = rows.length;
  const numerator = rows.filter((r) => r.hit).length;
  let value: number | null;
  if (kind === 'count') value = denominator;
  else if (denominator === 0) value = null;
  else if (kind === 'rate') value = numerator / denominator;
  else value = rows.reduce((s, r) => s + (r.value ?? 0), 0) / denominator;
  return { metric, kind, denominator, numerator, value };
}

export type UnitFigures = Record<Metric, Figure>;

/** Groups contributions by unit and computes every metric's figure. */
export function figuresByUnit(rows: readonly Contribution[]): Map<string, UnitFigures> {
  const grouped = new Map<string, Map<Metric, Contribution[]>>();
  for (const r of rows) {
    const perUnit = grouped.get(r.unitCode) ?? new Map<Metric, Contribution[]>();
    grouped.set(r.unitCode, perUnit);
    const list = perUnit.get(r.metric) ?? [];
    perUnit.set(r.metric, list);
    list.push(r);
  }
  const out = new Map<string, UnitFigures>();
  for (const [unit, perMetric] of [...grouped].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.set(unit, Object.fromEntries(METRICS.map((m) => [m, figureOf(m, perMetric.get(m) ?? [])])) as UnitFigures);
  }
  return out;
}

// ---- the three rates ----

export interface Weights {
  readonly response: number;
  readonly resolution: number;
  readonly satisfaction: number;
}

export const DEFAULT_WEIGHTS: Weights = { response: 30, resolution: 35, satisfaction: 35 };

/**
 * The three-rate score (三率), 0..100:
 *   score = 100 * (w_resp * responseRate + w_res * resolutionRate + w_sat * satisfactionRate) / (w_resp + w_res + w_sat)
 * where
 *   responseRate     = cases signed for with neither the sign-for nor the first-contact clock overdue
 *                      / cases whose response is decided (signed for, or either clock overdue), per lead unit;
 *   resolutionRate   = cases whose last return visit says resolved / cases whose resident was reached;
 *   satisfactionRate = (satisfied + basically satisfied) / cases whose resident was reached
 *                      (unreachable residents count in neither).
 * A rate without any case in its denominator is left out and the weights of the others are
 * rescaled to their sum; with no rate at all there is no score (null, the unit is not ranked).
 */
export function threeRateScore(rates: { response: number | null; resolution: number | null; satisfaction: number | null }, weights: Weights = DEFAULT_WEIGHTS): number | null {
  let sum = 0;
  let weight = 0;
  for (const k of ['response', 'resolution', 'satisfaction'] as const) {
    const r = rates[k];
    if (r === null) continue;
    sum += weights[k] * r;
    weight += weights[k];
  }
  return weight === 0 ? null : (100 * sum) / weight;
}

/** Parses "30,35,35" (response, resolution, satisfaction); each >= 0 and not all 0. */
export function parseWeights(spec: string | undefined): Weights {
  if (!spec) return DEFAULT_WEIGHTS;
  const parts = spec.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p) || p < 0) || parts.every((p) => p === 0)) {
    throw new Error(`three-rate weights must be three numbers >= 0, not all 0 (response,resolution,satisfaction), got "${spec}"`);
  }
  return { response: parts[0], resolution: parts[1], satisfaction: parts[2] };
}

// ---- rankings ----

export interface RankedUnit {
  readonly unitCode: string;
  /** Competition ranking (1, 2, 2, 4); null for a unit without a score. */
  readonly rank: number | null;
  readonly score: number | null;
  readonly responseRate: number | null;
  readonly resolutionRate: number | null;
  readonly satisfactionRate: number | null;
  readonly volume: number;
}

export interface Ranking {
  readonly units: readonly RankedUnit[];
  /** The best `listSize` ranked units (红榜). */
  readonly redList: readonly string[];
  /** The worst `listSize` ranked units not on the red list (黑榜). */
  readonly blackList: readonly string[];
}

/** Scores are compared rounded to 1e-9, so that the same rates always tie whatever the float noise. */
const key = (score: number) => Math.round(score * 1e9);

/**
 * Ranks units by three-rate score, higher first; ties share a rank and are listed by unit code.
 * Red list: the first `listSize` units in that order; black list: the last `listSize` ranked
 * units that are not on the red list, worst first. Units without a score are listed last, unranked.
 */
export function rank(figures: ReadonlyMap<string, UnitFigures>, weights: Weights = DEFAULT_WEIGHTS, listSize = 3): Ranking {
  const rows = [...figures].map(([unitCode, f]): RankedUnit => {
    const rates = { response: f.response.value, resolution: f.resolution.value, satisfaction: f.satisfaction.value };
    return { unitCode, rank: null, score: threeRateScore(rates, weights), responseRate: rates.response, resolutionRate: rates.resolution, satisfactionRate: rates.satisfaction, volume: f.volume.denominator };
  });
  const scored = rows.flatMap((r) => (r.score === null ? [] : [{ ...r, score: r.score }])).sort((a, b) => key(b.score) - key(a.score) || (a.unitCode < b.unitCode ? -1 : 1));
  const unscored = rows.filter((r) => r.score === null).sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1));
  const ranked = scored.map((r, i) => {
    let first = i;
    while (first > 0 && key(scored[first - 1].score) === key(r.score)) first -= 1;
    return { ...r, rank: first + 1 };
  });
  const redList = ranked.slice(0, listSize).map((r) => r.unitCode);
  const blackList = [...ranked]
    .reverse()
    .filter((r) => !redList.includes(r.unitCode))
    .slice(0, listSize)
    .map((r) => r.unitCode);
  return { units: [...ranked, ...unscored], redList, blackList };
}
