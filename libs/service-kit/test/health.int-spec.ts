import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { TOPICS } from '@county/contracts';
import { ensureTopics } from '@county/event-store';
import { createTestDatabase, eventually, serviceEnv, testKafka, uniqueName, type TestDatabase } from '@county/testing';
import { ConsumerGroup, HealthMonitor, KAFKA, PG_POOL, PlatformModule, createService, listen } from '../src';

/**
 * /health through real PostgreSQL and Kafka, on a service built like every other (createService,
 * listen) with two consumer groups: `waits` reads intake's topic, `other` reads handling's.
 * - /health answers from what the service already knows: calls of it ask no engine;
 * - HTTP listens before the consumer groups start, which start side by side: while one waits
 *   for its topic, /health answers 503 "starting" naming it (the other one runs), /health/live 200;
 * - the request id in every log line follows the error bodies' rule (well-formed, else fresh).
 */

@ConsumerGroup({ purpose: 'waits', from: ['intake'] })
class Waits {
  @EventPattern('case.received.v1')
  received(): void {
    // nothing: only its start matters here
  }
}

@ConsumerGroup({ purpose: 'other', from: ['handling'] })
class Other {
  @EventPattern('case.signed-for.v1')
  signed(): void {
    // nothing: only its start matters here
  }
}

@Controller('probe')
class Speaks {
  constructor(private readonly log: PinoLogger) {}

  @Get()
  speak(): { said: boolean } {
    this.log.info('inside the handler');
    return { said: true };
  }
}

/** Every log line the service writes, parsed. */
const lines: Record<string, unknown>[] = [];

@Module({})
class ProbeModule {
  static register(env: NodeJS.ProcessEnv) {
    const logger = pino({ level: 'info', base: { service: 'dispatch' } }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    return {
      module: ProbeModule,
      imports: [PlatformModule.forService({ service: 'dispatch', env, logger })],
      controllers: [Waits, Other, Speaks],
    };
  }
}

let db: TestDatabase;
let app: INestApplication;
let admin: Admin;
let topicPrefix: string;
let base: string;
let started: Promise<unknown>;
const waitsGroup = () => `${topicPrefix}dispatch.waits`;
const otherGroup = () => `${topicPrefix}dispatch.other`;

beforeAll(async () => {
  db = await createTestDatabase();
  topicPrefix = `${uniqueName('health')}.`;
  app = await createService(ProbeModule.register(serviceEnv({ database: db.name, topicPrefix })), { title: 'probe', description: '/health under test' });
  admin = testKafka().admin();
  await admin.connect();
  // migrations and the outbox (which creates every service's topic); then intake's topic goes,
  // so that the group reading it cannot start until it is back
  await app.init();
  const intakeTopic = `${topicPrefix}${TOPICS.intake}`;
  await admin.deleteTopics({ topics: [intakeTopic] });
  await eventually(async () => ((await admin.listTopics()).includes(intakeTopic) ? undefined : true), 30_000, 200);
  started = listen(app, []);
  started.catch(() => undefined);
}, 120_000);

afterAll(async () => {
  await admin?.disconnect();
  await app?.close();
  await db?.drop();
});

async function health(): Promise<{ status: number; body: { status: string; starting?: string[]; details?: Record<string, { status: string; ageMs?: number }> } }> {
  const res = await fetch(`${base}/health`);
  return { status: res.status, body: (await res.json()) as never };
}

it('listens before its consumer groups run, starts them side by side, and says "starting" naming the group that waits', async () => {
  // HTTP answers although a group still waits for its topic (listen() has not returned)
  const address = await eventually(() => (app.getHttpServer().address() as { port: number } | null) ?? undefined, 60_000, 50);
  base = `http://127.0.0.1:${address.port}`;
  const starting = await eventually(async () => {
    const h = await health().catch(() => undefined);
    // the other group starts beside the one that waits
    return h?.body.status === 'starting' && h.body.starting?.length === 1 ? h : undefined;
  }, 60_000, 200);
  expect(starting.status).toBe(503);
  expect(starting.body.starting).toEqual([waitsGroup()]);
  expect(starting.body.starting).not.toContain(otherGroup());
  expect(starting.body.details).toEqual({ database: expect.objectContaining({ status: 'up' }), kafka: expect.objectContaining({ status: 'up' }) });
  // liveness says the process runs: a service waiting for a broker is not restarted for it
  const live = await fetch(`${base}/health/live`);
  expect({ status: live.status, body: await live.json() }).toEqual({ status: 200, body: { status: 'alive' } });

  // the topic is back: the group starts, listen() returns, /health is ok
  await ensureTopics(testKafka(), [`${topicPrefix}${TOPICS.intake}`]);
  await started;
  const ok = await eventually(async () => {
    const h = await health();
    return h.status === 200 && h.body.status === 'ok' ? h : undefined;
  }, 30_000, 200);
  expect(ok.body.starting).toBeUndefined();
}, 180_000);

it('answers many concurrent /health calls from what it knows: no Kafka admin client, (almost) no database query', async () => {
  await started;
  const kafka = app.get<Kafka>(KAFKA);
  const pool = app.get<Pool>(PG_POOL);
  const monitor = app.get(HealthMonitor);
  const made = monitor.kafkaAdminClientsMade;
  const admins = jest.spyOn(kafka, 'admin');
  const queries = jest.spyOn(pool, 'query');
  try {
    const n = 50;
    const answers = await Promise.all(Array.from({ length: n }, () => health()));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: n }, () => 200));
    // asking Kafka made no client at all (before, each call made two admin connections)
    expect(admins).not.toHaveBeenCalled();
    expect(monitor.kafkaAdminClientsMade).toBe(made);
    // the database is asked by the background refresh alone (once a second), not once per call
    expect(queries.mock.calls.length).toBeLessThan(n / 5);
    // each engine's answer comes with its age
    expect(answers[0].body.details).toEqual({
      database: expect.objectContaining({ status: 'up', ageMs: expect.any(Number), checkedAt: expect.any(String) }),
      kafka: expect.objectContaining({ status: 'up', ageMs: expect.any(Number), checkedAt: expect.any(String) }),
    });
  } finally {
    admins.mockRestore();
    queries.mockRestore();
  }
});

it('writes a well-formed correlation id into its log lines, and a fresh id in place of a malformed X-Correlation-Id or X-Request-Id (never the header)', async () => {
  await started;
  const requestLines = (id: string) => lines.filter((l) => (l.req as { id?: string } | undefined)?.id === id || l.correlationId === id);

  const good = 'corr-good-1';
  expect((await fetch(`${base}/probe`, { headers: { 'x-correlation-id': good } })).status).toBe(200);
  await eventually(() => (requestLines(good).some((l) => l.msg === 'inside the handler') && requestLines(good).some((l) => l.msg === 'request completed') ? true : undefined), 10_000);

  const huge = `k${'x'.repeat(6 * 1024)}`;
  const tabbed = 'abc\tdef';
  // a malformed X-Correlation-Id is refused (400); a malformed X-Request-Id is not the caller's
  // correlation id and is ignored (200): in neither case does the header reach a log line
  const cases = [
    { header: 'x-correlation-id', value: huge, status: 400 },
    { header: 'x-correlation-id', value: tabbed, status: 400 },
    { header: 'x-request-id', value: huge, status: 200 },
    { header: 'x-request-id', value: tabbed, status: 200 },
  ];
  for (const c of cases) {
    const before = lines.length;
    const res = await fetch(`${base}/probe`, { headers: { [c.header]: c.value } });
    expect({ ...c, value: c.value.slice(0, 10), status: res.status }).toEqual({ ...c, value: c.value.slice(0, 10) });
    const body = (await res.json()) as { correlationId?: string };
    // the line of this request carries a fresh id, the one its error body gives
    const mine = await eventually(() => lines.slice(before).find((l) => l.msg === 'request completed' || l.msg === 'request errored'), 10_000);
    const id = (mine.req as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(mine.correlationId).toBe(id);
    if (c.status === 400) expect(body.correlationId).toBe(id);
    else expect(lines.slice(before).find((l) => l.msg === 'inside the handler')?.correlationId).toBe(id);
    // and no line holds the header
    expect(lines.slice(before).filter((l) => JSON.stringify(l).includes(c.value.slice(0, 40)) || JSON.stringify(l).includes('abc\\tdef'))).toEqual([]);
  }

  // a well-formed X-Request-Id is taken when there is no X-Correlation-Id
  expect((await fetch(`${base}/probe`, { headers: { 'x-request-id': 'req-good-1' } })).status).toBe(200);
  await eventually(() => (requestLines('req-good-1').some((l) => l.msg === 'inside the handler') ? true : undefined), 10_000);
});
