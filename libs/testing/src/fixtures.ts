import { randomBytes } from 'node:crypto';
import { Client, Pool, type ClientConfig } from 'pg';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { engines } from './engines';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
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
    waitFor: (pred, timeoutMs = 30_000) => eventually(() => (pred(messages) ? messages : undefined), timeoutMs),
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
