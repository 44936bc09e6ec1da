import { randomBytes } from 'node:crypto';
import { Client, Pool, type ClientConfig } from 'pg';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { engines } from './engines';

/**
 * A name no other test run uses: `<prefix>_<made><random>`, where `<made>` is the creation time in
 * whole seconds, seven base-36 digits, and `<random>` six hex digits. The time lets
 * `scripts/prune-test-topics.ts` tell the topics of a run that ended long ago from those of a run
 * still going on the same engines.
 */
export function uniqueName(prefix: string, now: Date = new Date()): string {
  return `${prefix}_${madeStamp(now)}${randomBytes(3).toString('hex')}`;
}

/** The creation time as uniqueName writes it. */
export function madeStamp(at: Date): string {
  return Math.floor(at.getTime() / 1000).toString(36).padStart(7, '0');
}

/**
 * Where uniqueName's names sit inside a Kafka topic name, with their creation time, or `made: null`
 * for the older form (`<prefix>_` and eight or ten hex digits, no time) made before names carried it.
 */
export function testRunNamesIn(topic: string): Array<{ name: string; made: Date | null }> {
  const found: Array<{ name: string; made: Date | null }> = [];
  for (const m of topic.matchAll(/(?:^|\.)([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)?_([0-9a-z]{13}|[0-9a-f]{10}|[0-9a-f]{8}))(?=\.|$)/g)) {
    const tail = m[2];
    if (tail.length === 13) {
      const seconds = parseInt(tail.slice(0, 7), 36);
      if (Number.isFinite(seconds) && /^[0-9a-f]{6}$/.test(tail.slice(7))) found.push({ name: m[1], made: new Date(seconds * 1000) });
    } else found.push({ name: m[1], made: null });
  }
  return found;
}

export interface TestDatabase {
  readonly name: string;
  readonly connection: ClientConfig;
  readonly pool: Pool;
  drop(): Promise<void>;
}

/** A fresh database of its own for one test file, dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const e = engines().postgres;
  const name = uniqueName('t');
  const admin = new Client(e);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const connection: ClientConfig = { ...e, database: name };
  const pool = new Pool({ ...connection, max: 20 });
  pool.on('error', () => undefined); // idle clients are cut when the database is dropped
  // so are clients in use (a test that ends its database's sessions, as a restart does)
  pool.on('connect', (client) => client.on('error', () => undefined));
  return {
    name,
    connection,
    pool,
    async drop() {
      await pool.end();
      const c = new Client(e);
      await c.connect();
      try {
        // FORCE ends the sessions still on it; it is refused (insufficient_privilege) while a
        // process of another role works there, such as an autovacuum worker on the new tables:
        // that one ends soon by itself, so try again, with a bound
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt >= 50) throw err;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export function testKafka(clientId = uniqueName('test')): Kafka {
  return new Kafka({ clientId, brokers: engines().kafkaBrokers, logLevel: logLevel.NOTHING, retry: { initialRetryTime: 100, retries: 8 } });
}

export interface ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: unknown;
  readonly headers: Record<string, string>;
}

/** Reads topics from the beginning, as an outside consumer would, collecting what arrives. */
export async function collectMessages(kafka: Kafka, topics: string[]): Promise<{ messages: ReceivedMessage[]; waitFor(pred: (m: ReceivedMessage[]) => boolean, timeoutMs?: number): Promise<ReceivedMessage[]>; stop(): Promise<void> }> {
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('collector'), sessionTimeout: 10_000, heartbeatInterval: 1000 });
  const messages: ReceivedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
      messages.push({ topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: parseOrText(message.value?.toString() ?? ''), headers });
    },
  });
  return {
    messages,
    // a new consumer group joins and reads from the beginning: on a loaded machine that alone has taken more than 30 s
    waitFor: (pred, timeoutMs = 90_000) => eventually(() => (pred(messages) ? messages : undefined), timeoutMs),
    stop: () => consumer.disconnect(),
  };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Polls until fn returns a value (not undefined) or throws after timeoutMs. Waits on a condition, never a fixed time. */
export async function eventually<T>(fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
