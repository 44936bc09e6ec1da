import { randomUUID } from 'node:crypto';
import { Module, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { TOPICS, deadLetterTopic, type CaseReceivedData, type CloudEvent } from '@county/contracts';
import { collectMessages, createTestDatabase, eventually, serviceEnv, testKafka, uniqueName, type TestDatabase } from '@county/testing';
import { ConsumerGroup, EventContext, PlatformModule, createRootLogger, createService, listen, loadConfig, shapeViolations } from '../src';

/**
 * The event transport through real Kafka and PostgreSQL: a @ConsumerGroup controller of a service
 * built like every other (createService, listen), reading intake's topic under a prefix of its own.
 * The probe's effect is a row per event id in probe.effects, written on the transaction it is given.
 */

/** How often the handler was entered for each event id (whatever the outcome). */
const attempts = new Map<string, number>();

@ConsumerGroup({ purpose: 'probe', from: ['intake'] })
class Probe {
  @EventPattern('case.received.v1')
  async received(@Payload() event: CloudEvent<'case.received.v1', CaseReceivedData>, @Ctx() { db }: EventContext): Promise<void> {
    const n = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, n);
    // the effect is written before the failure: a rolled-back attempt leaves nothing behind
    await db.query('INSERT INTO probe.effects (event_id, case_id) VALUES ($1, $2)', [event.id, event.subject]);
    if (event.data.description === 'fails once' && n === 1) throw new Error('fails the first time');
    if (event.data.description === 'always fails') throw new Error('always fails');
  }
}

@Module({})
class ProbeModule {
  static register(env: NodeJS.ProcessEnv) {
    return {
      module: ProbeModule,
      imports: [PlatformModule.forService({ service: 'dispatch', env, logger: createRootLogger(loadConfig('dispatch', env)) })],
      controllers: [Probe],
    };
  }
}

let db: TestDatabase;
let app: INestApplication;
let kafka: Kafka;
let producer: Producer;
let admin: Admin;
let topicPrefix: string;
const group = () => `${topicPrefix}dispatch.probe`;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query('CREATE SCHEMA probe; CREATE TABLE probe.effects (event_id uuid NOT NULL, case_id text NOT NULL)');
  topicPrefix = `${uniqueName('transport')}.`;
  app = await createService(ProbeModule.register(serviceEnv({ database: db.name, topicPrefix })), { title: 'probe', description: 'the event transport under test' });
  await listen(app, []);
  kafka = testKafka();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  admin = kafka.admin();
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.disconnect();
  await producer?.disconnect();
  await app?.close();
  await db?.drop();
});

function received(caseId: string, description: string, id = randomUUID()): CloudEvent<'case.received.v1', CaseReceivedData> {
  return {
    specversion: '1.0',
    id,
    source: 'intake',
    type: 'case.received.v1',
    subject: caseId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {
      caseId,
      channel: 'hotline',
      channelReference: `HL-${caseId}`,
      appealType: 'complaint',
      categoryCode: 'UM.ORDER.PARKING',
      urgency: 'normal',
      description,
      location: { gridCode: 'QH-CG-04-04', resolved: true },
      resident: { anonymous: true },
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      attachments: [],
    },
    sequence: 1,
    correlationid: `corr-${caseId}`,
    causationid: id,
  };
}

async function publish(...events: object[]): Promise<void> {
  await producer.send({
    topic: `${topicPrefix}${TOPICS.intake}`,
    acks: -1,
    messages: events.map((e) => ({ key: (e as CloudEvent).subject, value: JSON.stringify(e) })),
  });
}

async function effects(eventId: string): Promise<number> {
  const r = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM probe.effects WHERE event_id = $1', [eventId]);
  return r.rows[0].n;
}

/** Waits until the event's effect is committed. */
const handled = (eventId: string) => eventually(async () => ((await effects(eventId)) > 0 ? true : undefined));

it('retries a handler that throws once, and its effect happens once', async () => {
  const caseId = randomUUID();
  const event = received(caseId, 'fails once');
  expect(shapeViolations(event)).toEqual([]);
  await publish(event);
  await handled(event.id);
  expect(attempts.get(event.id)).toBe(2);
  expect(await effects(event.id)).toBe(1);
});

it('parks a handler that always throws after its attempts, with the error, and the partition moves on', async () => {
  const dlq = await collectMessages(kafka, [deadLetterTopic(group())]);
  const caseId = randomUUID();
  const poison = received(caseId, 'always fails');
  const next = received(caseId, 'the next one');
  await publish(poison, next);
  await handled(next.id);
  const parked = await dlq.waitFor((m) => m.some((x) => (x.value as CloudEvent).id === poison.id));
  await dlq.stop();
  const message = parked.find((x) => (x.value as CloudEvent).id === poison.id);
  expect(message?.headers['x-error']).toBe('always fails');
  expect(message?.headers['x-original-topic']).toBe(`${topicPrefix}${TOPICS.intake}`);
  expect(attempts.get(poison.id)).toBe(5);
  expect(await effects(poison.id)).toBe(0);
});

it('parks a payload that does not have the shape of its schema at once, without handing it to the handler', async () => {
  const dlq = await collectMessages(kafka, [deadLetterTopic(group())]);
  const caseId = randomUUID();
  const good = received(caseId, 'well formed');
  const malformed = { ...good, id: randomUUID(), data: { caseId, description: 'no category, no channel' } };
  const next = received(caseId, 'after the malformed one');
  expect(shapeViolations(malformed as CloudEvent).length).toBeGreaterThan(0);
  await publish(malformed, next);
  await handled(next.id);
  const parked = await dlq.waitFor((m) => m.some((x) => (x.value as CloudEvent).id === malformed.id));
  await dlq.stop();
  expect(parked.find((x) => (x.value as CloudEvent).id === malformed.id)?.headers['x-error']).toMatch(/^case\.received\.v1 does not have the shape of its schema: .*categoryCode/);
  expect(attempts.get(malformed.id)).toBeUndefined();
});

it('changes nothing on a redelivered event', async () => {
  const caseId = randomUUID();
  const event = received(caseId, 'delivered twice');
  const marker = received(caseId, 'after the redelivery');
  await publish(event);
  await handled(event.id);
  await publish(event, marker);
  await handled(marker.id);
  expect(await effects(event.id)).toBe(1);
  expect(attempts.get(event.id)).toBe(1);
});

it('consumes as the group <prefix><service>.<purpose>, with no suffix, and commits its offsets there', async () => {
  const topic = `${topicPrefix}${TOPICS.intake}`;
  const committed = await eventually(async () => {
    const [offsets] = await admin.fetchOffsets({ groupId: group(), topics: [topic] });
    const total = offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    return total > 0 ? total : undefined;
  });
  expect(committed).toBeGreaterThan(0);
  const { groups } = await admin.listGroups();
  const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(topicPrefix));
  expect(ours).toContain(group());
  expect(ours.filter((id) => id.endsWith('-server'))).toEqual([]);
});
