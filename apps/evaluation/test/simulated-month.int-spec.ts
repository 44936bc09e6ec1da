import type { Producer } from 'kafkajs';
import { TOPICS, type CloudEvent } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { deadlinePolicy, grids, townships } from '@county/reference';
import { BASELINE_ITEMS } from '@county/rules';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { FactsStore } from '../src/read-model/facts-store';
import { fixed, reportSection } from './support/month-report';
import { defined, startIsolatedEvaluation, type RunningEvaluation } from './support/evaluation-service';
import { Publisher, seeded } from './support/simulation';

/**
 * A month of simulated cases across the demo county, published as the other services would
 * publish them, return visits recorded over HTTP, and the ranking checked against numbers this
 * test computes on its own from what it simulated (not with evaluation's code). Then every read
 * model is rebuilt from the consumed events and must give the same numbers exactly.
 */

const TOKEN = 'test-callback-token';
const DEPARTMENTS = ['QH-URBAN', 'QH-MARKET', 'QH-HOUSING', 'QH-ECO'];
const CATEGORIES = ['UM.ORDER.VENDING', 'UM.ORDER.PARKING', 'UM.ORDER.ADS', 'UM.SANITATION.GARBAGE', 'UM.SANITATION.STREET', 'UM.FACILITY.WATERLOGGING'];
const SPIKE_CATEGORY = 'UM.ORDER.OUTDOOR-BBQ';

type Visit = 'satisfied' | 'basically' | 'unresolved' | 'dissatisfied' | 'unreachable';

interface SimCase {
  readonly caseId: string;
  readonly day: number; // day of March (county time)
  readonly lead: string;
  /** The unit the case was first dispatched to, when it asked to return it and the centre transferred it to `lead`. */
  readonly transferredFrom: string | null;
  readonly repeatAppeal: boolean;
  readonly townshipCode: string;
  readonly communityCode: string;
  readonly gridCode: string;
  readonly categoryCode: string;
  readonly lateSign: boolean;
  readonly lateContact: boolean;
  readonly lateHandling: boolean;
  readonly approved: boolean;
  readonly firstVisit: Visit;
  readonly secondVisit: 'satisfied' | 'dissatisfied';
  readonly whistle: { readonly department: string; readonly answered: 'on-time' | 'late'; readonly rating: number } | null;
}

/** Case ids are UUIDs, as intake makes them (the services refuse any other id in a path): a = the month's cases, b = the spike, c = February's. */
const simulatedCaseId = (series: 'a' | 'b' | 'c', i: number) => `00000000-0000-4000-8000-${series}${String(i).padStart(11, '0')}`;
const at = (day: number, hourUtc: number, minute = 0) => new Date(Date.UTC(2026, 2, day, hourUtc, minute)).toISOString();

let system: RunningEvaluation;
let producer: Producer;
let publisher: Publisher;
const cases: SimCase[] = [];

async function post(path: string, body: unknown, token = TOKEN): Promise<Response> {
  return fetch(`${system.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-callback-token': token }, body: JSON.stringify(body) });
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${system.url}${path}`);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function consumedFromOthers(): Promise<number> {
  const r = await system.db.pool.query(`SELECT count(*)::int AS n FROM evaluation.consumed_events WHERE source <> 'evaluation'`);
  return r.rows[0].n as number;
}

async function waitUntilConsumed(): Promise<void> {
  await eventually(async () => ((await consumedFromOthers()) === publisher.published.length ? true : undefined), 60_000, 100);
}

function simulate(): SimCase[] {
  const rnd = seeded(20260301);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const all = grids();
  const out: SimCase[] = [];
  const visitOf = (): Visit => {
    const r = rnd();
    return r < 0.06 ? 'unreachable' : r < 0.62 ? 'satisfied' : r < 0.74 ? 'basically' : r < 0.87 ? 'unresolved' : 'dissatisfied';
  };
  for (let i = 0; i < 150; i++) {
    const grid = pick(all);
    const toDepartment = rnd() < 0.25;
    const transferred = !toDepartment && rnd() < 0.1;
    const lead = toDepartment ? pick(DEPARTMENTS) : grid.townshipCode;
    out.push({
      caseId: simulatedCaseId('a', i),
      day: 2 + Math.floor(rnd() * 24),
      lead,
      transferredFrom: transferred ? pick(townships().map((t) => t.code).filter((t) => t !== lead)) : null,
      repeatAppeal: rnd() < 0.1,
      townshipCode: grid.townshipCode,
      communityCode: grid.communityCode,
      gridCode: grid.code,
      categoryCode: pick(CATEGORIES),
      lateSign: rnd() < 0.12,
      lateContact: rnd() < 0.06,
      lateHandling: rnd() < 0.1,
      approved: rnd() < 0.9,
      firstVisit: visitOf(),
      secondVisit: rnd() < 0.5 ? 'satisfied' : 'dissatisfied',
      whistle: !toDepartment && rnd() < 0.2 ? { department: pick(DEPARTMENTS), answered: rnd() < 0.7 ? 'on-time' : 'late', rating: 1 + Math.floor(rnd() * 5) } : null,
    });
  }
  // a spike: six outdoor barbecue complaints in one grid in March, one in the months before
  const spikeGrid = all[0];
  for (let i = 0; i < 6; i++) {
    out.push({
      caseId: simulatedCaseId('b', i),
      day: 10 + i,
      lead: spikeGrid.townshipCode,
      transferredFrom: null,
      repeatAppeal: false,
      townshipCode: spikeGrid.townshipCode,
      communityCode: spikeGrid.communityCode,
      gridCode: spikeGrid.code,
      categoryCode: SPIKE_CATEGORY,
      lateSign: false,
      lateContact: false,
      lateHandling: false,
      approved: false,
      firstVisit: 'satisfied',
      secondVisit: 'satisfied',
      whistle: null,
    });
  }
  return out;
}

function eventsOf(c: SimCase): CloudEvent[] {
  const p = publisher;
  const ev: CloudEvent[] = [];
  ev.push(
    p.event('intake', 'case.received.v1', c.caseId, at(c.day, 1), {
      channel: 'hotline',
      channelReference: `HL-${c.caseId}`,
      appealType: 'complaint',
      categoryCode: c.categoryCode,
      urgency: 'normal',
      description: 'simulated appeal',
      location: { resolved: true, townshipCode: c.townshipCode, communityCode: c.communityCode, gridCode: c.gridCode },
      resident: { anonymous: true },
      receivedAt: at(c.day, 1),
      attachments: [],
    }),
  );
  const dispatch = (unit: string, time: string, redispatch: boolean) =>
    p.event('dispatch', 'case.dispatched.v1', c.caseId, time, {
      primaryUnitCode: unit,
      cooperatingUnitCodes: [],
      categoryCode: c.categoryCode,
      urgency: 'normal',
      townshipCode: c.townshipCode,
      basis: { kind: redispatch ? 'transfer' : 'list', explanation: 'simulated routing' },
      dispatchedAt: time,
      ...(redispatch && { redispatch: true }),
    });
  if (c.transferredFrom) {
    ev.push(
      dispatch(c.transferredFrom, at(c.day, 1, 10), false),
      p.event('handling', 'case.transfer-requested.v1', c.caseId, at(c.day, 1, 20), { unitCode: c.transferredFrom, reason: 'not our territory' }),
      p.event('dispatch', 'case.transfer-approved.v1', c.caseId, at(c.day, 1, 30), { fromUnitCode: c.transferredFrom, reason: 'the place is in another township', transferCount: 1 }),
    );
  }
  ev.push(dispatch(c.lead, at(c.day, 1, 30), c.transferredFrom !== null));
  if (c.repeatAppeal) ev.push(p.event('intake', 'case.repeat-appeal-recorded.v1', c.caseId, at(c.day, 2), { channel: 'hotline', channelReference: `HL-${c.caseId}-R1`, receivedAt: at(c.day, 2), repeatCount: 1 }));
  if (c.lateSign) ev.push(p.event('case-worker', 'case.overdue.v1', c.caseId, at(c.day + 1, 1, 30), { clock: 'sign-for', unitCode: c.lead, deadline: at(c.day + 1, 1, 30) }));
  ev.push(p.event('handling', 'case.signed-for.v1', c.caseId, at(c.day + (c.lateSign ? 1 : 0), 3), { unitCode: c.lead, signedAt: at(c.day + (c.lateSign ? 1 : 0), 3) }));
  if (c.lateContact) ev.push(p.event('case-worker', 'case.overdue.v1', c.caseId, at(c.day + 1, 4), { clock: 'first-contact', unitCode: c.lead, deadline: at(c.day + 1, 4) }));
  if (c.whistle) {
    const w = c.whistle;
    const whistleId = `${c.caseId}-W1`;
    ev.push(p.event('handling', 'whistle.blown.v1', c.caseId, at(c.day, 5), { whistleId, callerUnitCode: c.lead, calledDepartmentCodes: [w.department], reason: 'needs enforcement', needs: 'on-site', urgency: 'normal' }));
    if (w.answered === 'late') ev.push(p.event('case-worker', 'whistle.answer-overdue.v1', c.caseId, at(c.day, 6), { whistleId, departmentCode: w.department, deadline: at(c.day, 6) }));
    ev.push(p.event('handling', 'whistle.answered.v1', c.caseId, at(c.day, w.answered === 'late' ? 7 : 5, 20), { whistleId, departmentCode: w.department }));
    ev.push(p.event('handling', 'whistle.answer-rated.v1', c.caseId, at(c.day + 1, 8), { whistleId, departmentCode: w.department, rating: w.rating, comment: 'simulated' }));
  }
  if (c.lateHandling) ev.push(p.event('case-worker', 'case.overdue.v1', c.caseId, at(c.day + 2, 1), { clock: 'handling', unitCode: c.lead, deadline: at(c.day + 2, 1) }));
  if (c.approved) {
    ev.push(p.event('handling', 'case.result-submitted.v1', c.caseId, at(c.day + 2, 1), { unitCode: c.lead, result: 'done', evidenceUrls: [] }));
    ev.push(p.event('dispatch', 'case.result-approved.v1', c.caseId, at(c.day + 2, 2), { unitCode: c.lead, reviewedAt: at(c.day + 2, 2) }));
  }
  return ev;
}

// ---- the expected numbers, computed from the simulation alone ----
const reopens = (c: SimCase) => c.approved && (c.firstVisit === 'unresolved' || c.firstVisit === 'dissatisfied');
function finalVisit(c: SimCase): { resolved: boolean; satisfied: boolean } | null {
  if (!c.approved || c.firstVisit === 'unreachable') return null;
  if (reopens(c)) return c.secondVisit === 'satisfied' ? { resolved: true, satisfied: true } : { resolved: false, satisfied: false };
  return { resolved: true, satisfied: true };
}

function expectedScores(unitCodes: readonly string[]): { unitCode: string; score: number | null; volume: number }[] {
  return unitCodes.map((unitCode) => {
    const mine = cases.filter((c) => c.lead === unitCode);
    const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : null);
    const response = rate(mine.map((c) => !c.lateSign && !c.lateContact));
    const visits = mine.map(finalVisit).filter((v): v is { resolved: boolean; satisfied: boolean } => v !== null);
    const resolution = rate(visits.map((v) => v.resolved));
    const satisfaction = rate(visits.map((v) => v.satisfied));
    const parts = [
      [30, response],
      [35, resolution],
      [35, satisfaction],
    ].filter(([, r]) => r !== null) as [number, number][];
    const weight = parts.reduce((s, [w]) => s + w, 0);
    return { unitCode, score: weight ? (100 * parts.reduce((s, [w, r]) => s + w * r, 0)) / weight : null, volume: mine.length + cases.filter((c) => c.transferredFrom === unitCode).length };
  });
}

// ---- the fair figures, computed from the simulation alone (every case: urgency normal, a complaint; stratum = category) ----
const Z = 1.959964;
function wilsonOf(x: number, n: number): [number, number] {
  const p = x / n;
  const c = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const h = (Z / (1 + (Z * Z) / n)) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return [x === 0 ? 0 : c - h, x === n ? 1 : c + h];
}
type Rate = 'response' | 'resolution' | 'satisfaction';
/** The cases of a rate with their unit and hit: response per lead, resolution and satisfaction per reached resident. */
function rateRows(rate: Rate): { unit: string; category: string; hit: boolean }[] {
  return cases.flatMap((c) => {
    if (rate === 'response') return [{ unit: c.lead, category: c.categoryCode, hit: !c.lateSign && !c.lateContact }];
    const v = finalVisit(c);
    return v ? [{ unit: c.lead, category: c.categoryCode, hit: rate === 'resolution' ? v.resolved : v.satisfied }] : [];
  });
}
function expectedFair(unitCodes: readonly string[]) {
  const W: Record<Rate, number> = { response: 30, resolution: 35, satisfaction: 35 };
  const perUnit = unitCodes.map((unitCode) => {
    const parts = (['response', 'resolution', 'satisfaction'] as Rate[]).flatMap((rate) => {
      const all = rateRows(rate);
      const mine = all.filter((r) => r.unit === unitCode);
      if (!mine.length) return [];
      const pOf = (cat: string) => all.filter((r) => r.category === cat && r.hit).length / all.filter((r) => r.category === cat).length;
      const P = all.filter((r) => r.hit).length / all.length;
      const O = mine.filter((r) => r.hit).length;
      const E = mine.reduce((s, r) => s + pOf(r.category), 0);
      const k = (mine.length * P) / E;
      const [lo, hi] = wilsonOf(O, mine.length);
      return [{ w: W[rate], ratio: O / E, adjusted: Math.min(1, (O / E) * P), low: Math.min(1, lo * k), high: Math.min(1, hi * k) }];
    });
    const weight = parts.reduce((s, x) => s + x.w, 0);
    const score = (pick: (x: (typeof parts)[number]) => number) => (weight ? (100 * parts.reduce((s, x) => s + x.w * pick(x), 0)) / weight : null);
    return { unitCode, adjustedScore: score((x) => x.adjusted), low: score((x) => x.low), high: score((x) => x.high) };
  });
  const ranked = perUnit.filter((u) => u.adjustedScore !== null).sort((a, b) => (b.adjustedScore ?? 0) - (a.adjustedScore ?? 0) || (a.unitCode < b.unitCode ? -1 : 1));
  const scores = ranked.map((u) => u.adjustedScore ?? 0).sort((a, b) => a - b);
  const median = scores.length % 2 ? scores[(scores.length - 1) / 2] : (scores[scores.length / 2 - 1] + scores[scores.length / 2]) / 2;
  const red = ranked.filter((u) => (u.low ?? 0) > median).slice(0, 3).map((u) => u.unitCode);
  const black = [...ranked].reverse().filter((u) => (u.high ?? 100) < median && !red.includes(u.unitCode)).slice(0, 3).map((u) => u.unitCode);
  return { perUnit, ranked, median, red, black };
}

beforeAll(async () => {
  system = await startIsolatedEvaluation({ EVALUATION_CALLBACK_TOKEN: TOKEN });
  producer = testKafka().producer();
  await producer.connect();
  publisher = new Publisher(producer, system.topicPrefix);
  cases.push(...simulate());
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await system?.stop();
});

describe('a simulated month across the demo county', () => {
  let snapshot: { facts: unknown[]; rows: unknown[]; ranking: unknown; kpis: unknown; hot: unknown };

  it('consumes every service’s events and calls every resident back', async () => {
    // February: one barbecue case in the spike grid (the baseline)
    const feb = { ...defined(cases.find((c) => c.caseId === simulatedCaseId('b', 0))), caseId: simulatedCaseId('c', 0), approved: false };
    const febEvents = eventsOf(feb).map((e) => ({ ...e, time: e.time.replace('2026-03-', '2026-02-'), data: JSON.parse(JSON.stringify(e.data).replace(/2026-03-/g, '2026-02-')) as unknown }));
    await publisher.publish(febEvents);
    await waitUntilConsumed();
    await publisher.publish(cases.flatMap(eventsOf), { redeliver: true });
    await waitUntilConsumed();

    const queue = await (await fetch(`${system.url}/api/v1/return-visits`, { headers: { 'x-callback-token': TOKEN } })).json();
    expect((queue as { cases: { caseId: string }[] }).cases.map((c) => c.caseId).sort()).toEqual(cases.filter((c) => c.approved).map((c) => c.caseId).sort());

    for (const c of cases.filter((x) => x.approved)) {
      const visitedAt = at(c.day + 3, 2);
      if (c.firstVisit === 'unreachable') {
        for (let attempt = 1; attempt <= 3; attempt++) {
          const res = await post(`/api/v1/return-visits/${c.caseId}/failed-attempts`, { reason: 'no-answer', attemptedAt: visitedAt });
          expect(res.status).toBe(200);
        }
        continue;
      }
      const body =
        c.firstVisit === 'satisfied' ? { resolved: true, satisfaction: 'satisfied' } :
        c.firstVisit === 'basically' ? { resolved: true, satisfaction: 'basically-satisfied' } :
        c.firstVisit === 'unresolved' ? { resolved: false, satisfaction: 'basically-satisfied' } :
        { resolved: true, satisfaction: 'dissatisfied' };
      const res = await post(`/api/v1/return-visits/${c.caseId}`, { ...body, visitedAt, comment: 'called back' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe(reopens(c) ? 'reopened' : 'closed');
    }

    // the redo: the same unit handles the case again, the centre approves, the resident is called again
    const redone = cases.filter(reopens);
    expect(redone.length).toBeGreaterThan(5);
    await publisher.publish(redone.flatMap((c) => [
      publisher.event('handling', 'case.result-submitted.v1', c.caseId, at(c.day + 4, 1), { unitCode: c.lead, result: 'done again', evidenceUrls: [] }),
      publisher.event('dispatch', 'case.result-approved.v1', c.caseId, at(c.day + 4, 2), { unitCode: c.lead, reviewedAt: at(c.day + 4, 2) }),
    ]));
    await waitUntilConsumed();
    for (const c of redone) {
      const body = c.secondVisit === 'satisfied' ? { resolved: true, satisfaction: 'satisfied' } : { resolved: false, satisfaction: 'dissatisfied' };
      const res = await post(`/api/v1/return-visits/${c.caseId}`, { ...body, visitedAt: at(c.day + 5, 2) });
      expect(res.status).toBe(200);
      expect((await res.json()) as object).toMatchObject({ status: 'closed', outcome: c.secondVisit === 'satisfied' ? 'resolved' : 'unresolved' });
    }
    // a closed case refuses another visit, and the refusal writes nothing
    const before = await system.db.pool.query('SELECT count(*)::int AS n FROM evaluation.events');
    const again = await post(`/api/v1/return-visits/${redone[0].caseId}`, { resolved: true, satisfaction: 'satisfied' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('CASE.ALREADY_CLOSED');
    expect((await system.db.pool.query('SELECT count(*)::int AS n FROM evaluation.events')).rows[0].n).toBe(before.rows[0].n);
  }, 300_000);

  it('ranks the townships by three-rate score exactly as computed from the simulation', async () => {
    const townshipCodes = townships().map((t) => t.code).filter((code) => cases.some((c) => c.lead === code || c.transferredFrom === code));
    const expected = expectedScores(townshipCodes).sort((a, b) => Math.round((b.score ?? -1) * 1e9) - Math.round((a.score ?? -1) * 1e9) || (a.unitCode < b.unitCode ? -1 : 1));
    const got = await get<{ ranking: { units: { unitCode: string; rank: number; score: number; volume: number }[]; redList: string[]; blackList: string[] } }>('/api/v1/rankings?month=2026-03&unitKind=township');
    expect(got.ranking.units.map((u) => u.unitCode)).toEqual(expected.map((e) => e.unitCode));
    got.ranking.units.forEach((u, i) => {
      if (expected[i].score === null) expect(u.score).toBeNull();
      else expect(u.score).toBeCloseTo(defined(expected[i].score), 9);
      expect(u.volume).toBe(expected[i].volume);
    });
    const ranked = expected.filter((e) => e.score !== null);
    expect(ranked.length).toBeGreaterThan(6);
  });

  it('puts the case-mix adjusted figures beside the raw ones and lists only where the interval clears the median', async () => {
    const townshipCodes = townships().map((t) => t.code).filter((code) => cases.some((c) => c.lead === code || c.transferredFrom === code));
    const fair = expectedFair(townshipCodes);
    const got = await get<{ listRule: string; method: { interval: string }; ranking: { units: { unitCode: string; score: number | null; fair: { adjustedScore: number | null; adjustedRank: number | null; adjustedScoreInterval: { low: number; high: number } | null } }[]; redList: string[]; blackList: string[]; countyMedianScore: number; listed: { unitCode: string; reason: string }[] } }>('/api/v1/rankings?month=2026-03&unitKind=township');
    expect(got).toMatchObject({ listRule: 'evidence', method: { interval: 'wilson-95' } });
    for (const e of fair.perUnit) {
      const u = defined(got.ranking.units.find((x) => x.unitCode === e.unitCode), e.unitCode);
      if (e.adjustedScore === null) expect(u.fair.adjustedScore).toBeNull();
      else {
        expect(u.fair.adjustedScore).toBeCloseTo(e.adjustedScore, 9);
        expect(u.fair.adjustedScoreInterval?.low).toBeCloseTo(defined(e.low), 9);
        expect(u.fair.adjustedScoreInterval?.high).toBeCloseTo(defined(e.high), 9);
      }
    }
    // the adjustment changes something: the adjusted order is not the raw order
    expect(fair.ranked.map((u) => u.unitCode)).not.toEqual(got.ranking.units.filter((u) => u.score !== null).map((u) => u.unitCode));
    expect(got.ranking.countyMedianScore).toBeCloseTo(fair.median, 9);
    expect(got.ranking.redList).toEqual(fair.red);
    expect(got.ranking.blackList).toEqual(fair.black);
    // a month of 150 cases over 12 townships is too few to black-list most units by rank alone
    expect(fair.black.length).toBeLessThan(3);
    for (const code of [...fair.red, ...fair.black]) expect(got.ranking.listed.find((l) => l.unitCode === code)?.reason).toMatch(/lies wholly (above|below) the county median/);

    const full = got as unknown as { ranking: { units: { unitCode: string; rank: number | null; score: number | null; volume: number; fair: { adjustedScore: number | null; adjustedRank: number | null; adjustedScoreInterval: { low: number; high: number } | null; scoreInterval: { low: number; high: number } | null } }[]; listed: { unitCode: string; list: string; reason: string }[]; notListed: { unitCode: string; reason: string }[] } };
    const range = (i: { low: number; high: number } | null) => (i ? `${fixed(i.low)}–${fixed(i.high)}` : '—');
    reportSection('Fair ranking of the townships: adjusted beside raw', [
      `County median (adjusted score): ${fixed(got.ranking.countyMedianScore)}. Red list: ${got.ranking.redList.join(', ') || 'none'}. Black list: ${got.ranking.blackList.join(', ') || 'none'}.`,
      '',
      '| unit | cases | raw rank | raw score | raw 95 % | adjusted rank | adjusted score | adjusted 95 % |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...full.ranking.units.map((u) => `| ${u.unitCode} | ${u.volume} | ${u.rank ?? '—'} | ${fixed(u.score)} | ${range(u.fair.scoreInterval)} | ${u.fair.adjustedRank ?? '—'} | ${fixed(u.fair.adjustedScore)} | ${range(u.fair.adjustedScoreInterval)} |`),
      '',
      ...full.ranking.listed.map((l) => `- listed ${l.list}: ${l.unitCode}: ${l.reason}`),
      ...full.ranking.notListed.map((l) => `- not listed: ${l.unitCode}: ${l.reason}`),
    ]);
  });

  it('explains each figure by the cases behind it', async () => {
    const unit = defined(cases.find((c) => c.firstVisit === 'dissatisfied' && c.approved)).lead;
    const drill = await get<{ figure: { numerator: number; denominator: number }; rows: { caseId: string; hit: boolean }[] }>(`/api/v1/kpis/${unit}/cases?metric=satisfaction&period=month&date=2026-03`);
    const mine = cases.filter((c) => c.lead === unit && finalVisit(c) !== null);
    expect(drill.rows.map((r) => r.caseId).sort()).toEqual(mine.map((c) => c.caseId).sort());
    expect(drill.rows.filter((r) => r.hit).map((r) => r.caseId).sort()).toEqual(mine.filter((c) => finalVisit(c)?.satisfied).map((c) => c.caseId).sort());
    expect(drill.figure).toMatchObject({ denominator: mine.length, numerator: mine.filter((c) => finalVisit(c)?.satisfied).length });

    const kpis = await get<{ units: { unitCode: string; figures: Record<string, { value: number | null; numerator: number; denominator: number }> }[] }>('/api/v1/kpis?period=month&date=2026-03');
    for (const dept of DEPARTMENTS) {
      const f = kpis.units.find((u) => u.unitCode === dept)?.figures;
      const called = cases.filter((c) => c.whistle?.department === dept);
      const led = cases.filter((c) => c.lead === dept);
      expect(f?.volume.value ?? 0).toBe(led.length);
      expect(f?.['whistle-answer-on-time'].denominator ?? 0).toBe(called.length);
      expect(f?.['whistle-answer-on-time'].numerator ?? 0).toBe(called.filter((c) => c.whistle?.answered === 'on-time').length);
      if (called.length) expect(f?.['township-rating'].value).toBeCloseTo(called.reduce((s, c) => s + (c.whistle?.rating ?? 0), 0) / called.length, 9);
      expect(f?.overdue.value ?? 0).toBe(led.filter((c) => c.lateSign || c.lateContact || c.lateHandling).length);
      expect(f?.redo.numerator ?? 0).toBe(led.filter(reopens).length);
    }
    for (const t of townships().map((x) => x.code)) {
      const f = kpis.units.find((u) => u.unitCode === t)?.figures;
      expect(f?.['transfers-asked'].value ?? 0).toBe(cases.filter((c) => c.transferredFrom === t).length);
      expect(f?.['repeat-appeals'].value ?? 0).toBe(cases.filter((c) => c.repeatAppeal && c.lead === t).length);
      expect(f?.['sign-for-on-time'].denominator ?? 0).toBe(cases.filter((c) => c.lead === t).length);
    }
    // one day: the volume of a day is the cases dispatched that day (county time)
    const day = cases[0].day;
    const daily = await get<{ units: { unitCode: string; figures: { volume: { value: number } } }[] }>(`/api/v1/kpis?period=day&date=2026-03-${String(day).padStart(2, '0')}`);
    expect(daily.units.reduce((s, u) => s + u.figures.volume.value, 0)).toBe(cases.filter((c) => c.day === day).reduce((n, c) => n + (c.transferredFrom ? 2 : 1), 0));
  });

  it('exports CSV on Accept: text/csv or ?format=csv', async () => {
    const res = await fetch(`${system.url}/api/v1/rankings?month=2026-03&unitKind=township`, { headers: { accept: 'text/csv' } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('rank,unitCode,score,responseRate,resolutionRate,satisfactionRate,volume,list,scoreLow,scoreHigh,adjustedRank,adjustedScore,adjustedScoreLow,adjustedScoreHigh,responseRatio,resolutionRatio,satisfactionRatio,listReason');
    expect(lines).toHaveLength(1 + new Set(cases.flatMap((c) => [c.lead, c.transferredFrom ?? c.lead]).filter((u) => !DEPARTMENTS.includes(u))).size);
    const kpis = await fetch(`${system.url}/api/v1/kpis?period=month&date=2026-03&format=csv`);
    expect((await kpis.text()).split('\r\n')[0]).toMatch(/^unitCode,unitKind,threeRateScore,volume.value/);
  });

  it('counts hot issues by category and place against the month before and detects the spike', async () => {
    const spikeGrid = defined(cases.find((c) => c.caseId === simulatedCaseId('b', 0))).gridCode;
    const hot = await get<{ rows: { categoryCode: string; placeCode: string; count: number; previousCount: number; delta: number; caseIds: string[] }[] }>('/api/v1/hot-issues/monthly?month=2026-03&placeKind=grid');
    expect(hot.rows.find((r) => r.categoryCode === SPIKE_CATEGORY && r.placeCode === spikeGrid)).toMatchObject({ count: 6, previousCount: 1, delta: 5 });
    const total = hot.rows.reduce((s, r) => s + r.count, 0);
    expect(total).toBe(cases.length);
    const rolling = await get<{ rows: { count: number }[] }>('/api/v1/hot-issues/rolling?endDay=2026-03-31&days=31&placeKind=township');
    expect(rolling.rows.reduce((s, r) => s + r.count, 0)).toBe(cases.length);

    const outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.evaluation}`]);
    const seen = await outside.waitFor((m) => m.some((x) => (x.value as CloudEvent).type === 'hotspot.detected.v1' && (x.value as CloudEvent).subject === `hotspot-${SPIKE_CATEGORY}-${spikeGrid}-2026-03`), 60_000);
    const spike = seen.map((m) => m.value as CloudEvent).find((e) => e.subject === `hotspot-${SPIKE_CATEGORY}-${spikeGrid}-2026-03`);
    expect(spike?.data).toMatchObject({ count: 5, baseline: 1 / 3, placeKind: 'grid', period: '2026-03' });
    expect(validateAgainstAsyncApi(defined(spike))).toEqual({ valid: true, errors: [] });
    const listed = await get<{ hotspots: { placeCode: string; categoryCode: string }[] }>('/api/v1/hotspots?month=2026-03');
    expect(listed.hotspots).toEqual(expect.arrayContaining([expect.objectContaining({ categoryCode: SPIKE_CATEGORY, placeCode: spikeGrid })]));
    // every case.facts.v1 and every other evaluation event on Kafka validates against the AsyncAPI document
    const facts = await outside.waitFor((m) => m.filter((x) => (x.value as CloudEvent).type === 'case.facts.v1').length === cases.filter((c) => c.approved).length, 60_000);
    await outside.stop();
    for (const m of facts) expect(validateAgainstAsyncApi(m.value as CloudEvent)).toEqual({ valid: true, errors: [] });
    const oneFacts = facts.map((m) => m.value as CloudEvent<string, { caseId: string; redoCount: number; outcome: string; units: { finalUnitCode: string } }>).find((e) => e.type === 'case.facts.v1' && e.data.redoCount === 1);
    const simulated = defined(cases.find((c) => c.caseId === oneFacts?.data.caseId));
    expect(oneFacts?.data).toMatchObject({ outcome: simulated.secondVisit === 'satisfied' ? 'resolved' : 'unresolved', units: { finalUnitCode: simulated.lead } });
    expect(JSON.stringify(facts.map((m) => m.value))).not.toMatch(/called back/);
  }, 120_000);

  it('replays the month through a changed list, deadline policy and ranking settings, to the numbers the test computes on its own', async () => {
    const PARKING = 'UM.ORDER.PARKING';
    const ADS = 'UM.ORDER.ADS';
    // the live rule the test relies on: a normal complaint is signed for within 24 natural hours
    expect(deadlinePolicy(PARKING, 'normal')?.limits.signFor).toEqual({ value: 24, unit: 'hours' });
    expect(deadlinePolicy(ADS, 'normal')?.limits.signFor).toEqual({ value: 24, unit: 'hours' });
    // a township with parking cases and no item of its own for parking
    const own = new Set(BASELINE_ITEMS.filter((i) => i.categoryCode === PARKING && i.scope.kind === 'township').map((i) => (i.scope as { townshipCode: string }).townshipCode));
    const counts = new Map<string, number>();
    for (const c of cases) if (c.categoryCode === PARKING && !own.has(c.townshipCode)) counts.set(c.townshipCode, (counts.get(c.townshipCode) ?? 0) + 1);
    const X = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const body = {
      month: '2026-03',
      unitKind: 'township',
      list: { upserts: [{ id: 'WHAT-IF-PARKING', categoryCode: PARKING, scope: { kind: 'township', townshipCode: X }, primary: { level: 'county', unitCode: 'QH-MARKET' }, cooperating: [] }] },
      deadlinePolicy: { limits: [{ categoryCode: PARKING, urgency: 'normal', signFor: { value: 1, unit: 'hours' } }, { categoryCode: ADS, signFor: { value: 48, unit: 'hours' } }] },
      ranking: { weights: { response: 50, resolution: 25, satisfaction: 25 }, listSize: 2, listRule: 'rank' },
    };
    const count = async () => (await system.db.pool.query(`SELECT (SELECT count(*) FROM evaluation.events)::int AS e, (SELECT count(*) FROM evaluation.consumed_events)::int AS c, (SELECT md5(string_agg(facts::text, '' ORDER BY case_id)) FROM evaluation.case_facts) AS f`)).rows[0];
    const live = await count();
    const ask = async (b: unknown) => fetch(`${system.url}/api/v1/what-if`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
    const res = await ask(body);
    expect(res.status).toBe(200);
    type Change = { caseId: string; clock: string; unitCode: string };
    const report = (await res.json()) as {
      position: number;
      casesRead: number;
      routing: { casesRouted: number; moved: number; byCategory: { key: string; count: number }[]; byTownship: { key: string; count: number }[]; cases: { caseId: string; fromUnitCode: string; toUnitCode: string }[] };
      deadlines: { moved: number; earlier: number; later: number; newlyOverdue: Change[]; noLongerOverdue: Change[] };
      ranking: { before: { ranking: unknown }; after: { listRule: string; ranking: { units: { unitCode: string; score: number | null }[]; redList: string[]; blackList: string[] } }; listChanges: { unitCode: string; before: string | null; after: string | null }[] };
    };

    // routing: every parking case of X, and only those, would go to QH-MARKET instead of X
    const moved = cases.filter((c) => c.categoryCode === PARKING && c.townshipCode === X);
    expect(moved.length).toBeGreaterThan(0);
    expect(report.routing.casesRouted).toBe(cases.length);
    expect(report.routing.moved).toBe(moved.length);
    expect(report.routing.cases.map((m) => m.caseId)).toEqual(moved.map((c) => c.caseId).sort());
    expect(report.routing.cases.every((m) => m.fromUnitCode === X && m.toUnitCode === 'QH-MARKET')).toBe(true);
    expect(report.routing.byCategory).toEqual([{ key: PARKING, count: moved.length }]);
    expect(report.routing.byTownship).toEqual([{ key: X, count: moved.length }]);

    // deadlines: sign-for from the first dispatch; parking 1 hour (signed 1.5 h or more after: overdue), ads 48 hours (late ones, 25.5 h: on time)
    const parking = cases.filter((c) => c.categoryCode === PARKING);
    const ads = cases.filter((c) => c.categoryCode === ADS);
    expect(report.deadlines).toMatchObject({ moved: parking.length + ads.length, earlier: parking.length, later: ads.length });
    expect(report.deadlines.newlyOverdue.map((x) => [x.caseId, x.clock, x.unitCode])).toEqual(parking.filter((c) => !c.lateSign).map((c) => [c.caseId, 'sign-for', c.lead]).sort());
    expect(report.deadlines.noLongerOverdue.map((x) => [x.caseId, x.clock, x.unitCode])).toEqual(ads.filter((c) => c.lateSign).map((c) => [c.caseId, 'sign-for', c.lead]).sort());

    // ranking: before is the published one; after uses the proposed weights and lists, and the proposed lateness
    const published = await get<{ ranking: unknown }>('/api/v1/rankings?month=2026-03&unitKind=township');
    expect(report.ranking.before.ranking).toEqual(published.ranking);
    const lateAfter = (c: SimCase) => (c.categoryCode === PARKING ? true : c.categoryCode === ADS ? false : c.lateSign);
    const townshipCodes = townships().map((t) => t.code).filter((code) => cases.some((c) => c.lead === code || c.transferredFrom === code));
    const after = townshipCodes
      .map((unitCode) => {
        const mine = cases.filter((c) => c.lead === unitCode);
        const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : null);
        const visits = mine.map(finalVisit).filter((v): v is { resolved: boolean; satisfied: boolean } => v !== null);
        const parts = ([[50, rate(mine.map((c) => !lateAfter(c) && !c.lateContact))], [25, rate(visits.map((v) => v.resolved))], [25, rate(visits.map((v) => v.satisfied))]] as [number, number | null][]).filter(
          (p): p is [number, number] => p[1] !== null,
        );
        const weight = parts.reduce((s, [w]) => s + w, 0);
        return { unitCode, score: weight ? (100 * parts.reduce((s, [w, r]) => s + w * r, 0)) / weight : null };
      })
      .sort((a, b) => Math.round((b.score ?? -1) * 1e9) - Math.round((a.score ?? -1) * 1e9) || (a.unitCode < b.unitCode ? -1 : 1));
    expect(report.ranking.after.listRule).toBe('rank');
    expect(report.ranking.after.ranking.units.map((u) => u.unitCode)).toEqual(after.map((u) => u.unitCode));
    report.ranking.after.ranking.units.forEach((u, i) => (after[i].score === null ? expect(u.score).toBeNull() : expect(u.score).toBeCloseTo(defined(after[i].score), 9)));
    const ranked = after.filter((u) => u.score !== null).map((u) => u.unitCode);
    const red = ranked.slice(0, 2);
    const black = [...ranked].reverse().slice(0, 2);
    expect(report.ranking.after.ranking.redList).toEqual(red);
    expect(report.ranking.after.ranking.blackList).toEqual(black);
    const beforeLists = published as unknown as { ranking: { redList: string[]; blackList: string[] } };
    const listOf = (code: string, r: string[], b: string[]) => (r.includes(code) ? 'red' : b.includes(code) ? 'black' : null);
    const expectedChanges = townshipCodes
      .sort()
      .map((unitCode) => ({ unitCode, before: listOf(unitCode, beforeLists.ranking.redList, beforeLists.ranking.blackList), after: listOf(unitCode, red, black) }))
      .filter((x) => x.before !== x.after);
    expect(expectedChanges.length).toBeGreaterThan(0);
    expect(report.ranking.listChanges).toEqual(expectedChanges);

    const full = report as typeof report & { eventsRead: number; deadlines: { clocksPlanned: number; newlyOverdueCount: number; noLongerOverdueCount: number } };
    reportSection('What-if: the month replayed through a proposal', [
      `Proposal: parking in ${X} goes to QH-MARKET; sign-for 1 h for parking (normal) and 48 h for ads; weights 50/25/25; 2 units a list, by rank.`,
      `Read up to position ${report.position}: ${full.eventsRead} events, ${report.casesRead} cases.`,
      `Cases that would move (${report.routing.moved}): ${report.routing.cases.map((m) => `${m.caseId} (${m.fromUnitCode} -> ${m.toUnitCode})`).join(', ')}.`,
      `Deadlines: ${report.deadlines.moved} of ${full.deadlines.clocksPlanned} move, ${report.deadlines.earlier} earlier and ${report.deadlines.later} later; ${full.deadlines.newlyOverdueCount} become overdue, ${full.deadlines.noLongerOverdueCount} no longer are (${report.deadlines.noLongerOverdue.map((x) => x.caseId).join(', ') || 'none'}).`,
      `Units that change list: ${report.ranking.listChanges.map((c) => `${c.unitCode} ${c.before ?? 'none'} -> ${c.after ?? 'none'}`).join(', ')}.`,
    ]);

    // deterministic at the position it names, and nothing live was touched
    const again = await ask({ ...body, position: report.position });
    expect(await again.json()).toEqual(report);
    expect(await count()).toEqual(live);
  }, 120_000);

  it('refuses a bad what-if question, naming each bad field', async () => {
    const ask = async (b: unknown) => fetch(`${system.url}/api/v1/what-if`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
    const bad = await ask({ month: '2026-3', ranking: { listSize: -1, weights: { response: 'x' } }, deadlinePolicy: { limits: [{ signFor: { value: 1, unit: 'fortnights' } }] }, extra: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(
      ['deadlinePolicy.limits.0.signFor.unit', 'extra', 'month', 'ranking.listSize', 'ranking.weights.resolution', 'ranking.weights.response', 'ranking.weights.satisfaction'].sort(),
    );
    const unknown = await ask({ month: '2026-03', list: { upserts: [{ id: 'X1', categoryCode: 'NO.SUCH', scope: { kind: 'county' }, primary: { level: 'county', unitCode: 'QH-MARKET' }, cooperating: [] }] } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { code: string }).code).toBe('LIST.UNKNOWN_CATEGORY');
    const shapeless = await ask({ month: '2026-03', list: { upserts: [{ id: 'X1', categoryCode: 'UM.ORDER.ADS' }] } });
    expect(shapeless.status).toBe(422);
    expect((await shapeless.json()) as object).toMatchObject({ code: 'WHAT_IF.INVALID_ITEM', field: 'list.upserts[0].scope' });
    const ahead = await ask({ month: '2026-03', position: 10_000_000 });
    expect(ahead.status).toBe(422);
    expect((await ahead.json()) as object).toMatchObject({ code: 'WHAT_IF.POSITION_AHEAD', field: 'position' });
  });

  it('rebuilds every read model from the consumed events to the same numbers, exactly', async () => {
    const take = async () => ({
      facts: (await system.db.pool.query('SELECT * FROM evaluation.case_facts ORDER BY case_id')).rows,
      rows: (await system.db.pool.query('SELECT * FROM evaluation.kpi_contributions ORDER BY case_id, item, unit_code, metric')).rows,
      ranking: await get('/api/v1/rankings?month=2026-03'),
      kpis: await get('/api/v1/kpis?period=month&date=2026-03'),
      hot: await get('/api/v1/hot-issues/monthly?month=2026-03&placeKind=community'),
    });
    snapshot = await take();
    expect(snapshot.rows.length).toBeGreaterThan(cases.length);
    // damage the read models, so that a rebuild that does nothing cannot pass
    await system.db.pool.query(`DELETE FROM evaluation.kpi_contributions WHERE metric = 'satisfaction'`);
    await system.db.pool.query(`UPDATE evaluation.case_facts SET stage = 'open'`);
    expect(await take()).not.toEqual(snapshot);

    const replayed = await system.app.get(FactsStore).rebuild();
    expect(replayed).toBeGreaterThanOrEqual(publisher.published.length);
    expect(await take()).toEqual(snapshot);
  }, 120_000);
});

describe('the callback staff API', () => {
  it('needs the shared secret, validates every field and writes nothing when it refuses', async () => {
    const c = defined(cases.find((x) => !x.approved));
    const before = await system.db.pool.query('SELECT count(*)::int AS n FROM evaluation.events');
    expect((await post(`/api/v1/return-visits/${c.caseId}`, { resolved: true, satisfaction: 'satisfied' }, 'wrong')).status).toBe(401);
    expect((await fetch(`${system.url}/api/v1/return-visits`)).status).toBe(401);
    const bad = await post(`/api/v1/return-visits/${c.caseId}`, { resolved: 'yes', satisfaction: 'happy', extra: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['extra', 'resolved', 'satisfaction']);
    const notDue = await post(`/api/v1/return-visits/${c.caseId}`, { resolved: true, satisfaction: 'satisfied' });
    expect(notDue.status).toBe(409);
    expect(((await notDue.json()) as { code: string }).code).toBe('CASE.NOT_DUE_FOR_RETURN_VISIT');
    expect((await post('/api/v1/return-visits/NO-SUCH-CASE', { resolved: true, satisfaction: 'satisfied' })).status).toBe(400);
    expect((await system.db.pool.query('SELECT count(*)::int AS n FROM evaluation.events')).rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a period that does not exist, naming why', async () => {
    const res = await fetch(`${system.url}/api/v1/kpis?period=day&date=2026-02-30`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('PERIOD.INVALID');
    const unknown = await fetch(`${system.url}/api/v1/kpis?period=week&date=2026-03`);
    expect(((await unknown.json()) as { code: string; errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['period']);
  });

  it('documents every endpoint and the shared-secret header in its OpenAPI document', async () => {
    const docs = await get<{ components: { securitySchemes: Record<string, unknown> }; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; security?: unknown }>> }>('/docs-json');
    for (const path of ['/api/v1/return-visits', '/api/v1/return-visits/{caseId}', '/api/v1/return-visits/{caseId}/failed-attempts', '/api/v1/kpis', '/api/v1/kpis/{unitCode}/cases', '/api/v1/rankings', '/api/v1/hot-issues/monthly', '/api/v1/hot-issues/rolling', '/api/v1/hotspots', '/api/v1/what-if']) {
      expect(docs.paths[path]).toBeDefined();
    }
    // the shared secret is a security scheme (not a parameter), required by each return-visit endpoint
    expect(docs.components.securitySchemes['callback-token']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Callback-Token' }));
    expect(docs.paths['/api/v1/return-visits/{caseId}'].post.security).toEqual([{ 'callback-token': [] }]);
  });
});
