import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, engines, serviceEnv, startTcpProxy, uniqueName, type TcpProxy, type TestDatabase } from '@county/testing';
import { startIntake } from '../../apps/intake/src/main';
import { KEYS, appeal } from '../../apps/intake/test/support';
import { startPrivateKafka, type PrivateKafka } from '../support/private-kafka';

/**
 * /health while engines die and come back, for one service (intake) whose engines this test may
 * break without touching anybody else's: its database is the shared PostgreSQL behind a TCP proxy
 * of the test's own (cut: every connection reset and new ones refused; frozen: nothing passes),
 * its Kafka a broker of its own (kill -9, then started again). /health turns 503 naming the engine
 * within seconds of its going, and 200 again within seconds of its return; each call answers from
 * what the service knows, so it answers at once even while an engine hangs.
 */

type Health = { status: number; ms: number; body: { status: string; error?: Record<string, { message?: string }>; details?: Record<string, { status: string }> } };

const local = engines().mode === 'local';
let db: TestDatabase;
let proxy: TcpProxy;
let kafka: PrivateKafka;
let app: INestApplication;
let base: string;
/** What the test measured, printed at the end. */
const measured: string[] = [];

beforeAll(async () => {
  if (!local) return;
  db = await createTestDatabase();
  proxy = await startTcpProxy({ host: engines().postgres.host, port: engines().postgres.port });
  kafka = await startPrivateKafka();
  const env = { ...serviceEnv({ database: db.name, topicPrefix: `${uniqueName('health-engines')}.` }), PGHOST: '127.0.0.1', PGPORT: String(proxy.port), KAFKA_BROKERS: kafka.brokers.join(',') };
  app = await startIntake(env);
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}, 600_000);

afterAll(async () => {
  process.stdout.write(`/health against dying engines:\n${measured.map((m) => `  ${m}`).join('\n')}\n`);
  await app?.close().catch(() => undefined);
  await proxy?.close();
  await kafka?.remove();
  await db?.drop();
}, 300_000);

async function health(): Promise<Health> {
  const began = Date.now();
  const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as Health['body'], ms: Date.now() - began };
}

/** Polls /health until `want` holds, within a bound; returns the answer, the seconds it took and the slowest answer meanwhile. */
async function until(what: string, want: (h: Health) => boolean, timeoutMs: number): Promise<{ h: Health; seconds: number; slowestMs: number }> {
  const began = Date.now();
  let slowestMs = 0;
  let last: Health | undefined;
  for (;;) {
    last = await health();
    slowestMs = Math.max(slowestMs, last.ms);
    if (want(last)) {
      const seconds = (Date.now() - began) / 1000;
      measured.push(`${what}: ${seconds.toFixed(1)} s (slowest /health meanwhile ${slowestMs} ms)`);
      return { h: last, seconds, slowestMs };
    }
    if (Date.now() - began > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms; last /health: ${last.status} ${JSON.stringify(last.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function postCase(): Promise<Response> {
  // a resident of its own each time, so that intake takes no case for a repeat of another
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return fetch(`${base}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEYS.hotline },
    body: JSON.stringify(appeal({ resident: { name: '张三', phone } })),
    signal: AbortSignal.timeout(60_000),
  });
}

const ok = (h: Health) => h.status === 200 && h.body.status === 'ok';
const answering = (h: Health) => h.status === 200;
const down = (engine: string) => (h: Health) => h.status === 503 && h.body.status === 'error' && h.body.details?.[engine]?.status === 'down';

(local ? describe : describe.skip)('/health while engines die and come back', () => {
  it('turns 503 naming the database within seconds of every connection to it being cut, and 200 again within seconds of its return', async () => {
    await until('healthy at start', ok, 60_000);
    await proxy.cut();
    const gone = await until('database cut → 503', down('database'), 20_000);
    expect(gone.h.body.error?.database?.message).toBeTruthy();
    expect(gone.h.body.details?.kafka?.status).toBe('up');
    // a case posted meanwhile is refused as a moment's absence, to retry, never as a 500
    const refused = await postCase();
    expect({ status: refused.status, retryAfter: refused.headers.get('retry-after'), code: ((await refused.json()) as { code?: string }).code }).toEqual({ status: 503, retryAfter: '5', code: 'UNAVAILABLE' });
    await proxy.restore();
    await until('database back → 200', answering, 30_000);
    await until('database back → ok', ok, 60_000);
  }, 180_000);

  it('counts a database that hangs as unknown once its last answer is too old, answering at once meanwhile', async () => {
    await until('healthy before the freeze', ok, 60_000);
    proxy.freeze();
    const hung = await until('database frozen → 503 unknown', down('database'), 30_000);
    expect(hung.h.body.error?.database?.message).toMatch(/^unknown: no answer for \d+ s/);
    await proxy.restore();
    await until('database thawed → 200', answering, 30_000);
    await until('database thawed → ok', ok, 60_000);
  }, 180_000);

  it('turns 503 naming Kafka within seconds of a kill -9 of the broker, and 200 again within seconds of its restart', async () => {
    await until('healthy before the broker dies', ok, 60_000);
    await kafka.kill();
    const gone = await until('kafka killed → 503', down('kafka'), 20_000);
    expect(gone.h.body.details?.database?.status).toBe('up');
    await kafka.start();
    await until('kafka restarted → 200', answering, 30_000);
    await until('kafka restarted → ok', ok, 120_000);
    // and it still takes cases
    expect((await postCase()).status).toBe(201);
  }, 600_000);
});
