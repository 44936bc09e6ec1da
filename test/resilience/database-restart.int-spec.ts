import { TOPICS } from '@county/contracts';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { startSystem, type RunningSystem, type ServiceKey } from '../support/system';

/**
 * What a PostgreSQL restart does to the services, without restarting the shared server: every
 * session of this test's own database is ended (pg_terminate_backend), the pools' idle clients,
 * the transactions in flight and the relays' leader connections alike. Every service stays up,
 * is healthy again within a bound, and goes on taking, relaying and consuming cases.
 */

const SERVICES: ServiceKey[] = ['intake', 'dispatch', 'handling', 'evaluation', 'case-worker'];

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem(SERVICES);
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

const appeal = (ref: string) => ({
  channel: 'hotline',
  channelReference: ref,
  appealType: 'complaint',
  categoryCode: 'UM.ORDER.PARKING',
  urgency: 'normal',
  description: 'Cars block the fire lane at the gate of the compound',
  location: { gridCode: 'QH-CG-04-04' },
  // a resident of its own, so that intake does not take it for a repeat of the other case
  resident: { name: '张三', phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` },
  receivedAt: new Date(Date.now() - 60_000).toISOString(),
});

async function post(ref: string): Promise<{ status: number; caseId?: string }> {
  const res = await fetch(`${system.url('intake')}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dev-hotline-key' },
    body: JSON.stringify(appeal(ref)),
  });
  const body = (await res.json()) as { caseId?: string };
  return { status: res.status, caseId: body.caseId };
}

async function health(s: ServiceKey): Promise<{ status: number; body: { status?: string; warnings?: unknown[] } }> {
  const res = await fetch(`${system.url(s)}/health`);
  return { status: res.status, body: (await res.json()) as { status?: string } };
}

/** Waits until a service answers /health 200 `ok`; if it does not within the bound, says what it answered last. */
async function healthyWithin(s: ServiceKey, ms: number): Promise<void> {
  await eventually(async () => {
    const h = await health(s);
    if (h.status === 200 && h.body.status === 'ok') return true;
    throw new Error(`${s} /health ${h.status}: ${JSON.stringify(h.body)}`);
  }, ms, 250);
}

it('keeps every service running through the end of all its database sessions, healthy again within a bound, still relaying and consuming', async () => {
  const topics = (['intake', 'dispatch', 'case-worker'] as const).map((s) => `${system.topicPrefix}${TOPICS[s]}`);
  const outside = await collectMessages(testKafka(), topics);
  const dispatchedAndTimed = (caseId: string) => (m: typeof outside.messages) =>
    m.some((x) => x.key === caseId && (x.value as { type: string }).type === 'case.dispatched.v1') &&
    m.some((x) => x.key === caseId && (x.value as { type: string }).type === 'case.deadline-set.v1');

  const first = await post('HL-RESTART-1');
  expect(first.status).toBe(201);
  await outside.waitFor(dispatchedAndTimed(first.caseId!), 90_000);
  // fully healthy before the restart; a loaded machine may show a warning for a while first
  for (const s of SERVICES) await healthyWithin(s, 60_000);

  // the restart: every session of this database ends, as "terminating connection due to administrator command"
  const ended = await system.db.pool.query<{ n: number }>(
    // client sessions only: an autovacuum worker in the database is a superuser's, and may not be ended
    "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
  );
  expect(ended.rows[0].n).toBeGreaterThanOrEqual(SERVICES.length); // at least each relay's leader connection

  // no service exited (they run in this process: an unhandled 'error' would have ended the test run);
  // each answers and is fully healthy again within the bound
  const recovered = Date.now();
  for (const s of SERVICES) await healthyWithin(s, 60_000);
  const recoverySeconds = (Date.now() - recovered) / 1000;
  expect(recoverySeconds).toBeLessThan(60);

  // and the platform goes on: a new case is taken at the first try, dispatched and timed
  const second = await post('HL-RESTART-2');
  expect(second.status).toBe(201);
  await outside.waitFor(dispatchedAndTimed(second.caseId!), 90_000);

  // nothing was doubled by the relays electing again: one received and one dispatched per case
  const ofType = (caseId: string, type: string) => outside.messages.filter((x) => x.key === caseId && (x.value as { type: string }).type === type);
  for (const c of [first.caseId!, second.caseId!]) {
    expect(new Set(ofType(c, 'case.received.v1').map((m) => (m.value as { id: string }).id)).size).toBe(1);
    expect(new Set(ofType(c, 'case.dispatched.v1').map((m) => (m.value as { id: string }).id)).size).toBe(1);
  }
  await outside.stop();
}, 300_000);
