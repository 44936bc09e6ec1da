import { DomainError } from '@county/contracts';
import type { FactEvent } from '../src/domain/case-facts';
import { whatIf, type WhatIfInput } from '../src/domain/what-if';
import { periodOf } from '../src/domain/periods';

/** The replay over two hand-made cases; every expected number is worked out in the comments. */

let n = 0;
const ev = (caseId: string, type: string, time: string, data: Record<string, unknown>): FactEvent & { subject: string } => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  type,
  time,
  subject: caseId,
  data: { caseId, ...data },
});
// QH-CG-04-04 is a grid of the street office QH-CG (an urban street); parking goes to the township by the baseline list
const received = (caseId: string, at: string) => ev(caseId, 'case.received.v1', at, { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', appealType: 'complaint', receivedAt: at, location: { gridCode: 'QH-CG-04-04', townshipCode: 'QH-CG' } });
const dispatched = (caseId: string, at: string) => ev(caseId, 'case.dispatched.v1', at, { primaryUnitCode: 'QH-CG', cooperatingUnitCodes: [], categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', dispatchedAt: at });
const signed = (caseId: string, at: string) => ev(caseId, 'case.signed-for.v1', at, { unitCode: 'QH-CG', signedAt: at });

const events = [
  // C1: dispatched 01:30, signed 03:00 (1.5 h)
  received('C1', '2026-03-02T01:00:00.000Z'), dispatched('C1', '2026-03-02T01:30:00.000Z'), signed('C1', '2026-03-02T03:00:00.000Z'),
  // C2: dispatched 01:30, signed the next day 03:00 (25.5 h): overdue by 24 h
  received('C2', '2026-03-03T01:00:00.000Z'), dispatched('C2', '2026-03-03T01:30:00.000Z'), ev('C2', 'case.overdue.v1', '2026-03-04T01:30:00.000Z', { clock: 'sign-for', unitCode: 'QH-CG' }), signed('C2', '2026-03-04T03:00:00.000Z'),
];
const input = (proposal: WhatIfInput['proposal']): WhatIfInput => ({
  period: periodOf('month', '2026-03'),
  position: 42,
  listEvents: [],
  caseEvents: events,
  proposal,
  live: { weights: { response: 30, resolution: 35, satisfaction: 35 }, listSize: 1, listRule: 'rank' },
  utcOffsetMinutes: 480,
  maxCaseIds: 10,
});

describe('the what-if replay', () => {
  it('moves the cases a list change would send elsewhere', () => {
    const r = whatIf(input({ list: { upserts: [{ id: 'Q1', categoryCode: 'UM.ORDER.PARKING', scope: { kind: 'township', townshipCode: 'QH-CG' }, primary: { level: 'county', unitCode: 'QH-POLICE' }, cooperating: [] }] } }));
    expect(r.routing).toMatchObject({ casesRouted: 2, moved: 2, byUnitPair: [{ key: 'QH-CG -> QH-POLICE', count: 2 }] });
    expect(r.routing.cases.map((c) => [c.caseId, c.toItemId])).toEqual([['C1', 'Q1'], ['C2', 'Q1']]);
    expect(r.position).toBe(42);
  });

  it('judges every clock by the proposed limits and ranks with the proposed lateness', () => {
    // sign-for 2 hours: C1 (1.5 h) on time, C2 (25.5 h) still overdue; 30 hours: C2 on time
    const two = whatIf(input({ deadlinePolicy: { limits: [{ signFor: { value: 2, unit: 'hours' } }] } }));
    expect(two.deadlines).toMatchObject({ moved: 2, earlier: 2, later: 0, newlyOverdueCount: 0, noLongerOverdueCount: 0 });
    const thirty = whatIf(input({ deadlinePolicy: { limits: [{ categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', signFor: { value: 30, unit: 'hours' } }] } }));
    expect(thirty.deadlines.noLongerOverdue).toEqual([{ caseId: 'C2', clock: 'sign-for', unitCode: 'QH-CG', deadlineBefore: '2026-03-04T01:30:00.000Z', deadlineAfter: '2026-03-04T07:30:00.000Z', doneAt: '2026-03-04T03:00:00.000Z' }]);
    // response: before 1 of 2 (C2 late) = score 50; after 2 of 2 = 100
    expect(thirty.ranking.before.ranking.units[0]).toMatchObject({ unitCode: 'QH-CG', score: 50 });
    expect(thirty.ranking.after.ranking.units[0]).toMatchObject({ unitCode: 'QH-CG', score: 100 });
    // 1 hour: C1 (1.5 h) becomes overdue
    const one = whatIf(input({ deadlinePolicy: { limits: [{ signFor: { value: 1, unit: 'hours' } }] } }));
    expect(one.deadlines.newlyOverdue.map((c) => c.caseId)).toEqual(['C1']);
    expect(one.ranking.after.ranking.units[0].score).toBe(0);
  });

  it('gives the same report for the same events in any order, and changes nothing without a proposal', () => {
    const p = { ranking: { listSize: 2 } };
    expect(JSON.stringify(whatIf({ ...input(p), caseEvents: [...events].reverse() }))).toBe(JSON.stringify(whatIf(input(p))));
    const none = whatIf(input({}));
    expect(none.routing.moved).toBe(0);
    expect(none.deadlines.moved).toBe(0);
    expect(none.ranking.after).toEqual(none.ranking.before);
  });

  it('refuses a proposal that breaks the list rules or the limits, naming the field', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof DomainError ? [e.code, e.details?.field] : e;
      }
      return null;
    };
    expect(err(() => whatIf(input({ list: { upserts: [{ id: 'Q1', categoryCode: 'NO.SUCH', scope: { kind: 'county' }, primary: { level: 'county', unitCode: 'QH-POLICE' }, cooperating: [] }] } })))).toEqual(['LIST.UNKNOWN_CATEGORY', undefined]);
    expect(err(() => whatIf(input({ list: { changeId: 'nope' } })))).toEqual(['WHAT_IF.NO_SUCH_CHANGE', 'list.changeId']);
    expect(err(() => whatIf(input({ deadlinePolicy: { limits: [{ handling: { value: 1.5, unit: 'working-days' } }] } })))).toEqual(['WHAT_IF.INVALID_LIMIT', 'deadlinePolicy.limits[0].handling']);
    expect(err(() => whatIf(input({ ranking: { weights: { response: 0, resolution: 0, satisfaction: 0 } } })))).toEqual(['WHAT_IF.INVALID_WEIGHTS', 'ranking.weights']);
  });
});
