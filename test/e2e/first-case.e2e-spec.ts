import { Client, Connection } from '@temporalio/client';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { TOPICS } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { SA, caseViewQuery, caseWorkflowId } from '../../apps/case-worker/src/workflows/definitions';
import { startSystem, type RunningSystem } from '../support/system';

const appeal = {
  channel: 'hotline',
  channelReference: 'HL-20260302-000123',
  appealType: 'complaint',
  categoryCode: 'UM.ORDER.PARKING',
  urgency: 'normal',
  description: '小区门口有车辆长期占用消防通道',
  location: { gridCode: 'QH-CG-04-04' },
  resident: { name: '张三', phone: '13812345678' },
  receivedAt: '2026-03-02T09:15:00+08:00',
};

let system: RunningSystem;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  system = await startSystem(['intake', 'dispatch', 'case-worker']);
  connection = await Connection.connect({ address: system.env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection });
}, 120_000);

afterAll(async () => {
  await connection?.close();
  await system?.stop();
});

it('takes a case from an HTTP POST through Kafka and dispatch to its workflow in Temporal', async () => {
  const topics = [`${system.topicPrefix}${TOPICS.intake}`, `${system.topicPrefix}${TOPICS.dispatch}`];
  const outside = await collectMessages(testKafka(), topics);

  const res = await fetch(`${system.url('intake')}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-e2e-1', 'x-api-key': 'dev-hotline-key' },
    body: JSON.stringify(appeal),
  });
  expect(res.status).toBe(201);
  const { caseId } = (await res.json()) as { caseId: string };

  // the workflow case-<caseId> runs, with search attributes an operator can filter on
  const handle = temporal.workflow.getHandle(caseWorkflowId(caseId));
  const description = await eventually(async () => {
    const d = await handle.describe();
    return d.typedSearchAttributes.get(SA.status) === 'dispatched' ? d : undefined;
  }, 60_000, 200);
  expect(description.typedSearchAttributes.get(SA.category)).toBe('UM.ORDER.PARKING');
  expect(description.typedSearchAttributes.get(SA.urgency)).toBe('normal');
  expect(description.typedSearchAttributes.get(SA.channel)).toBe('hotline');
  expect(description.typedSearchAttributes.get(SA.responsibleUnit)).toBe('QH-CG');
  expect(await handle.query(caseViewQuery)).toMatchObject({ caseId, status: 'dispatched', eventsSeen: 2 });

  // an outside consumer reads the case's events from the topics, keyed by case id, in order
  const seen = await outside.waitFor((m) => m.filter((x) => x.key === caseId).length >= 2);
  await outside.stop();
  const mine = seen.filter((m) => m.key === caseId);
  expect(mine.map((m) => (m.value as { type: string }).type)).toEqual(['case.received.v1', 'case.dispatched.v1']);
  for (const m of mine) {
    expect(validateAgainstAsyncApi(m.value as { type: string })).toEqual({ valid: true, errors: [] });
    expect(m.value).toMatchObject({ subject: caseId, correlationid: 'corr-e2e-1' });
  }
  const [received, dispatched] = mine.map((m) => m.value as { id: string; causationid: string; data: Record<string, unknown> });
  expect(dispatched.causationid).toBe(received.id);
  // no personal data leaves intake
  expect(JSON.stringify(mine.map((m) => m.value))).not.toMatch(/13812345678|张三/);
  expect(received.data.resident).toMatchObject({ anonymous: false, maskedPhone: '138****5678' });
});

it('answers bad input with a 400 that names each bad field, and stores nothing', async () => {
  const before = await system.db.pool.query('SELECT count(*)::int AS n FROM intake.events');
  const res = await fetch(`${system.url('intake')}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dev-hotline-key' },
    body: JSON.stringify({ ...appeal, channel: 'fax', urgency: undefined, location: { latitude: 300 }, unexpected: true }),
  });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { code: string; errors: { field: string }[] };
  expect(body.code).toBe('VALIDATION_FAILED');
  expect(body.errors.map((e) => e.field).sort()).toEqual(['channel', 'location.latitude', 'unexpected', 'urgency']);
  const after = await system.db.pool.query('SELECT count(*)::int AS n FROM intake.events');
  expect(after.rows[0].n).toBe(before.rows[0].n);
});

it('serves health, metrics and the OpenAPI document on every service', async () => {
  for (const s of ['intake', 'dispatch', 'case-worker'] as const) {
    const health = await fetch(`${system.url(s)}/health`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${system.url(s)}/metrics`)).text();
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
    const docs = (await (await fetch(`${system.url(s)}/docs-json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(docs.openapi).toMatch(/^3\./);
    expect(docs.paths['/health']).toBeDefined();
  }
});
