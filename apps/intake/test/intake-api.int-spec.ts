import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type CloudEvent } from '@county/contracts';
import { eventually, testKafka } from '@county/testing';
import { createApiKey, revokeApiKey } from '../src/auth/api-keys';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { KEYS, appeal, call, writtenRows, type Json } from './support';

let system: RunningSystem;
let base: string;
let producer: Producer;

beforeAll(async () => {
  system = await startSystem(['intake']);
  base = system.url('intake');
  producer = testKafka().producer();
  await producer.connect();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await system?.stop();
});

/** Publishes an event as another service would (dispatch's routing, case-worker's deadline, evaluation's closing). */
async function publishAs(source: 'dispatch' | 'case-worker' | 'evaluation', type: string, caseId: string, data: Record<string, unknown>): Promise<void> {
  const event: CloudEvent = {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject: caseId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { caseId, ...data },
    sequence: 1,
    correlationid: randomUUID(),
    causationid: randomUUID(),
  };
  await producer.send({ topic: `${system.topicPrefix}${TOPICS[source]}`, messages: [{ key: caseId, value: JSON.stringify(event) }] });
}

async function post(body: unknown, key: string | undefined = KEYS.hotline, headers: Record<string, string> = {}) {
  return call<Json>(base, 'POST', '/api/v1/cases', { key, body, headers });
}

async function events(caseId: string): Promise<string[]> {
  const r = await system.db.pool.query('SELECT event_type FROM intake.events WHERE stream_id = $1 ORDER BY stream_version', [caseId]);
  return r.rows.map((x: { event_type: string }) => x.event_type);
}

describe('who may call', () => {
  it('refuses a request without a key (401), with an unknown key or a revoked key (403), and stores nothing', async () => {
    const before = await writtenRows(system.db.pool);
    expect((await call(base, 'POST', '/api/v1/cases', { body: appeal() })).status).toBe(401);
    const bad = await post(appeal(), 'not-a-key');
    expect(bad.status).toBe(403);
    expect(bad.body.code).toBe('AUTH.KEY_INVALID');
    const { secret, key } = await createApiKey(system.db.pool, { label: 'to revoke', channel: 'hotline', role: 'channel' }, { defaultRatePerMinute: 600, defaultBurst: 10 });
    expect(await revokeApiKey(system.db.pool, key.keyId)).toBe(true);
    const revoked = await post(appeal(), secret);
    expect(revoked.status).toBe(403);
    expect(revoked.body.code).toBe('AUTH.KEY_REVOKED');
    // a key files cases for its own channel only
    const other = await post(appeal({ channel: 'app' }));
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('AUTH.WRONG_CHANNEL');
    expect(await writtenRows(system.db.pool)).toEqual(before);
    // keys are stored hashed
    const stored = await system.db.pool.query('SELECT key_hash FROM intake.api_keys');
    expect(JSON.stringify(stored.rows)).not.toContain(secret);
  });

  it('answers 429 with Retry-After once a key is over its rate, and stores nothing for the refused request', async () => {
    const { secret } = await createApiKey(system.db.pool, { label: 'slow', channel: 'hotline', role: 'channel', ratePerMinute: 2, burst: 2 }, { defaultRatePerMinute: 2, defaultBurst: 2 });
    const anonymous = { resident: { anonymous: true } };
    expect((await post(appeal(anonymous), secret)).status).toBe(201);
    expect((await post(appeal(anonymous), secret)).status).toBe(201);
    const before = await writtenRows(system.db.pool);
    const limited = await post(appeal(anonymous), secret);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await writtenRows(system.db.pool)).toEqual(before);
    // another key is not affected
    expect((await post(appeal(anonymous))).status).toBe(201);
  });

  it('answers 429 with Retry-After at once when the process works on as many requests as it takes, never a 5xx or a time-out', async () => {
    const { startIntake } = await import('../src/main');
    const busy = await startIntake({ ...system.env, INTAKE_MAX_IN_FLIGHT: '1' });
    try {
      const url = `http://127.0.0.1:${(busy.getHttpServer().address() as { port: number }).port}/api/v1/cases`;
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': KEYS.hotline },
            body: JSON.stringify(appeal({ resident: { name: '王五', phone: `1370000${String(i).padStart(4, '0')}` } })),
            signal: AbortSignal.timeout(30_000),
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
      expect(statuses).toContain(201);
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.headers.get('retry-after')).toBe('1');
        expect(await r.json()).toMatchObject({ code: 'INTAKE.BUSY' });
      }
    } finally {
      await busy.close();
    }
  });
});

describe('receiving a case', () => {
  it('creates a case located from an address, reads it back with its unit, deadline and public timeline', async () => {
    const created = await post(appeal({ resident: { name: '李四', phone: '13900000001' } }), KEYS.hotline, { 'x-correlation-id': 'corr-intake-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ outcome: 'created', status: 'received', location: { resolved: true, gridCode: 'QH-BT-01-02', townshipCode: 'QH-BT' } });
    const caseId = created.body.caseId as string;
    expect(await events(caseId)).toEqual(['case.received.v1']);

    const read = await call<Json>(base, 'GET', `/api/v1/cases/${caseId}`, { key: KEYS.hotline });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ caseId, status: 'received', categoryCode: 'UM.ORDER.PARKING', location: { resolved: true, communityCode: 'QH-BT-01' } });

    // dispatch's case.dispatched.v1 names the responsible unit; case-worker's deadline-set (handling clock) the deadline
    await publishAs('dispatch', 'case.dispatched.v1', caseId, {
      primaryUnitCode: 'QH-BT',
      cooperatingUnitCodes: [],
      categoryCode: 'UM.ORDER.PARKING',
      urgency: 'normal',
      basis: { kind: 'list', explanation: 'township matter' },
      dispatchedAt: '2026-03-02T01:20:00.000Z',
    });
    const dispatched = await eventually(async () => {
      const r = await call<Json>(base, 'GET', `/api/v1/cases/${caseId}`, { key: KEYS.hotline });
      return r.body.responsibleUnit ? r.body : undefined;
    }, 60_000, 200);
    expect(dispatched.status).toBe('in-progress');
    expect(dispatched.responsibleUnit).toEqual({ code: 'QH-BT', name: '白塔镇' });
    await publishAs('case-worker', 'case.deadline-set.v1', caseId, { clock: 'sign-for', deadline: '2026-03-03T09:15:00.000Z' });
    await publishAs('case-worker', 'case.deadline-set.v1', caseId, { clock: 'handling', unitCode: dispatched.responsibleUnit.code, deadline: '2026-03-09T09:30:00.000Z' });
    const withDeadline = await eventually(async () => {
      const r = await call<Json>(base, 'GET', `/api/v1/cases/${caseId}`, { key: KEYS.hotline });
      return r.body.deadline ? r.body : undefined;
    }, 60_000, 200);
    expect(withDeadline.deadline).toBe('2026-03-09T09:30:00.000Z');
    expect(withDeadline.timeline.map((s: { step: string }) => s.step)).toEqual(['received', 'dispatched', 'deadline-set']);
  });

  it('locates by grid code and by coordinates; accepts what cannot be located, marked for the centre triage', async () => {
    const byGrid = await post(appeal({ location: { gridCode: 'QH-LL-01-S1' }, resident: { anonymous: true } }));
    expect(byGrid.body.location).toEqual({ resolved: true, gridCode: 'QH-LL-01-S1', communityCode: 'QH-LL-01', townshipCode: 'QH-LL' });
    const byPoint = await post(appeal({ location: { latitude: 36.75, longitude: 115.205 }, resident: { anonymous: true } }));
    expect(byPoint.body.location).toMatchObject({ resolved: true, gridCode: 'QH-LL-01-S1' });
    const nowhere = await post(appeal({ location: { address: '人民路 12 号' }, resident: { anonymous: true } }));
    expect(nowhere.status).toBe(201);
    expect(nowhere.body.location).toEqual({ resolved: false });
    const stored = await system.db.pool.query(`SELECT data->'location' AS l FROM intake.events WHERE stream_id = $1`, [nowhere.body.caseId]);
    expect(stored.rows[0].l).toEqual({ address: '人民路 12 号', resolved: false });
  });

  it('refuses a category that is not a leaf of the catalogue with a 400 naming categoryCode, and stores nothing', async () => {
    const before = await writtenRows(system.db.pool);
    for (const categoryCode of ['URB-ORDER-PARKING', 'UM.ORDER']) {
      const res = await post(appeal({ categoryCode }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'categoryCode', messages: [expect.stringMatching(/leaf category/)] }]);
    }
    expect(await writtenRows(system.db.pool)).toEqual(before);
  });

  it('answers bad bodies with a 400 naming each bad field, and stores nothing', async () => {
    const before = await writtenRows(system.db.pool);
    const res = await post({ ...appeal(), urgency: 'whenever', description: 'x'.repeat(2001), attachments: Array(11).fill('https://a.example/x.jpg'), location: { latitude: 91 }, extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['attachments', 'description', 'extra', 'location.latitude', 'urgency']);
    const tooBig = await post(JSON.stringify({ ...appeal(), description: 'x'.repeat(200_000) }));
    expect(tooBig.status).toBe(413);
    const malformed = await post('{"channel": ');
    expect(malformed.status).toBe(400);
    expect(await writtenRows(system.db.pool)).toEqual(before);
  });
});

describe('idempotency', () => {
  it('answers the first answer again for the same Idempotency-Key and body, 409 for another body', async () => {
    const body = appeal({ resident: { anonymous: true } });
    const key = `idem-${randomUUID()}`;
    const first = await post(body, KEYS.hotline, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const again = await post(body, KEYS.hotline, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const before = await writtenRows(system.db.pool);
    const changed = await post({ ...body, description: '另一件事' }, KEYS.hotline, { 'idempotency-key': key });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await writtenRows(system.db.pool)).toEqual(before);
    expect(await events(first.body.caseId)).toEqual(['case.received.v1']);
  });

  it("treats the channel's own reference as a natural dedupe key, also under concurrency", async () => {
    const body = appeal({ resident: { anonymous: true } });
    const answers = await Promise.all([post(body), post(body), post(body)]);
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const n = await system.db.pool.query(`SELECT count(*)::int AS n FROM intake.events WHERE data->>'channelReference' = $1`, [body.channelReference]);
    expect(n.rows[0].n).toBe(1);
    const other = await post({ ...body, description: '同一编号的另一件事' });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'CASE.DUPLICATE_REFERENCE', caseId: answers[0].body.caseId });
  });
});

describe('repeat appeals', () => {
  it('records the same resident, matter and grid on the open case and tells the caller its id', async () => {
    const resident = { name: '王五', phone: '13700000002' };
    const first = await post(appeal({ resident, location: { gridCode: 'QH-BT-01-03' } }));
    expect(first.status).toBe(201);
    const second = await post(appeal({ resident, channel: 'app', location: { address: '白塔村三组' } }), KEYS.app);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ outcome: 'repeat-appeal', caseId: first.body.caseId, repeatCount: 1 });
    const third = await post(appeal({ resident, location: { gridCode: 'QH-BT-01-03' } }));
    expect(third.body).toMatchObject({ outcome: 'repeat-appeal', caseId: first.body.caseId, repeatCount: 2 });
    expect(await events(first.body.caseId)).toEqual(['case.received.v1', 'case.repeat-appeal-recorded.v1', 'case.repeat-appeal-recorded.v1']);
    const read = await call<Json>(base, 'GET', `/api/v1/cases/${first.body.caseId}`, { key: KEYS.hotline });
    expect(read.body.repeatCount).toBe(2);
    expect(read.body.timeline.filter((s: { step: string }) => s.step === 'repeat-appeal-recorded')).toHaveLength(2);

    // another matter, another place or another person is a new case
    expect((await post(appeal({ resident, categoryCode: 'UM.ORDER.VENDING', location: { gridCode: 'QH-BT-01-03' } }))).status).toBe(201);
    expect((await post(appeal({ resident, location: { gridCode: 'QH-BT-01-04' } }))).status).toBe(201);
    expect((await post(appeal({ resident: { phone: '13700000003' }, location: { gridCode: 'QH-BT-01-03' } }))).status).toBe(201);

    // once the earlier case is closed, the same appeal is a new case
    await publishAs('evaluation', 'case.closed.v1', first.body.caseId, { outcome: 'resolved' });
    await eventually(async () => ((await call<Json>(base, 'GET', `/api/v1/cases/${first.body.caseId}`, { key: KEYS.hotline })).body.status === 'closed' ? true : undefined), 60_000, 200);
    expect((await post(appeal({ resident, location: { gridCode: 'QH-BT-01-03' } }))).status).toBe(201);
  });

  it('takes two points within the configured distance (100 m) as the same place', async () => {
    const resident = { phone: '13700000004' };
    const first = await post(appeal({ resident, location: { latitude: 36.7, longitude: 115.25 } }));
    const near = await post(appeal({ resident, location: { latitude: 36.7005, longitude: 115.2502 } })); // about 58 m
    expect(near.body).toMatchObject({ outcome: 'repeat-appeal', caseId: first.body.caseId });
    const far = await post(appeal({ resident, location: { latitude: 36.71, longitude: 115.25 } })); // about 1.1 km
    expect(far.status).toBe(201);
  });
});

describe('merge and undo by centre staff', () => {
  it('merges a case into another, refuses channel keys, and undoes the merge; both leave events', async () => {
    const a = (await post(appeal({ resident: { anonymous: true } }))).body.caseId as string;
    const b = (await post(appeal({ resident: { anonymous: true } }))).body.caseId as string;
    const byChannel = await call(base, 'POST', `/api/v1/cases/${a}/merge`, { key: KEYS.hotline, body: { intoCaseId: b, reason: '重复' } });
    expect(byChannel.status).toBe(403);
    const unknown = await call(base, 'POST', `/api/v1/cases/${a}/merge`, { key: KEYS.centre, body: { intoCaseId: randomUUID(), reason: '重复' } });
    expect(unknown.status).toBe(404);
    const itself = await call(base, 'POST', `/api/v1/cases/${a}/merge`, { key: KEYS.centre, body: { intoCaseId: a, reason: '重复' } });
    expect(itself.status).toBe(422);
    expect(await events(a)).toEqual(['case.received.v1']);

    const merged = await call(base, 'POST', `/api/v1/cases/${a}/merge`, { key: KEYS.centre, body: { intoCaseId: b, reason: '同一事项' } });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ caseId: a, mergedInto: b });
    expect((await call<Json>(base, 'GET', `/api/v1/cases/${a}`, { key: KEYS.hotline })).body).toMatchObject({ status: 'merged', mergedInto: b });
    expect((await call(base, 'POST', `/api/v1/cases/${a}/merge`, { key: KEYS.centre, body: { intoCaseId: b, reason: 'again' } })).status).toBe(409);
    expect((await call(base, 'POST', `/api/v1/cases/${b}/merge`, { key: KEYS.centre, body: { intoCaseId: a, reason: 'into a merged case' } })).status).toBe(409);

    const undone = await call(base, 'POST', `/api/v1/cases/${a}/merge/undo`, { key: KEYS.centre, body: { reason: '误合并' } });
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ caseId: a, mergedInto: null });
    expect((await call(base, 'POST', `/api/v1/cases/${a}/merge/undo`, { key: KEYS.centre, body: { reason: 'again' } })).status).toBe(409);
    expect(await events(a)).toEqual(['case.received.v1', 'case.merged.v1', 'case.merge-undone.v1']);
    const view = (await call<Json>(base, 'GET', `/api/v1/cases/${a}`, { key: KEYS.hotline })).body;
    expect(view.status).not.toBe('merged');
    expect(view.timeline.map((s: { step: string }) => s.step)).toEqual(expect.arrayContaining(['merged', 'merge-undone']));
  });
});

describe('listing cases', () => {
  it('filters by channel, category, township, status and dates, and pages with a cursor', async () => {
    const ref = randomUUID().slice(0, 8);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await post(appeal({ channel: 'grid-worker', channelReference: `GW-${ref}-${i}`, categoryCode: 'UM.SANITATION.GARBAGE', location: { gridCode: 'QH-LL-01-01' }, resident: { anonymous: true }, receivedAt: `2026-04-0${i + 1}T08:00:00+08:00` }), KEYS.gridWorker);
      expect(r.status).toBe(201);
      ids.push(r.body.caseId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const q = `/api/v1/cases?channel=grid-worker&categoryCode=UM.SANITATION.GARBAGE&townshipCode=QH-LL&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await call<{ items: { caseId: string }[]; nextCursor?: string }>(base, 'GET', q, { key: KEYS.centre });
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((x) => x.caseId));
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());
    const dated = await call<{ items: { caseId: string }[] }>(base, 'GET', '/api/v1/cases?channel=grid-worker&receivedFrom=2026-04-02T00:00:00Z&receivedTo=2026-04-03T23:59:59Z', { key: KEYS.centre });
    expect(dated.body.items.map((x) => x.caseId).sort()).toEqual([ids[1], ids[2]].sort());
    const closed = await call<{ items: unknown[] }>(base, 'GET', '/api/v1/cases?channel=grid-worker&status=closed', { key: KEYS.centre });
    expect(closed.body.items).toEqual([]);
    const bad = await call<{ errors: { field: string }[] }>(base, 'GET', '/api/v1/cases?limit=1000&cursor=x&status=done&color=red', { key: KEYS.centre });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['color', 'cursor', 'limit', 'status']);
  });

  it('answers 404 for an unknown case id', async () => {
    expect((await call(base, 'GET', `/api/v1/cases/${randomUUID()}`, { key: KEYS.hotline })).status).toBe(404);
    expect((await call(base, 'GET', '/api/v1/cases/not-an-id', { key: KEYS.hotline })).status).toBe(400);
  });
});

it('keeps an idle connection open longer than a proxy in front of it does, and says so in its Keep-Alive hint', async () => {
  // Node's default of 5 s had a loaded client reuse a connection just as the service closed it (ECONNRESET)
  const res = await fetch(`${base}/health/live`);
  await res.arrayBuffer();
  expect(res.headers.get('keep-alive')).toBe('timeout=65');
});
