import { TOPICS } from '@county/contracts';
import { defaultCalendar, workingTimeBetween } from '@county/reference';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { drainOutbox, type RunningSystem } from '../../../test/support/system';
import { client, OtherServices, startDispatchAlone, type CaseView } from './support';

let system: RunningSystem;
let others: OtherServices;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  system = await startDispatchAlone();
  others = await OtherServices.connect(system);
  api = client(system.url('dispatch'));
}, 120_000);

afterAll(async () => {
  await others?.stop();
  await system?.stop();
  // on a loaded machine this stop has taken more than 60 s (system.stop reports which part takes the time)
}, 150_000);

const caseView = (caseId: string, pred: (c: CaseView) => boolean = () => true) =>
  eventually(async () => {
    const r = await api.get<CaseView>(`/api/v1/cases/${caseId}`);
    return r.status === 200 && pred(r.body) ? r.body : undefined;
  }, 30_000);

const lastEvent = (c: CaseView) => c.timeline[c.timeline.length - 1].type;

async function dispatchedCase(): Promise<CaseView> {
  const caseId = await others.receive();
  return caseView(caseId, (c) => c.state.status === 'dispatched');
}

async function eventCount(caseId: string): Promise<number> {
  const { rows } = await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dispatch.events WHERE stream_id = $1', [caseId]);
  return rows[0].n;
}

const inQueue = (path: string, caseId: string) =>
  eventually(async () => (await api.get<{ caseId: string; version: number; pending: Record<string, Record<string, unknown>> }[]>(path)).body.find((r) => r.caseId === caseId));

describe('transfers (退单) through Kafka and the centre', () => {
  it("registers a unit's request, the centre approves it (re-dispatch, same clock) and rejects the next; it counts against the unit", async () => {
    const { caseId, state: first } = await dispatchedCase();
    await others.unit('case.transfer-requested.v1', caseId, { unitCode: 'QH-CG', reason: 'the road is a county road' });
    const queued = await inQueue('/api/v1/transfer-requests', caseId);
    expect(queued.pending.transfer).toMatchObject({ unitCode: 'QH-CG', reason: 'the road is a county road' });

    const approved = await api.post(`/api/v1/cases/${caseId}/transfer/approve`, { toUnitCode: 'QH-URBAN', reason: 'county road: urban management squad' });
    expect(approved).toMatchObject({ status: 200, body: { events: ['case.transfer-approved.v1', 'case.dispatched.v1'] } });
    const moved = await caseView(caseId);
    expect(moved.state).toMatchObject({ primaryUnitCode: 'QH-URBAN', transferCount: 1 });
    expect(moved.dispatches[1]).toMatchObject({ redispatch: true, basis: { kind: 'transfer' } });
    // the handling clock keeps running from the first dispatch; the new unit's transfer window runs from its own
    expect(moved.state.firstDispatchedAt).toBe(first.dispatchedAt);
    expect(moved.state.dispatchedAt).not.toBe(first.dispatchedAt);
    expect(moved.state.handlingDeadline).toBe(first.handlingDeadline);

    await others.unit('case.transfer-requested.v1', caseId, { unitCode: 'QH-URBAN', reason: 'parking is the street office' });
    await caseView(caseId, (c) => lastEvent(c) === 'case.transfer-request-registered.v1');
    const rejected = await api.post(`/api/v1/cases/${caseId}/transfer/reject`, { reason: 'item UM.ORDER.PARKING: enforce it' });
    expect(rejected).toMatchObject({ status: 200, body: { events: ['case.transfer-rejected.v1'] } });
    expect((await caseView(caseId)).state).toMatchObject({ primaryUnitCode: 'QH-URBAN' });
    expect((await api.post(`/api/v1/cases/${caseId}/transfer/reject`, { reason: 'again' })).body).toMatchObject({ code: 'CASE.NO_TRANSFER_REQUEST' });

    const counted = await eventually(async () => {
      const r = await api.get<{ requested: number; approved: number; rejected: number }>('/api/v1/units/QH-URBAN/transfers');
      return r.body.rejected === 1 ? r.body : undefined;
    });
    expect(counted).toEqual({ unitCode: 'QH-URBAN', requested: 1, approved: 0, rejected: 1 });
    expect((await api.get('/api/v1/units/QH-CG/transfers')).body).toMatchObject({ requested: 1, approved: 1 });
  });

  it("makes the centre's ruling final after two transfers, and refuses a late request", async () => {
    const { caseId } = await dispatchedCase();
    const route: [string, string][] = [
      ['QH-CG', 'QH-URBAN'],
      ['QH-URBAN', 'QH-POLICE'],
    ];
    for (const [from, to] of route) {
      await others.unit('case.transfer-requested.v1', caseId, { unitCode: from, reason: 'not ours' });
      await caseView(caseId, (c) => lastEvent(c) === 'case.transfer-request-registered.v1');
      expect((await api.post(`/api/v1/cases/${caseId}/transfer/approve`, { toUnitCode: to, reason: 'the centre rules' })).status).toBe(200);
    }
    const final = await caseView(caseId);
    expect(final.state).toMatchObject({ primaryUnitCode: 'QH-POLICE', final: true, transferCount: 2 });

    await others.unit('case.transfer-requested.v1', caseId, { unitCode: 'QH-POLICE', reason: 'not ours either' });
    const refused = await caseView(caseId, (c) => lastEvent(c) === 'case.transfer-rejected.v1');
    expect(refused.state).toMatchObject({ primaryUnitCode: 'QH-POLICE' });

    const late = await dispatchedCase();
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await others.unit('case.transfer-requested.v1', late.caseId, { unitCode: 'QH-CG', reason: 'too late' }, inAMonth);
    await caseView(late.caseId, (c) => lastEvent(c) === 'case.transfer-rejected.v1');
  });
});

describe('review (审核)', () => {
  it('puts a submitted result on the review queue; the centre sends it back with a reason, then approves the rework', async () => {
    const { caseId } = await dispatchedCase();
    await others.unit('case.result-submitted.v1', caseId, { unitCode: 'QH-CG', result: 'the cars are gone', evidenceUrls: ['https://evidence.example/1.jpg'] });
    const queued = await inQueue('/api/v1/reviews', caseId);
    expect(queued.pending.review).toMatchObject({ unitCode: 'QH-CG', result: 'the cars are gone', evidenceUrls: ['https://evidence.example/1.jpg'] });

    expect((await api.post(`/api/v1/cases/${caseId}/review/send-back`, {})).status).toBe(400);
    expect(await api.post(`/api/v1/cases/${caseId}/review/send-back`, { reason: 'no photo of the cleared lane' })).toMatchObject({ status: 200, body: { events: ['case.result-sent-back.v1'] } });
    expect((await api.post(`/api/v1/cases/${caseId}/review/approve`)).body).toMatchObject({ code: 'CASE.NO_RESULT_TO_REVIEW' });

    await others.unit('case.result-submitted.v1', caseId, { unitCode: 'QH-CG', result: 'cleared, photo attached', evidenceUrls: ['https://evidence.example/2.jpg'] });
    await caseView(caseId, (c) => lastEvent(c) === 'case.result-registered.v1');
    expect(await api.post(`/api/v1/cases/${caseId}/review/approve`)).toMatchObject({ status: 200, body: { events: ['case.result-approved.v1'] } });
    await eventually(async () => ((await api.get<{ caseId: string }[]>('/api/v1/reviews')).body.some((r) => r.caseId === caseId) ? undefined : true));
  });
});

describe('extensions (延期) and pauses', () => {
  it('registers an extension request; the centre refuses more than 10 working days, then approves 5 with the new deadline', async () => {
    const { caseId } = await dispatchedCase();
    await others.unit('case.extension-requested.v1', caseId, { unitCode: 'QH-CG', extraWorkingDays: 12, reason: 'the owner is abroad' });
    const queued = await inQueue('/api/v1/extension-requests', caseId);
    expect(queued.pending.extension).toMatchObject({ extraWorkingDays: 12 });
    const before = (await caseView(caseId)).state;

    expect((await api.post(`/api/v1/cases/${caseId}/extension/approve`, { extraWorkingDays: 11, reason: 'x' })).status).toBe(400);
    const approved = await api.post<{ events: string[] }>(`/api/v1/cases/${caseId}/extension/approve`, { extraWorkingDays: 5, reason: 'owner returns next week' });
    expect(approved).toMatchObject({ status: 200, body: { events: ['case.extension-approved.v1'] } });
    const after = (await caseView(caseId)).state;
    expect(after.extensionDays).toBe(5);
    expect(Date.parse(String(after.handlingDeadline))).toBeGreaterThan(Date.parse(String(before.handlingDeadline)));

    await others.unit('case.extension-requested.v1', caseId, { unitCode: 'QH-CG', extraWorkingDays: 6, reason: 'still abroad' });
    await caseView(caseId, (c) => lastEvent(c) === 'case.extension-request-registered.v1');
    expect(await api.post(`/api/v1/cases/${caseId}/extension/approve`, { extraWorkingDays: 6, reason: 'x' })).toMatchObject({ status: 422, body: { code: 'CASE.EXTENSION_TOO_LONG', maxExtraWorkingDays: 5 } });
    expect(await api.post(`/api/v1/cases/${caseId}/extension/reject`, { reason: 'enough time' })).toMatchObject({ status: 200, body: { events: ['case.extension-rejected.v1'] } });
  });

  it('pauses the clock when the centre approves a pause request, and resumes it on the unit\'s request', async () => {
    const { caseId } = await dispatchedCase();
    await others.unit('case.pause-requested.v1', caseId, { unitCode: 'QH-CG', reason: 'waiting for the resident to return' });
    await inQueue('/api/v1/pause-requests', caseId);
    expect(await api.post(`/api/v1/cases/${caseId}/pause/approve`)).toMatchObject({ status: 200, body: { events: ['case.clock-paused.v1'] } });
    expect((await caseView(caseId)).state).toMatchObject({ paused: { unitCode: 'QH-CG' } });
    await others.unit('case.resume-requested.v1', caseId, { unitCode: 'QH-CG' });
    const resumed = await caseView(caseId, (c) => lastEvent(c) === 'case.clock-resumed.v1');
    expect(resumed.state.paused).toBeUndefined();
    // the paused working time is decided once, by the calendar at the resume, and recorded in the event
    const stored = await system.db.pool.query<{ event_type: string; data: { pausedAt?: string; resumedAt?: string; pausedWorkingMinutes?: number } }>(
      `SELECT event_type, data FROM dispatch.events WHERE stream_id = $1 AND event_type IN ('case.clock-paused.v1', 'case.clock-resumed.v1') ORDER BY stream_version`,
      [caseId],
    );
    const [pausedEvent, resumedEvent] = stored.rows.map((r) => r.data);
    expect(resumedEvent.pausedWorkingMinutes).toBe(Math.max(0, workingTimeBetween(new Date(pausedEvent.pausedAt!), new Date(resumedEvent.resumedAt!), defaultCalendar, 'working-minutes')));
    expect(resumed.state.pausedWorkingMinutes).toBe(resumedEvent.pausedWorkingMinutes);
    expect((await api.post(`/api/v1/cases/${caseId}/resume`)).body).toMatchObject({ code: 'CASE.NOT_PAUSED' });
  });
});

describe('a dispatcher and a unit acting on the same case at the same moment', () => {
  it("answers the dispatcher who acted on a version the unit's request had already moved on from with a 409, writing nothing", async () => {
    const { caseId, version } = await dispatchedCase();
    const seen = await api.get<CaseView>(`/api/v1/cases/${caseId}`);
    expect(seen.etag).toBe(`"${version}"`);

    // the unit asks to return the case while the dispatcher is looking at version `version`
    await others.unit('case.transfer-requested.v1', caseId, { unitCode: 'QH-CG', reason: 'not ours' });
    await caseView(caseId, (c) => c.version === version + 1);

    const override = await api.post(`/api/v1/cases/${caseId}/dispatch`, { primaryUnitCode: 'QH-URBAN', reason: 'county road' }, { 'if-match': seen.etag ?? '' });
    expect(override).toMatchObject({ status: 409, body: { code: 'EVENT_STORE.VERSION_CONFLICT' } });
    expect(await eventCount(caseId)).toBe(version + 1);
    expect((await caseView(caseId)).state).toMatchObject({ primaryUnitCode: 'QH-CG', pending: { transfer: { unitCode: 'QH-CG' } } });
  });

  it('lets exactly one of simultaneous rulings win; the others get a clean 409 and nothing is half-written', async () => {
    const { caseId } = await dispatchedCase();
    await others.unit('case.result-submitted.v1', caseId, { unitCode: 'QH-CG', result: 'done', evidenceUrls: [] });
    const ready = await caseView(caseId, (c) => lastEvent(c) === 'case.result-registered.v1');

    const rulings = await Promise.all([
      api.post(`/api/v1/cases/${caseId}/review/approve`),
      api.post(`/api/v1/cases/${caseId}/review/send-back`, { reason: 'weak' }),
      api.post(`/api/v1/cases/${caseId}/review/approve`),
      api.post(`/api/v1/cases/${caseId}/review/send-back`, { reason: 'weak' }),
    ]);
    expect(rulings.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await eventCount(caseId)).toBe(ready.version + 1);
  });

  it("takes the unit's request and the dispatcher's override at the same moment cleanly: the loser is a 409 or is retried, never half-applied", async () => {
    const { caseId, version } = await dispatchedCase();
    const [override] = await Promise.all([
      api.post(`/api/v1/cases/${caseId}/dispatch`, { primaryUnitCode: 'QH-URBAN', reason: 'county road' }, { 'if-match': `"${version}"` }),
      others.unit('case.pause-requested.v1', caseId, { unitCode: 'QH-CG', reason: 'waiting for the resident' }),
    ]);
    expect([200, 409]).toContain(override.status);
    // the unit's event is always handled (a version conflict in the consumer is retried): registered for QH-CG, or refused because QH-URBAN leads by then
    const settled = await caseView(caseId, (c) => ['case.pause-request-registered.v1', 'case.pause-rejected.v1'].includes(lastEvent(c)));
    const types = settled.timeline.map((t) => t.type);
    expect(settled.timeline.map((t) => t.version)).toEqual(types.map((_, i) => i + 1));
    if (override.status === 200) {
      expect(types.filter((t) => t === 'case.dispatched.v1')).toHaveLength(2);
    } else {
      expect(override.body).toMatchObject({ code: 'EVENT_STORE.VERSION_CONFLICT' });
      expect(types).toEqual(['case.dispatched.v1', 'case.pause-request-registered.v1']);
    }
  });
});

describe('a reopened case (重办)', () => {
  it("records evaluation's reopen once, takes the unit's requests of the second round and reviews its second result again", async () => {
    const { caseId } = await dispatchedCase();
    await others.unit('case.result-submitted.v1', caseId, { unitCode: 'QH-CG', result: 'cleared', evidenceUrls: [] });
    await inQueue('/api/v1/reviews', caseId);
    expect((await api.post(`/api/v1/cases/${caseId}/review/approve`)).status).toBe(200);

    // approved and not reopened: the centre refuses a pause at once
    await others.unit('case.pause-requested.v1', caseId, { unitCode: 'QH-CG', reason: 'resident away' });
    await caseView(caseId, (c) => lastEvent(c) === 'case.pause-rejected.v1');

    // evaluation reopens it (delivered twice); the centre shows the reopen and a new handling deadline from it
    const reopened = await others.publish('evaluation', 'case.reopened.v1', caseId, { unitCode: 'QH-CG', reason: 'dissatisfied', redoCount: 1 });
    await others.publish('evaluation', 'case.reopened.v1', caseId, { unitCode: 'QH-CG', reason: 'dissatisfied', redoCount: 1 });
    const view = await caseView(caseId, (c) => c.reopen !== null);
    expect(view.reopen).toEqual({ unitCode: 'QH-CG', redoCount: 1, reason: 'dissatisfied', reopenedAt: reopened.time });
    expect(view.state).toMatchObject({ resultApproved: true, resolved: false });
    const { rows } = await system.db.pool.query('SELECT redo_count FROM dispatch.case_reopens WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([{ redo_count: 1 }]);

    // the second round: a transfer is refused, a pause is registered, the second result is reviewed again
    await others.unit('case.transfer-requested.v1', caseId, { unitCode: 'QH-CG', reason: 'not ours' });
    const refused = await caseView(caseId, (c) => lastEvent(c) === 'case.transfer-rejected.v1');
    expect(refused.timeline.filter((e) => e.type === 'case.transfer-request-registered.v1')).toHaveLength(0);
    await others.unit('case.pause-requested.v1', caseId, { unitCode: 'QH-CG', reason: 'resident away' });
    await caseView(caseId, (c) => lastEvent(c) === 'case.pause-request-registered.v1');
    expect((await api.post(`/api/v1/cases/${caseId}/pause/reject`, { reason: 'call the neighbours' })).status).toBe(200);
    await others.unit('case.result-submitted.v1', caseId, { unitCode: 'QH-CG', result: 'cleared again, bollards fitted', evidenceUrls: [] });
    const queued = await eventually(async () => {
      const r = await api.get<{ caseId: string; pending: { review?: { result: string } }; reopen: { redoCount: number } | null }[]>('/api/v1/reviews');
      return r.body.find((x) => x.caseId === caseId && x.pending.review?.result === 'cleared again, bollards fitted');
    });
    expect(queued.reopen).toMatchObject({ redoCount: 1 });
    expect(await api.post(`/api/v1/cases/${caseId}/review/approve`)).toMatchObject({ status: 200, body: { events: ['case.result-approved.v1'] } });
    expect((await caseView(caseId)).state).toMatchObject({ resultApproved: true, resolved: true, approvals: 2 });
  });
});

it('publishes every event of these flows, each valid against the AsyncAPI document', async () => {
  await drainOutbox(system, 'dispatch');
  const { rows } = await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dispatch.events');
  const outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.dispatch}`]);
  const seen = await outside.waitFor((m) => m.length >= rows[0].n);
  await outside.stop();
  for (const m of seen) expect(validateAgainstAsyncApi(m.value as { type: string })).toEqual({ valid: true, errors: [] });
  const types = new Set(seen.map((m) => (m.value as { type: string }).type));
  for (const t of ['case.transfer-approved.v1', 'case.transfer-rejected.v1', 'case.result-sent-back.v1', 'case.result-approved.v1', 'case.extension-approved.v1', 'case.clock-paused.v1', 'case.clock-resumed.v1']) {
    expect(types).toContain(t);
  }
}, 150_000);
