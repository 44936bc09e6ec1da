import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { HealthMonitor, type HealthTiming } from '../src/health';
import { Metrics } from '../src/metrics';

/**
 * How HealthMonitor turns the engines' answers into what /health says, with engines that answer
 * as the test tells them (no engine runs here; the integration tests use real ones).
 */

type Behaviour = 'answer' | 'fail' | 'hang';

const timing: HealthTiming = { refreshMs: 20, answerWithinMs: 60, staleAfterMs: 250, backlogRefreshMs: 10_000, backlogStaleAfterMs: 30_000 };

function engines() {
  const state = { database: 'answer' as Behaviour, kafka: 'answer' as Behaviour, adminsMade: 0, hung: [] as (() => void)[] };
  const act = (b: Behaviour): Promise<void> =>
    b === 'answer' ? Promise.resolve() : b === 'fail' ? Promise.reject(new Error('connect ECONNREFUSED')) : new Promise<void>((resolve) => state.hung.push(resolve));
  const pool = { query: () => act(state.database) } as unknown as Pool;
  const kafka = {
    admin: () => {
      state.adminsMade += 1;
      return { connect: () => act(state.kafka), describeCluster: () => act(state.kafka), disconnect: () => Promise.resolve() };
    },
  } as unknown as Kafka;
  return { state, pool, kafka };
}

const groups = { groups: () => [], notStarted: () => [] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(monitor: HealthMonitor, engine: string, want: (a: { status: string; message?: string }) => boolean, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = monitor.engineAnswers()[engine];
    if (want(a)) return a;
    if (Date.now() > deadline) throw new Error(`${engine}: not within ${timeoutMs} ms; last ${JSON.stringify(a)}`);
    await sleep(5);
  }
}

let monitor: HealthMonitor;
afterEach(() => monitor?.beforeApplicationShutdown());

it('says down before the first answer, up once the engines answered, each answer with its age', async () => {
  const e = engines();
  monitor = new HealthMonitor(e.pool, e.kafka, new Metrics(), groups, undefined, timing);
  expect(monitor.engineAnswers()).toEqual({ database: { status: 'down', message: 'not checked yet' }, kafka: { status: 'down', message: 'not checked yet' } });
  monitor.onModuleInit();
  const db = await until(monitor, 'database', (a) => a.status === 'up');
  expect(db).toEqual({ status: 'up', checkedAt: expect.any(String), ageMs: expect.any(Number) });
  await until(monitor, 'kafka', (a) => a.status === 'up');
});

it('is down at once when an engine answers with an error, and up again at its next answer', async () => {
  const e = engines();
  monitor = new HealthMonitor(e.pool, e.kafka, new Metrics(), groups, undefined, timing);
  monitor.onModuleInit();
  await until(monitor, 'kafka', (a) => a.status === 'up');
  e.state.kafka = 'fail';
  expect(await until(monitor, 'kafka', (a) => a.status === 'down', timing.staleAfterMs / 2)).toEqual(expect.objectContaining({ message: 'connect ECONNREFUSED' }));
  expect(monitor.engineAnswers().database.status).toBe('up');
  e.state.kafka = 'answer';
  await until(monitor, 'kafka', (a) => a.status === 'up');
});

it('keeps the last fact of an engine that is slow, and counts it unknown (down) once that fact is too old', async () => {
  const e = engines();
  monitor = new HealthMonitor(e.pool, e.kafka, new Metrics(), groups, undefined, timing);
  monitor.onModuleInit();
  await until(monitor, 'database', (a) => a.status === 'up');
  e.state.database = 'hang';
  // slow: still up, saying so
  const slow = await until(monitor, 'database', (a) => a.message !== undefined);
  expect(slow).toEqual(expect.objectContaining({ status: 'up', message: `no answer within ${timing.answerWithinMs} ms` }));
  // too old: unknown
  const unknown = await until(monitor, 'database', (a) => a.status === 'down');
  expect(unknown.message).toMatch(/^unknown: no answer for \d+ s/);
  // the hung question is given up on and asked again; once the engine answers, it is up
  e.state.database = 'answer';
  await until(monitor, 'database', (a) => a.status === 'up');
  // a late answer of a question given up on changes nothing
  e.state.hung.forEach((resolve) => resolve());
  expect(monitor.engineAnswers().database.status).toBe('up');
});

it('keeps one Kafka admin client while Kafka answers, and makes a new one after it is lost', async () => {
  const e = engines();
  monitor = new HealthMonitor(e.pool, e.kafka, new Metrics(), groups, undefined, timing);
  monitor.onModuleInit();
  await until(monitor, 'kafka', (a) => a.status === 'up');
  await sleep(timing.refreshMs * 10);
  expect(e.state.adminsMade).toBe(1);
  expect(monitor.kafkaAdminClientsMade).toBe(1);
  e.state.kafka = 'fail';
  await until(monitor, 'kafka', (a) => a.status === 'down');
  e.state.kafka = 'answer';
  await until(monitor, 'kafka', (a) => a.status === 'up');
  const made = e.state.adminsMade;
  expect(made).toBeGreaterThan(1);
  await sleep(timing.refreshMs * 10);
  expect(e.state.adminsMade).toBe(made);
});

it('gives up a Kafka connection that hangs, so that a broker coming back is seen at the next question', async () => {
  const e = engines();
  monitor = new HealthMonitor(e.pool, e.kafka, new Metrics(), groups, undefined, timing);
  monitor.onModuleInit();
  await until(monitor, 'kafka', (a) => a.status === 'up');
  const first = e.state.adminsMade;
  e.state.kafka = 'hang';
  await until(monitor, 'kafka', (a) => a.status === 'down');
  // the hung question is given up on, and the next one's connection hangs too
  for (const deadline = Date.now() + 3_000; e.state.adminsMade === first; ) {
    if (Date.now() > deadline) throw new Error('no new admin client while Kafka hangs');
    await sleep(5);
  }
  const made = e.state.adminsMade;
  // the broker answers again; the hung connection never is answered, yet Kafka is up again, on a new client
  e.state.kafka = 'answer';
  await until(monitor, 'kafka', (a) => a.status === 'up');
  expect(e.state.adminsMade).toBeGreaterThan(made);
});

it("does not take its own dropping of a hung dead-letter count's Kafka client for the broker's answer", async () => {
  // the dead-letter count hangs; the Kafka question shares its admin client, and answers slowly
  // unless the client is disconnected under it (as kafkajs fails a request on a closed connection)
  let adminsMade = 0;
  const kafka = {
    admin: () => {
      adminsMade += 1;
      let closed: (err: Error) => void = () => undefined;
      const closing = new Promise<never>((_, reject) => (closed = reject));
      closing.catch(() => undefined);
      const hang = () => new Promise<never>(() => undefined);
      return {
        connect: () => Promise.resolve(),
        describeCluster: () => Promise.race([new Promise((r) => setTimeout(r, 30)), closing]),
        fetchTopicMetadata: hang,
        fetchTopicOffsets: hang,
        fetchOffsets: hang,
        disconnect: () => {
          closed(new Error('Closed connection'));
          return Promise.resolve();
        },
      };
    },
  } as unknown as Kafka;
  const withGroup = { groups: () => ['g'], notStarted: () => [] };
  // answers never go stale within this test: the only way Kafka could show as down is an error taken for the broker's
  monitor = new HealthMonitor(engines().pool, kafka, new Metrics(), withGroup, undefined, { ...timing, backlogRefreshMs: 10, staleAfterMs: 60_000 });
  monitor.onModuleInit();
  await until(monitor, 'kafka', (a) => a.status === 'up');
  // several give-ups of the hung count, each dropping the client under a Kafka question in flight
  for (const deadline = Date.now() + 20_000; adminsMade < 4; ) {
    if (Date.now() > deadline) throw new Error('the hung dead-letter count was not given up on');
    expect(monitor.engineAnswers().kafka.status).toBe('up');
    await sleep(2);
  }
  expect(monitor.engineAnswers().kafka.status).toBe('up');
});
