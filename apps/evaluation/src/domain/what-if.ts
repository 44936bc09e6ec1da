import { ErrorCodes, DomainError, type CaseClock, type ErrorCode, type ResponsibilityListItem } from '@county/contracts';
import { centreUnit, defaultCalendar, isTimeUnit, isUrgency, URGENCIES, type DeadlinePolicy, type TimeAmount, type Urgency, type WarningThreshold, type WorkingCalendar } from '@county/reference';
import {
  applyChange,
  decideList,
  evolveList,
  initialListState,
  placeOf,
  planClock,
  policyOf,
  route,
  versionAt,
  type ListVersion,
  type PolicySource,
  type ResponsibilityListEvent,
  type ResponsibilityListState,
} from '@county/rules';
import { emptyFacts, evolveFacts, leadUnitAt, type CaseFacts, type ClockItem, type FactEvent } from './case-facts';
import { contributionsOf } from './kpis';
import { rankingReport, stratumOf, LIST_RULES, type ListRule, type RankingOptions, type RankingReport } from './fair-ranking';
import type { Period } from './periods';

/**
 * What-if replay: what a proposed rule change would have done to a past period, without touching
 * live state. It runs the live code (routing and the responsibility list of @county/rules, clock
 * planning of @county/rules, the case facts, KPI rows and ranking of evaluation) over the real
 * events of the period, once as the rules were and once with the proposal, and reports the
 * difference. Pure: the same events (read up to one position) and proposal give the same report.
 *
 * - Routing: each case routed in the period (its first dispatch, else its reception) is routed by
 *   the list version in effect then, and by that version with the proposed change applied; a case
 *   moves when the primary unit differs.
 * - Deadlines: the sign-for, first-contact and handling clocks of each case first dispatched in the
 *   period are planned from that dispatch with the live policy and with the proposed one; a clock
 *   is overdue when it was done (first signed for, first contact, first result submitted) after
 *   its deadline, or not done by the end of the period and its deadline passed. Pauses and
 *   extensions are not replayed: both sides plan from the policy alone.
 * - Ranking: the month's ranking as published (live settings), and again with the proposed weights,
 *   list size and list rule over facts in which each clock whose overdue status the proposal
 *   changes has its overdue added or removed. A case that would move keeps the unit that really
 *   handled it in the ranking: nobody knows how the other unit would have done.
 */

export const REPLAYED_CLOCKS: readonly CaseClock[] = ['sign-for', 'first-contact', 'handling'];

export interface ListProposal {
  /** A change proposed to the list and not yet decided (its upserts and removals). */
  readonly changeId?: string;
  /** Items written for the question. */
  readonly upserts?: readonly ResponsibilityListItem[];
  readonly removals?: readonly string[];
}

export interface LimitOverride {
  /** One leaf category, or every category when absent. */
  readonly categoryCode?: string;
  /** One urgency, or every urgency when absent. */
  readonly urgency?: Urgency;
  readonly signFor?: TimeAmount;
  readonly firstContact?: TimeAmount;
  readonly handling?: TimeAmount;
}

export interface PolicyProposal {
  /** Applied in order: a later override of the same limit wins. */
  readonly limits?: readonly LimitOverride[];
  readonly warnings?: readonly WarningThreshold[];
}

export interface WhatIfProposal {
  readonly list?: ListProposal;
  readonly deadlinePolicy?: PolicyProposal;
  readonly ranking?: Partial<RankingOptions>;
}

export interface WhatIfInput {
  readonly period: Period;
  /** The position (evaluation.consumed_events.seq) the events were read up to. */
  readonly position: number;
  /** Every responsibility-list event up to the position, in order. */
  readonly listEvents: readonly { type: string; data: unknown }[];
  /** Every event up to the position of every case with an event in the period. */
  readonly caseEvents: readonly FactEvent[];
  readonly proposal: WhatIfProposal;
  readonly live: RankingOptions;
  readonly utcOffsetMinutes: number;
  /** At most this many case ids per list in the report (the counts are always complete). */
  readonly maxCaseIds: number;
  readonly calendar?: WorkingCalendar;
  /** The units ranked (e.g. only townships); every unit when absent. */
  readonly include?: (unitCode: string) => boolean;
}

export interface MovedCase {
  readonly caseId: string;
  readonly categoryCode: string;
  readonly townshipCode: string | null;
  readonly fromUnitCode: string | null;
  readonly toUnitCode: string | null;
  readonly fromItemId: string | null;
  readonly toItemId: string | null;
}

export interface ClockChange {
  readonly caseId: string;
  readonly clock: CaseClock;
  readonly unitCode: string | null;
  readonly deadlineBefore: string;
  readonly deadlineAfter: string;
  /** When the clock was done, or null when it was not done by the end of the period. */
  readonly doneAt: string | null;
}

export interface Counted {
  readonly key: string;
  readonly count: number;
}

export interface ListChange {
  readonly unitCode: string;
  readonly before: 'red' | 'black' | null;
  readonly after: 'red' | 'black' | null;
}

export interface WhatIfReport {
  readonly period: Period;
  readonly position: number;
  readonly eventsRead: number;
  readonly casesRead: number;
  readonly proposal: WhatIfProposal;
  readonly routing: {
    readonly casesRouted: number;
    readonly moved: number;
    readonly byCategory: readonly Counted[];
    readonly byTownship: readonly Counted[];
    readonly byUnitPair: readonly Counted[];
    readonly cases: readonly MovedCase[];
    readonly casesTruncated: boolean;
  };
  readonly deadlines: {
    readonly asOf: string;
    readonly clocksPlanned: number;
    readonly moved: number;
    readonly earlier: number;
    readonly later: number;
    readonly overdueBefore: number;
    readonly overdueAfter: number;
    readonly newlyOverdue: readonly ClockChange[];
    readonly noLongerOverdue: readonly ClockChange[];
    readonly newlyOverdueCount: number;
    readonly noLongerOverdueCount: number;
    readonly casesTruncated: boolean;
  };
  readonly ranking: {
    readonly before: RankingReport;
    readonly after: RankingReport;
    /** Units whose list differs (red, black or none) before and after. */
    readonly listChanges: readonly ListChange[];
  };
}

// ---- the proposal, checked ----

const invalid = (code: ErrorCode, message: string, details?: Record<string, unknown>) => new DomainError(code, message, 'unprocessable', details);

function checkAmount(a: unknown, where: string): void {
  const t = a as TimeAmount;
  if (typeof t !== 'object' || t === null || !isTimeUnit(t.unit) || typeof t.value !== 'number' || !(t.value >= 0) || (t.unit === 'working-days' && !Number.isInteger(t.value))) {
    throw invalid(ErrorCodes.WHAT_IF_INVALID_LIMIT, `${where}: a time amount is { value >= 0 (whole for working-days), unit: minutes | hours | working-minutes | working-hours | working-days }`, { field: where });
  }
}

function checkItemShape(item: unknown, i: number): void {
  const it = item as Record<string, unknown>;
  const where = `list.upserts[${i}]`;
  const bad = (field: string) => invalid(ErrorCodes.WHAT_IF_INVALID_ITEM, `${where}.${field} is missing or malformed`, { field: `${where}.${field}` });
  if (typeof it !== 'object' || it === null) throw invalid(ErrorCodes.WHAT_IF_INVALID_ITEM, `${where} must be a list item object`, { field: where });
  if (typeof it.id !== 'string' || !it.id) throw bad('id');
  if (typeof it.categoryCode !== 'string') throw bad('categoryCode');
  const scope = it.scope as Record<string, unknown> | undefined;
  if (!scope || !['county', 'urban', 'rural', 'township'].includes(scope.kind as string) || (scope.kind === 'township' && typeof scope.townshipCode !== 'string')) throw bad('scope');
  const ref = (r: unknown) => {
    const x = r as Record<string, unknown> | undefined;
    return !!x && ['county', 'township', 'community', 'grid'].includes(x.level as string) && (x.level !== 'county' || typeof x.unitCode === 'string');
  };
  if (!ref(it.primary)) throw bad('primary');
  if (!Array.isArray(it.cooperating) || !it.cooperating.every(ref)) throw bad('cooperating');
}

/** The list change of the proposal, checked by the list's own rules against its latest version; null without one. */
export function listChangeOf(state: ResponsibilityListState, proposal: ListProposal | undefined, now: string): { upserts: readonly ResponsibilityListItem[]; removals: readonly string[] } | null {
  if (!proposal) return null;
  if (proposal.changeId !== undefined) {
    if (proposal.upserts?.length || proposal.removals?.length) throw invalid(ErrorCodes.WHAT_IF_LIST_AMBIGUOUS, 'list: give either changeId (a pending change) or upserts/removals, not both', { field: 'list' });
    const p = state.proposals.get(proposal.changeId);
    if (!p) throw new DomainError(ErrorCodes.WHAT_IF_NO_SUCH_CHANGE, `list.changeId: no change ${proposal.changeId} was proposed`, 'not-found', { field: 'list.changeId' });
    return { upserts: p.change.upserts, removals: p.change.removals };
  }
  (proposal.upserts ?? []).forEach(checkItemShape);
  // the list's own admission rules (known categories, townships and units; no two items for one scope)
  decideList({ type: 'ProposeChange', changeId: 'what-if', proposedBy: centreUnit().code, reason: 'what-if', upserts: proposal.upserts ?? [], removals: proposal.removals ?? [], now }, state);
  return { upserts: proposal.upserts ?? [], removals: proposal.removals ?? [] };
}

/** The proposal's policy source: the live policy of the case (with its fallback), then the overrides in order. */
export function policySourceOf(proposal: PolicyProposal | undefined): PolicySource | null {
  if (!proposal || (!proposal.limits?.length && !proposal.warnings)) return null;
  (proposal.limits ?? []).forEach((o, i) => {
    if (o.urgency !== undefined && !isUrgency(o.urgency)) throw invalid(ErrorCodes.WHAT_IF_INVALID_LIMIT, `deadlinePolicy.limits[${i}].urgency must be one of ${URGENCIES.join(', ')}`, { field: `deadlinePolicy.limits[${i}].urgency` });
    for (const k of ['signFor', 'firstContact', 'handling'] as const) if (o[k] !== undefined) checkAmount(o[k], `deadlinePolicy.limits[${i}].${k}`);
  });
  (proposal.warnings ?? []).forEach((w, i) => {
    if (!(typeof w.fraction === 'number' && w.fraction > 0 && w.fraction < 1)) throw invalid(ErrorCodes.WHAT_IF_INVALID_WARNING, `deadlinePolicy.warnings[${i}].fraction must be between 0 and 1`, { field: `deadlinePolicy.warnings[${i}].fraction` });
  });
  return (categoryCode, urgency) => {
    const base: DeadlinePolicy = policyOf({ categoryCode, urgency });
    let limits = { ...base.limits };
    for (const o of proposal.limits ?? []) {
      if ((o.categoryCode !== undefined && o.categoryCode !== categoryCode) || (o.urgency !== undefined && o.urgency !== urgency)) continue;
      limits = { ...limits, ...(o.signFor && { signFor: o.signFor }), ...(o.firstContact && { firstContact: o.firstContact }), ...(o.handling && { handling: o.handling }) };
    }
    return { ...base, limits, ...(proposal.warnings && { warnings: proposal.warnings }) };
  };
}

export function rankingOptionsOf(live: RankingOptions, proposal: Partial<RankingOptions> | undefined): RankingOptions {
  const o = { ...live, ...proposal };
  const w = o.weights;
  if (!w || [w.response, w.resolution, w.satisfaction].some((x) => typeof x !== 'number' || !(x >= 0)) || w.response + w.resolution + w.satisfaction === 0) {
    throw invalid(ErrorCodes.WHAT_IF_INVALID_WEIGHTS, 'ranking.weights: response, resolution and satisfaction >= 0, not all 0', { field: 'ranking.weights' });
  }
  if (!Number.isInteger(o.listSize) || o.listSize < 0) throw invalid(ErrorCodes.WHAT_IF_INVALID_LIST_SIZE, 'ranking.listSize must be a whole number >= 0', { field: 'ranking.listSize' });
  if (!(LIST_RULES as readonly string[]).includes(o.listRule)) throw invalid(ErrorCodes.WHAT_IF_INVALID_LIST_RULE, `ranking.listRule must be one of ${LIST_RULES.join(', ')}`, { field: 'ranking.listRule' });
  return { weights: { response: w.response, resolution: w.resolution, satisfaction: w.satisfaction }, listSize: o.listSize, listRule: o.listRule as ListRule };
}

// ---- the replay ----

const caseIdOf = (e: FactEvent & { subject?: string }) => {
  const d = (e.data ?? {}) as { caseId?: unknown };
  return typeof d.caseId === 'string' && d.caseId ? d.caseId : (e.subject ?? '');
};

const count = (keys: readonly string[]): Counted[] => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, n]) => ({ key, count: n })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
};

/** The first time a clock was done: first sign-for, first contact, first result submitted. */
function doneAt(facts: CaseFacts, clock: CaseClock): string | null {
  const list = clock === 'sign-for' ? facts.signedFor : clock === 'first-contact' ? facts.firstContacts : facts.resultsSubmitted;
  return list[0]?.at ?? null;
}

function listOf(report: RankingReport, unitCode: string): 'red' | 'black' | null {
  return report.ranking.redList.includes(unitCode) ? 'red' : report.ranking.blackList.includes(unitCode) ? 'black' : null;
}

export function whatIf(input: WhatIfInput): WhatIfReport {
  const calendar = input.calendar ?? defaultCalendar;
  const offset = input.utcOffsetMinutes * 60_000;
  const start = new Date(Date.parse(`${input.period.from}T00:00:00Z`) - offset).toISOString();
  const end = new Date(Date.parse(`${input.period.to}T00:00:00Z`) + 86_400_000 - offset).toISOString();
  const inPeriod = (at: string | null | undefined) => !!at && at >= start && at < end;

  let list: ResponsibilityListState = initialListState;
  for (const e of input.listEvents) list = evolveList(list, e as ResponsibilityListEvent);
  const change = listChangeOf(list, input.proposal.list, end);
  const source = policySourceOf(input.proposal.deadlinePolicy);
  const afterOptions = rankingOptionsOf(input.live, input.proposal.ranking);

  // the facts of every case, folded by the live code
  const byCase = new Map<string, CaseFacts>();
  for (const e of input.caseEvents) {
    const id = caseIdOf(e);
    if (!id) continue;
    byCase.set(id, evolveFacts(byCase.get(id) ?? emptyFacts(id), e));
  }
  const caseIds = [...byCase.keys()].sort();

  // routing
  const moved: MovedCase[] = [];
  let casesRouted = 0;
  if (change) {
    for (const id of caseIds) {
      const f = byCase.get(id) as CaseFacts;
      const r = f.received[0];
      if (!r?.categoryCode) continue;
      const at = f.dispatches[0]?.at ?? r.at;
      if (!inPeriod(at)) continue;
      casesRouted += 1;
      const version = versionAt(list, at);
      const proposed: ListVersion = { ...version, changeId: 'what-if', items: applyChange(version.items, { upserts: change.upserts, removals: change.removals.filter((x) => version.items.has(x)) }) };
      const place = placeOf({ gridCode: r.gridCode ?? undefined, communityCode: r.communityCode ?? undefined, townshipCode: r.townshipCode ?? undefined });
      const before = route(version, r.categoryCode, place);
      const after = route(proposed, r.categoryCode, place);
      const unit = (o: typeof before) => (o.kind === 'routed' ? o.primaryUnitCode : null);
      if (unit(before) === unit(after)) continue;
      moved.push({
        caseId: id,
        categoryCode: r.categoryCode,
        townshipCode: place.townshipCode ?? null,
        fromUnitCode: unit(before),
        toUnitCode: unit(after),
        fromItemId: before.kind === 'routed' ? before.item.id : null,
        toItemId: after.kind === 'routed' ? after.item.id : null,
      });
    }
  } else {
    for (const id of caseIds) {
      const f = byCase.get(id) as CaseFacts;
      if (f.received[0]?.categoryCode && inPeriod(f.dispatches[0]?.at ?? f.received[0].at)) casesRouted += 1;
    }
  }

  // deadlines
  const newlyOverdue: ClockChange[] = [];
  const noLongerOverdue: ClockChange[] = [];
  let clocksPlanned = 0;
  let movedDeadlines = 0;
  let earlier = 0;
  let later = 0;
  let overdueBefore = 0;
  let overdueAfter = 0;
  const afterFacts = new Map<string, CaseFacts>();
  for (const id of caseIds) {
    const f = byCase.get(id) as CaseFacts;
    const first = f.dispatches[0];
    if (!first || !inPeriod(first.at)) continue;
    const key = { categoryCode: f.received[0]?.categoryCode ?? first.categoryCode ?? undefined, urgency: f.received[0]?.urgency ?? first.urgency ?? undefined };
    let overdue = f.overdue;
    for (const clock of REPLAYED_CLOCKS) {
      const request = { kind: 'start' as const, clock, from: first.at, ...key };
      const before = planClock(request, calendar).deadline;
      const after = source ? planClock(request, calendar, source).deadline : before;
      clocksPlanned += 1;
      if (after !== before) {
        movedDeadlines += 1;
        if (after < before) earlier += 1;
        else later += 1;
      }
      const done = doneAt(f, clock);
      const judged = done ?? end;
      const wasOverdue = judged > before;
      const wouldBe = judged > after;
      if (wasOverdue) overdueBefore += 1;
      if (wouldBe) overdueAfter += 1;
      if (wasOverdue === wouldBe) continue;
      const unitCode = leadUnitAt(f, done ?? after);
      const entry: ClockChange = { caseId: id, clock, unitCode, deadlineBefore: before, deadlineAfter: after, doneAt: done };
      if (wouldBe) {
        newlyOverdue.push(entry);
        const item: ClockItem = { eventId: `what-if:${id}:${clock}`, at: after, clock, unitCode };
        overdue = [...overdue, item].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : 1));
      } else {
        noLongerOverdue.push(entry);
        overdue = overdue.filter((o) => o.clock !== clock);
      }
    }
    if (overdue !== f.overdue) afterFacts.set(id, { ...f, overdue });
  }

  // ranking before (as published) and after (proposed settings, proposed overdue)
  const inMonth = (day: string) => day >= input.period.from && day <= input.period.to;
  const rowsOf = (facts: (id: string) => CaseFacts) => caseIds.flatMap((id) => contributionsOf(facts(id), input.utcOffsetMinutes).filter((r) => inMonth(r.day)));
  const strata = new Map(caseIds.map((id) => [id, stratumOf(byCase.get(id) as CaseFacts)]));
  const include = input.include ?? (() => true);
  const before = rankingReport(rowsOf((id) => byCase.get(id) as CaseFacts), strata, include, input.live);
  const after = rankingReport(rowsOf((id) => afterFacts.get(id) ?? (byCase.get(id) as CaseFacts)), strata, include, afterOptions);
  const units = [...new Set([...before.ranking.units, ...after.ranking.units].map((u) => u.unitCode))].sort();
  const listChanges = units.map((unitCode) => ({ unitCode, before: listOf(before, unitCode), after: listOf(after, unitCode) })).filter((c) => c.before !== c.after);

  const cap = <T>(xs: T[]) => xs.slice(0, input.maxCaseIds);
  return {
    period: input.period,
    position: input.position,
    eventsRead: input.caseEvents.length + input.listEvents.length,
    casesRead: caseIds.length,
    proposal: input.proposal,
    routing: {
      casesRouted,
      moved: moved.length,
      byCategory: count(moved.map((m) => m.categoryCode)),
      byTownship: count(moved.map((m) => m.townshipCode ?? 'unknown')),
      byUnitPair: count(moved.map((m) => `${m.fromUnitCode ?? 'triage'} -> ${m.toUnitCode ?? 'triage'}`)),
      cases: cap(moved),
      casesTruncated: moved.length > input.maxCaseIds,
    },
    deadlines: {
      asOf: end,
      clocksPlanned,
      moved: movedDeadlines,
      earlier,
      later,
      overdueBefore,
      overdueAfter,
      newlyOverdue: cap(newlyOverdue),
      noLongerOverdue: cap(noLongerOverdue),
      newlyOverdueCount: newlyOverdue.length,
      noLongerOverdueCount: noLongerOverdue.length,
      casesTruncated: newlyOverdue.length > input.maxCaseIds || noLongerOverdue.length > input.maxCaseIds,
    },
    ranking: { before, after, listChanges },
  };
}

