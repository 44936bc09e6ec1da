import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TOPICS, type CloudEvent, type ServiceName } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { ensureTopics, toKafkaMessage } from '@county/event-store';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { SA, caseViewQuery, caseWorkflowId, clocksQuery } from '../src/workflows/definitions';

// case-worker as a service: lifecycle events on Kafka -> signals -> the case's workflow on the
// shared Temporal -> what the workflow announces -> case-worker's event store -> its outbox -> Kafka.

let system: RunningSystem;
let connection: Connection;
let temporal: Client;
const kafka = testKafka();

// the start delay of a received, long enough that a slow machine's Kafka still delivers the dispatch within it
const startDelayBefore = process.env.CASE_WORKFLOW_START_DELAY_MS;

beforeAll(async () => {
  process.env.CASE_WORKFLOW_START_DELAY_MS = startDelayBefore ?? '60000';
  system = await startSystem(['case-worker']);
  await ensureTopics(kafka, Object.values(TOPICS).map((t) => `${system.topicPrefix}${t}`), 1);
  connection = await Connection.connect({ address: system.env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection });
}, 120_000);

afterAll(async () => {
  await connection?.close();
  await system?.stop();
  if (startDelayBefore === undefined) delete process.env.CASE_WORKFLOW_START_DELAY_MS;
  else process.env.CASE_WORKFLOW_START_DELAY_MS = startDelayBefore;
});

function envelope(source: ServiceName, type: string, caseId: string, data: Record<string, unknown>): CloudEvent {
  return { specversion: '1.0', id: randomUUID(), source, type, subject: caseId, time: new Date().toISOString(), datacontenttype: 'application/json', data: { caseId, ...data }, sequence: 1, correlationid: 'corr-cw', causationid: 'corr-cw' };
}

it('follows a case from Kafka and announces its deadlines on its own topic', async () => {
  const producer = kafka.producer();
  await producer.connect();
  const publish = (e: CloudEvent) => producer.send({ topic: `${system.topicPrefix}${TOPICS[e.source]}`, messages: [toKafkaMessage(e)] });
  const outside = await collectMessages(kafka, [`${system.topicPrefix}${TOPICS['case-worker']}`]);
  const caseId = randomUUID();
  const now = new Date().toISOString();

  await publish(
    envelope('intake', 'case.received.v1', caseId, {
      channel: 'hotline',
      channelReference: 'HL-1',
      appealType: 'complaint',
      categoryCode: 'UM.ORDER.PARKING',
      urgency: 'urgent',
      description: '小区门口有车辆长期占用消防通道',
      location: { resolved: true, townshipCode: 'QH-LL' },
      resident: { anonymous: false, residentId: 'r-1', maskedPhone: '138****5678' },
      receivedAt: now,
      attachments: [],
    }),
  );
  const dispatched = envelope('dispatch', 'case.dispatched.v1', caseId, {
    primaryUnitCode: 'QH-LL-01',
    cooperatingUnitCodes: [],
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'urgent',
    townshipCode: 'QH-LL',
    basis: { kind: 'placeholder', explanation: 'test' },
    dispatchedAt: now,
  });
  await publish(dispatched);
  await publish(dispatched); // redelivered: changes nothing

  const handle = temporal.workflow.getHandle(caseWorkflowId(caseId));
  const description = await eventually(async () => {
    const d = await handle.describe();
    return d.typedSearchAttributes.get(SA.status) === 'dispatched' && d.typedSearchAttributes.get(SA.nextDeadline) ? d : undefined;
  }, 60_000, 200);
  expect(description.typedSearchAttributes.get(SA.responsibleUnit)).toBe('QH-LL-01');
  expect(description.typedSearchAttributes.get(SA.township)).toBe('QH-LL');
  // urgent: the sign-for deadline, 30 minutes after the dispatch, is the next one
  expect(description.typedSearchAttributes.get(SA.nextDeadline)?.toISOString()).toBe(new Date(Date.parse(now) + 30 * 60_000).toISOString());
  expect(await handle.query(caseViewQuery)).toMatchObject({ caseId, status: 'dispatched', eventsSeen: 2 });
  expect((await handle.query(clocksQuery)).clocks.map((c) => c.clock).sort()).toEqual(['first-contact', 'handling', 'sign-for', 'transfer-window']);

  const seen = await outside.waitFor((m) => m.filter((x) => x.key === caseId).length >= 4, 60_000);
  const mine = seen.filter((m) => m.key === caseId).map((m) => m.value as CloudEvent);
  expect(mine.map((e) => e.type)).toEqual(Array(4).fill('case.deadline-set.v1'));
  for (const e of mine) {
    expect(validateAgainstAsyncApi(e)).toEqual({ valid: true, errors: [] });
    expect(e).toMatchObject({ source: 'case-worker', subject: caseId, causationid: dispatched.id });
  }
  // nothing personal in anything Temporal keeps
  const history = JSON.stringify(await handle.fetchHistory());
  expect(history).not.toMatch(/消防通道|138\*\*\*\*5678|r-1/);

  await publish(envelope('evaluation', 'case.closed.v1', caseId, { outcome: 'resolved' }));
  await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 60_000, 200);
  await outside.stop();
  await producer.disconnect();
}, 180_000);

it("takes a case's received and dispatched in one workflow task: the workflow its received starts waits for the next event", async () => {
  const producer = kafka.producer();
  await producer.connect();
  try {
    const publish = (e: CloudEvent) => producer.send({ topic: `${system.topicPrefix}${TOPICS[e.source]}`, messages: [toKafkaMessage(e)] });
    const caseId = randomUUID();
    const now = new Date().toISOString();
    await publish(
      envelope('intake', 'case.received.v1', caseId, {
        channel: 'hotline', channelReference: 'HL-2', appealType: 'complaint', categoryCode: 'UM.ORDER.PARKING', urgency: 'normal',
        description: 'x', location: { resolved: true, townshipCode: 'QH-LL' }, resident: { anonymous: true }, receivedAt: now, attachments: [],
      }),
    );
    const handle = temporal.workflow.getHandle(caseWorkflowId(caseId));
    // the workflow is there, with the case's search attributes from its start, before it ran any task
    const started = await eventually(async () => (await handle.describe().catch(() => undefined)), 60_000, 100);
    expect(started.typedSearchAttributes.get(SA.status)).toBe('received');
    expect(started.typedSearchAttributes.get(SA.category)).toBe('UM.ORDER.PARKING');
    // the dispatch comes a moment later (a workflow task would be long done by then without the wait)
    await new Promise((r) => setTimeout(r, 1_000));
    await publish(
      envelope('dispatch', 'case.dispatched.v1', caseId, {
        primaryUnitCode: 'QH-LL-01', cooperatingUnitCodes: [], categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-LL',
        basis: { kind: 'placeholder', explanation: 'test' }, dispatchedAt: now,
      }),
    );
    await eventually(async () => ((await handle.describe()).typedSearchAttributes.get(SA.nextDeadline) ? true : undefined), 60_000, 200);
    const events = (await handle.fetchHistory()).events ?? [];
    const firstTask = events.findIndex((e) => e.workflowTaskCompletedEventAttributes);
    expect(events.slice(0, firstTask).filter((e) => e.workflowExecutionSignaledEventAttributes)).toHaveLength(2);
    expect(events.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    await publish(envelope('evaluation', 'case.closed.v1', caseId, { outcome: 'resolved' }));
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 60_000, 200);
  } finally {
    await producer.disconnect();
  }
}, 180_000);
