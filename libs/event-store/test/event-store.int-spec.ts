import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  ConcurrencyError,
  EventConsumer,
  EventStore,
  OutboxRelay,
  ProjectionRunner,
  START,
  createProducer,
  ensureTopics,
  executeCommand,
  handleOnce,
  migrateEventStore,
  type Projection,
} from '../src';
import { collectMessages, createTestDatabase, eventually, testKafka, uniqueName, type TestDatabase } from '@county/testing';
import { deadLetterTopic } from '@county/contracts';

const meta = (n = 0) => ({ time: new Date(Date.UTC(2026, 2, 2, 1, 0, n)).toISOString(), correlationId: 'corr-1', causationId: 'cause-1' });
const ev = (n: number) => ({ type: 'test.happened.v1', data: { n } });

let db: TestDatabase;
let store: EventStore;
let kafka: Kafka;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.pool, 'svc');
  store = new EventStore(db.pool, 'svc', 'intake');
  kafka = testKafka();
});
afterAll(async () => {
  await db.drop();
});

describe('schema migrations', () => {
  it('bring an event store created before the subject column up to date, once', async () => {
    const schema = uniqueName('old');
    await db.pool.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.events (global_position bigserial PRIMARY KEY, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), stream_id text NOT NULL, stream_version integer NOT NULL, event_id uuid NOT NULL UNIQUE, event_type text NOT NULL, source text NOT NULL, event_time timestamptz NOT NULL, correlation_id text NOT NULL, causation_id text NOT NULL, data jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, stream_version))`);
    await db.pool.query(`INSERT INTO ${schema}.events (stream_id, stream_version, event_id, event_type, source, event_time, correlation_id, causation_id, data) VALUES ('c-old', 1, $1, 'test.happened.v1', 'intake', now(), 'c', 'c', '{}')`, [randomUUID()]);
    await Promise.all([migrateEventStore(db.pool, schema), migrateEventStore(db.pool, schema)]);
    await migrateEventStore(db.pool, schema);
    const old = await new EventStore(db.pool, schema, 'intake').readStream('c-old');
    expect(old.events[0].subject).toBe('c-old');
    const applied = await db.pool.query(`SELECT component, version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(applied.rows).toEqual([{ component: 'event-store', version: 1 }, { component: 'event-store', version: 2 }]);
  });
});

describe('appending to a stream', () => {
  it('appends with the expected version and reads the stream back in order', async () => {
    const s = `case-${randomUUID()}`;
    const first = await store.append(s, [ev(1), ev(2)], { expectedVersion: 'no_stream', metadata: meta() });
    expect(first.nextVersion).toBe(2);
    await store.append(s, [ev(3)], { expectedVersion: 2, metadata: meta(1) });
    const read = await store.readStream(s);
    expect(read.version).toBe(3);
    expect(read.events.map((e) => [e.sequence, (e.data as { n: number }).n])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(read.events[0]).toMatchObject({ specversion: '1.0', source: 'intake', subject: s, type: 'test.happened.v1', correlationid: 'corr-1' });
  });

  it('keeps the case id as subject when the stream is another aggregate of the case', async () => {
    const caseId = randomUUID();
    const appended = await store.append(`whistle-${randomUUID()}`, [ev(1)], { expectedVersion: 'no_stream', metadata: meta(), subject: caseId });
    expect(appended.events[0].subject).toBe(caseId);
    const read = await store.readStream(`whistle-${appended.events[0].id}`);
    expect(read.version).toBe(0);
    await untilVisible(store, [appended.events[0].id]);
    const all = await store.readAll(START, 10_000);
    expect(all.find((e) => e.id === appended.events[0].id)?.subject).toBe(caseId);
  });

  it('refuses a stale expected version with a typed error and writes nothing', async () => {
    const s = `case-${randomUUID()}`;
    await store.append(s, [ev(1)], { expectedVersion: 'no_stream', metadata: meta() });
    await expect(store.append(s, [ev(2)], { expectedVersion: 0, metadata: meta() })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append(s, [ev(2)], { expectedVersion: 'no_stream', metadata: meta() })).rejects.toMatchObject({ code: 'EVENT_STORE.VERSION_CONFLICT', actual: 1 });
    expect((await store.readStream(s)).version).toBe(1);
  });

  it('runs a command against the version a caller read, and refuses it with nothing written once the stream moved on', async () => {
    const s = `case-${randomUUID()}`;
    type Counted = { type: 'test.happened.v1'; data: { n: number } };
    const counter = {
      initialState: 0,
      evolve: (n: number) => n + 1,
      decide: (_: 'count', n: number): Counted[] => [{ type: 'test.happened.v1', data: { n: n + 1 } }],
    };
    expect((await executeCommand(store, s, counter, 'count', meta(), { expectedVersion: 0 })).version).toBe(1);
    await expect(executeCommand(store, s, counter, 'count', meta(), { expectedVersion: 0 })).rejects.toMatchObject({ code: 'EVENT_STORE.VERSION_CONFLICT', expected: 0, actual: 1 });
    expect((await store.readStream(s)).version).toBe(1);
    // an aggregate's own reading of its stream (its upcasts) decides
    const read = await executeCommand(store, s, counter, 'count', meta(), { expectedVersion: 1, fold: (events) => events.length * 10 });
    expect(read.events.map((e) => e.data)).toEqual([{ n: 11 }]);
  });

  it('lets exactly one of many concurrent appends at the same version win', async () => {
    const s = `case-${randomUUID()}`;
    await store.append(s, [ev(0)], { expectedVersion: 'no_stream', metadata: meta() });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.append(s, [ev(i + 1)], { expectedVersion: 1, metadata: meta() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(11);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(s)).events).toHaveLength(2);
  });

  it('rejects a duplicate event id (a retried command with a stable id) without a partial write', async () => {
    const s = `case-${randomUUID()}`;
    const id = randomUUID();
    await store.append(s, [ev(1)], { expectedVersion: 'no_stream', metadata: meta(), ids: [id] });
    await expect(store.append(`case-${randomUUID()}`, [ev(1), ev(2)], { expectedVersion: 'no_stream', metadata: meta(), ids: [randomUUID(), id] })).rejects.toThrow();
    expect((await store.readStream(s)).events).toHaveLength(1);
  });
});

describe('the global read order', () => {
  it('does not show an event while an older transaction is still running, so a late commit is never skipped', async () => {
    const local = new EventStore(db.pool, 'svc', 'intake');
    const reader = await collectAllAfterNow(local);
    const slow = await db.pool.connect();
    await slow.query('BEGIN');
    const sSlow = `slow-${randomUUID()}`;
    const sFast = `fast-${randomUUID()}`;
    // the slow transaction takes its position first but commits last
    await local.append(sSlow, [ev(1)], { expectedVersion: 'no_stream', metadata: meta(), client: slow });
    await local.append(sFast, [ev(2)], { expectedVersion: 'no_stream', metadata: meta() });
    const whileOpen = await reader.readNew();
    expect(whileOpen.map((e) => e.subject)).not.toContain(sFast);
    expect(whileOpen.map((e) => e.subject)).not.toContain(sSlow);
    const mine = (subjects: string[]) => subjects.filter((x) => x === sSlow || x === sFast);
    await slow.query('COMMIT');
    slow.release();
    // PostgreSQL's snapshot xmin is cluster-wide: a transaction running in any other database
    // (another test's, an analyst's session) holds the read back too, so wait for it, bounded
    const after: string[] = [];
    await eventually(async () => {
      after.push(...mine((await reader.readNew()).map((e) => e.subject)));
      return after.length >= 2 ? true : undefined;
    }, 30_000);
    expect(after).toEqual([sSlow, sFast]);
  });

  it('refuses an append whose transaction is older than the stream head (it would be read before it)', async () => {
    const s = `case-${randomUUID()}`;
    const early = await db.pool.connect();
    await early.query('BEGIN');
    await early.query('SELECT pg_current_xact_id()'); // this transaction takes its id now
    await store.append(s, [ev(1)], { expectedVersion: 'no_stream', metadata: meta() });
    await expect(store.append(s, [ev(2)], { expectedVersion: 1, metadata: meta(), client: early })).rejects.toBeInstanceOf(ConcurrencyError);
    await early.query('ROLLBACK');
    early.release();
  });
});

/**
 * Waits (bounded) until the given events are past the read horizon. PostgreSQL's snapshot xmin is
 * cluster-wide: any older transaction in any database holds every reader back for a while.
 */
async function untilVisible(s: EventStore, ids: readonly string[]): Promise<void> {
  await eventually(async () => {
    const all = new Set((await s.readAll(START, 100_000)).map((e) => e.id));
    return ids.every((id) => all.has(id)) ? true : undefined;
  }, 30_000, 50);
}

async function collectAllAfterNow(s: EventStore) {
  let from = START;
  for (let batch = await s.readAll(from, 1000); batch.length; batch = await s.readAll(from, 1000)) from = batch[batch.length - 1].position;
  return {
    async readNew() {
      const out = await s.readAll(from, 1000);
      if (out.length) from = out[out.length - 1].position;
      return out;
    },
  };
}

describe('the outbox relay', () => {
  it('publishes committed events to Kafka keyed by case id, in stream order, and resumes after a crash without loss', async () => {
    const schema = uniqueName('relay');
    await migrateEventStore(db.pool, schema);
    const s = new EventStore(db.pool, schema, 'intake');
    const topic = uniqueName('test.relay');
    await ensureTopics(kafka, [topic]);
    const cases = Array.from({ length: 5 }, () => randomUUID());
    const ids: string[] = [];
    for (let v = 1; v <= 4; v++) for (const c of cases) ids.push(...(await s.append(c, [ev(v)], { expectedVersion: v - 1, metadata: meta(v) })).events.map((e) => e.id));
    await untilVisible(s, ids);

    // a relay that dies after Kafka acknowledged its first batch but before its checkpoint
    const producer = createProducer(kafka);
    await producer.connect();
    const crashing = new OutboxRelay({ pool: db.pool, store: s, producer: crashAfterSend(producer), topic, batchSize: 7 });
    await expect(crashing.runOnce()).rejects.toThrow('crashed');

    const relay = new OutboxRelay({ pool: db.pool, store: s, producer, topic, batchSize: 7 });
    expect(await relay.drain()).toBe(20);
    const collector = await collectMessages(kafka, [topic]);
    const seen = await collector.waitFor((m) => new Set(m.map((x) => (x.value as { id: string }).id)).size === 20);
    await collector.stop();
    await producer.disconnect();

    expect(seen.length).toBe(27); // the 7 of the crashed batch twice: duplicates, never loss
    for (const c of cases) {
      const mine = seen.filter((m) => m.key === c);
      const versions = mine.map((m) => (m.value as { sequence: number }).sequence);
      // per case, the first delivery of each version comes in order
      expect([...new Set(versions)]).toEqual([1, 2, 3, 4]);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      expect(mine[0].headers['content-type']).toMatch(/cloudevents\+json/);
      expect(mine[0].value).toMatchObject({ subject: c, source: 'intake', specversion: '1.0' });
    }
  });

  it('runs as a background loop and picks up new events within moments', async () => {
    const schema = uniqueName('relayloop');
    await migrateEventStore(db.pool, schema);
    const s = new EventStore(db.pool, schema, 'intake');
    const topic = uniqueName('test.loop');
    await ensureTopics(kafka, [topic]);
    const producer = createProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay({ pool: db.pool, store: s, producer, topic });
    const standby = new OutboxRelay({ pool: db.pool, store: s, producer, topic });
    await relay.start();
    await standby.start();
    const collector = await collectMessages(kafka, [topic]);
    const c = randomUUID();
    await s.append(c, [ev(1), ev(2)], { expectedVersion: 'no_stream', metadata: meta() });
    await collector.waitFor((m) => m.length >= 2);
    await relay.stop();
    await standby.stop();
    await collector.stop();
    await producer.disconnect();
    // one leader: no event was published twice by two relays racing
    expect(collector.messages.map((m) => (m.value as { sequence: number }).sequence)).toEqual([1, 2]);
  });
});

describe('a database restart', () => {
  it('does not take the relay down: it elects a leader again on new connections and goes on publishing', async () => {
    const schema = uniqueName('relayrestart');
    await migrateEventStore(db.pool, schema);
    const topic = uniqueName('test.restart');
    await ensureTopics(kafka, [topic]);
    // the relay's own pool, as a service has: what a restart cuts is this pool's connections
    const { Pool } = await import('pg');
    const pool = new Pool({ ...db.connection, max: 4 });
    pool.on('error', () => undefined);
    // as the service's pool (service-kit) does: a client in use whose session ends reports it, never as an unhandled error
    pool.on('connect', (client) => client.on('error', () => undefined));
    const s = new EventStore(pool, schema, 'intake');
    const producer = createProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay({ pool, store: s, producer, topic });
    await relay.start();
    const collector = await collectMessages(kafka, [topic]);
    const c = randomUUID();
    await s.append(c, [ev(1)], { expectedVersion: 'no_stream', metadata: meta() });
    await collector.waitFor((m) => m.length >= 1);
    expect(relay.status().leading).toBe(true);

    // what a PostgreSQL restart does to a service: every session of its database ends
    const ended = await db.pool.query<{ n: number }>(
      // client sessions only: an autovacuum worker in the database is a superuser's, and may not be ended
      "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    expect(ended.rows[0].n).toBeGreaterThan(0);
    await eventually(async () => {
      await s.append(c, [ev(2)], { expectedVersion: 'any', metadata: meta() }).catch(() => undefined);
      return collector.messages.some((m) => (m.value as { sequence: number }).sequence >= 2) ? true : undefined;
    }, 30_000, 500);
    await eventually(() => (relay.status().leading && relay.status().failingSince === undefined ? true : undefined), 30_000);
    await relay.stop();
    await collector.stop();
    await producer.disconnect();
    await pool.end();
  });
});

function crashAfterSend(producer: ReturnType<typeof createProducer>) {
  return {
    ...producer,
    send: async (record: Parameters<typeof producer.send>[0]) => {
      await producer.send(record);
      throw new Error('crashed');
    },
  } as typeof producer;
}

describe('the idempotent consumer', () => {
  it('applies an effect once however often the event is delivered, also concurrently', async () => {
    await db.pool.query('CREATE TABLE IF NOT EXISTS svc.counter (id text PRIMARY KEY, n int NOT NULL)');
    await db.pool.query(`INSERT INTO svc.counter VALUES ('x', 0) ON CONFLICT DO NOTHING`);
    const eventId = randomUUID();
    const deliver = () => handleOnce(db.pool, 'svc', 'counter', eventId, async (tx) => (await tx.query(`UPDATE svc.counter SET n = n + 1 WHERE id = 'x' RETURNING n`)).rows[0].n);
    const results = await Promise.all([deliver(), deliver(), deliver(), deliver()]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await deliver()).duplicate).toBe(true);
    expect((await db.pool.query(`SELECT n FROM svc.counter WHERE id = 'x'`)).rows[0].n).toBe(1);
  });

  it('rolls back the processed mark when the effect fails, so a redelivery tries again', async () => {
    const eventId = randomUUID();
    await expect(handleOnce(db.pool, 'svc', 'flaky', eventId, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    const second = await handleOnce(db.pool, 'svc', 'flaky', eventId, async () => 'ok');
    expect(second).toEqual({ duplicate: false, result: 'ok' });
  });

  it('parks a message that keeps failing on the dead-letter topic and goes on with the next', async () => {
    const topic = uniqueName('test.consumer');
    const groupId = uniqueName('group');
    await ensureTopics(kafka, [topic, deadLetterTopic(groupId)], 1);
    const handled: string[] = [];
    const consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [topic],
      maxAttempts: 2,
      handle: async (e) => {
        if ((e.data as { poison?: boolean }).poison) throw new Error('cannot handle');
        handled.push(e.id);
      },
    });
    await consumer.start();
    const producer = kafka.producer();
    await producer.connect();
    const good = randomUUID();
    const envelope = (id: string, data: object) => JSON.stringify({ specversion: '1.0', id, type: 't.v1', subject: 'c', data });
    await producer.send({ topic, messages: [{ key: 'c', value: envelope(randomUUID(), { poison: true }) }, { key: 'c', value: 'not json' }, { key: 'c', value: envelope(good, {}) }] });
    await eventually(() => (handled.includes(good) ? true : undefined));
    const dlq = await collectMessages(kafka, [deadLetterTopic(groupId)]);
    const parked = await dlq.waitFor((m) => m.length >= 1 && m.some((x) => x.headers['x-error'] === 'message is not JSON') && m.some((x) => x.headers['x-error'] === 'cannot handle'));
    expect(parked).toHaveLength(2);
    await dlq.stop();
    await consumer.stop();
    await producer.disconnect();
  });

  it('waits out a topic the broker does not serve yet at start, then consumes it', async () => {
    // as on a brand-new broker, or a topic another instance is creating at this moment: the
    // subscription is answered UNKNOWN_TOPIC_OR_PARTITION, which is retriable
    const topic = uniqueName('test.consumer');
    const groupId = uniqueName('group');
    await ensureTopics(kafka, [deadLetterTopic(groupId)], 1);
    const handled: string[] = [];
    const consumer = new EventConsumer({ kafka, groupId, topics: [topic], handle: async (e) => void handled.push(e.id) });
    let startError: unknown;
    const started = consumer.start().then(
      () => true,
      (err: unknown) => ((startError = err), false),
    );
    await eventually(() => (consumer.status().problem || startError ? true : undefined));
    await ensureTopics(kafka, [topic], 1);
    expect({ started: await started, startError }).toEqual({ started: true, startError: undefined });
    expect(consumer.status().problem).toBeUndefined();
    const producer = kafka.producer();
    await producer.connect();
    const id = randomUUID();
    await producer.send({ topic, messages: [{ key: 'c', value: JSON.stringify({ specversion: '1.0', id, type: 't.v1', subject: 'c', data: {} }) }] });
    await eventually(() => (handled.includes(id) ? true : undefined));
    await consumer.stop();
    await producer.disconnect();
  });

  it("handles different keys of one partition side by side and each key's messages in their order", async () => {
    const topic = uniqueName('test.consumer');
    const groupId = uniqueName('group');
    await ensureTopics(kafka, [topic, deadLetterTopic(groupId)], 1);
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let most = 0;
    const consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [topic],
      handle: async (e) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        const { n } = e.data as { n: number };
        seen.set(e.subject, [...(seen.get(e.subject) ?? []), n]);
        inFlight -= 1;
      },
    });
    const producer = kafka.producer();
    await producer.connect();
    const keys = ['case-a', 'case-b', 'case-c', 'case-d'];
    const messages = Array.from({ length: 40 }, (_, n) => ({ key: keys[n % keys.length], n }));
    // all on the partition before the consumer starts, so that they come in one batch
    await producer.send({
      topic,
      messages: messages.map(({ key, n }) => ({ key, value: JSON.stringify({ specversion: '1.0', id: randomUUID(), type: 't.v1', subject: key, data: { n } }) })),
    });
    await consumer.start();
    await eventually(() => ([...seen.values()].reduce((a, l) => a + l.length, 0) >= messages.length ? true : undefined));
    for (const key of keys) expect(seen.get(key)).toEqual(messages.filter((m) => m.key === key).map((m) => m.n));
    expect(most).toBeGreaterThan(1);
    await consumer.stop();
    await producer.disconnect();
  });
});

describe('projections', () => {
  const totalsOf = (schema: string, gate?: { open: Promise<void>; entered(): void }): Projection => ({
    name: 'totals',
    init: async (tx) => void (await tx.query(`CREATE TABLE IF NOT EXISTS ${schema}.totals (stream_id text PRIMARY KEY, total int NOT NULL, events int NOT NULL)`)),
    reset: async (tx) => void (await tx.query(`TRUNCATE ${schema}.totals`)),
    apply: async (e, tx) => {
      if (gate) {
        gate.entered();
        await gate.open;
      }
      await tx.query(
        `INSERT INTO ${schema}.totals VALUES ($1, $2, 1) ON CONFLICT (stream_id) DO UPDATE SET total = totals.total + $2, events = totals.events + 1`,
        [e.subject, (e.data as { n: number }).n],
      );
    },
  });

  it('rebuilds beside a live step waiting on the checkpoint without applying an event twice', async () => {
    const schema = uniqueName('projrace');
    await migrateEventStore(db.pool, schema);
    const s = new EventStore(db.pool, schema, 'intake');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(...(await s.append(`c${i % 2}`, [ev(i)], { expectedVersion: 'any', metadata: meta() })).events.map((e) => e.id));
    await untilVisible(s, ids);
    // the live loop (its projection can be held inside apply) and an operator's rebuild
    let release!: () => void;
    let liveApplied = 0;
    const gate = { open: new Promise<void>((r) => (release = r)), entered: () => void (liveApplied += 1) };
    const liveTotals = totalsOf(schema, gate);
    const live = new ProjectionRunner({ pool: db.pool, store: s, projections: [liveTotals] });
    const operator = new ProjectionRunner({ pool: db.pool, store: s, projections: [totalsOf(schema)] });
    await operator.init();
    await operator.catchUp();
    const before = (await db.pool.query(`SELECT * FROM ${schema}.totals ORDER BY stream_id`)).rows;
    expect(before).toEqual([
      { stream_id: 'c0', total: 0 + 2 + 4, events: 3 },
      { stream_id: 'c1', total: 1 + 3 + 5, events: 3 },
    ]);

    // order the race: a third party holds the checkpoint row; the rebuild queues on it first,
    // the live step second; then the row is let go
    const holder = await db.pool.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT * FROM ${schema}.checkpoints WHERE subscriber = 'projection:totals' FOR UPDATE`);
    const waiting = async (n: number) =>
      eventually(async () => {
        const r = await db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%checkpoints%FOR UPDATE%'`,
        );
        return r.rows[0].n >= n ? true : undefined;
      }, 10_000, 20);
    const rebuilt = operator.rebuild('totals');
    await waiting(1);
    const stepped = live.step(liveTotals);
    await waiting(2);
    await holder.query('COMMIT');
    holder.release();
    await rebuilt;
    release(); // a live step that read from the start without the lock would now apply everything again
    await stepped;
    await live.catchUp();
    expect((await db.pool.query(`SELECT * FROM ${schema}.totals ORDER BY stream_id`)).rows).toEqual(before);
    expect(liveApplied).toBe(0);
  });

  it('build a read model exactly once per event and rebuild it to the same rows', async () => {
    const schema = uniqueName('proj');
    await migrateEventStore(db.pool, schema);
    const s = new EventStore(db.pool, schema, 'intake');
    const totals: Projection = {
      name: 'totals',
      init: async (tx) => void (await tx.query(`CREATE TABLE IF NOT EXISTS ${schema}.totals (stream_id text PRIMARY KEY, total int NOT NULL, events int NOT NULL)`)),
      reset: async (tx) => void (await tx.query(`TRUNCATE ${schema}.totals`)),
      apply: async (e, tx) =>
        void (await tx.query(
          `INSERT INTO ${schema}.totals VALUES ($1, $2, 1) ON CONFLICT (stream_id) DO UPDATE SET total = totals.total + $2, events = totals.events + 1`,
          [e.subject, (e.data as { n: number }).n],
        )),
    };
    const runner = new ProjectionRunner({ pool: db.pool, store: s, projections: [totals], batchSize: 3 });
    await runner.init();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(...(await s.append(`c${i % 3}`, [ev(i)], { expectedVersion: 'any', metadata: meta() })).events.map((e) => e.id));
    await untilVisible(s, ids);
    await Promise.all([runner.catchUp(), runner.catchUp()]); // two runners at once still apply each event once
    const before = (await db.pool.query(`SELECT * FROM ${schema}.totals ORDER BY stream_id`)).rows;
    expect(before).toEqual([
      { stream_id: 'c0', total: 0 + 3 + 6 + 9, events: 4 },
      { stream_id: 'c1', total: 1 + 4 + 7, events: 3 },
      { stream_id: 'c2', total: 2 + 5 + 8, events: 3 },
    ]);
    await runner.rebuild('totals');
    expect((await db.pool.query(`SELECT * FROM ${schema}.totals ORDER BY stream_id`)).rows).toEqual(before);
  });
});
