import { Client, Connection } from '@temporalio/client';
import type { Producer } from 'kafkajs';
import { DEFAULT_TOKEN_SECRET, issueToken, type Role } from '@county/auth';
import { grids } from '@county/reference';
import { eventually, testKafka } from '@county/testing';
import { SA } from '../../apps/case-worker/src/workflows/definitions';
import { proactiveTaskWorkflowId, taskClockQuery } from '../../apps/case-worker/src/workflows/proactive-task.definitions';
import { Publisher } from '../../apps/evaluation/test/support/simulation';
import { startSystem, type RunningSystem } from '../support/system';

/**
 * Governance before the call (未诉先办) across three services and the engines: evaluation detects a
 * hotspot and the centre opens a proactive task from it; the task appears in its unit's inbox in
 * handling; case-worker runs its clock in Temporal; the unit signs for it and reports its closure
 * in handling, which ends the clock and closes the task in evaluation's read.
 */

const BBQ = 'UM.ORDER.OUTDOOR-BBQ';
const grid = grids()[7];
let system: RunningSystem;
let producer: Producer;
let connection: Connection;
let temporal: Client;

const token = (userId: string, unitCode: string, role: Role) => issueToken(DEFAULT_TOKEN_SECRET, { userId, unitCode, role }, new Date(), 3600).token;
const CENTRE = token('qh-centre.dispatcher-1', 'QH-CENTRE', 'centre');
const UNIT = token(`${grid.townshipCode.toLowerCase()}.staff-1`, grid.townshipCode, 'unit-staff');
const caseId = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

async function call<T = Record<string, unknown>>(service: 'evaluation' | 'handling', method: string, path: string, auth: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${system.url(service)}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as T };
}

beforeAll(async () => {
  system = await startSystem(['evaluation', 'handling', 'case-worker']);
  producer = testKafka().producer();
  await producer.connect();
  connection = await Connection.connect({ address: system.env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection });
}, 180_000);

afterAll(async () => {
  await producer?.disconnect();
  await connection?.close();
  await system?.stop();
});

/**
 * A task's workflow id follows from its hotspot (category, place, month), which this test fixes; on
 * a Temporal server that keeps its history between runs, the workflow of an earlier run would take
 * the id (a finished task's workflow is never started again). It is deleted first.
 */
async function forgetEarlierRun(workflowId: string): Promise<void> {
  const gone = (err: unknown) => (err as { name?: string }).name === 'WorkflowNotFoundError';
  const handle = temporal.workflow.getHandle(workflowId);
  const found = await handle.describe().then(() => true, (err: unknown) => {
    if (gone(err)) return false;
    throw err;
  });
  if (!found) return;
  await handle.terminate('an earlier run of this test').catch(() => undefined);
  await connection.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId } });
  await eventually(async () => handle.describe().then(() => undefined, (err: unknown) => (gone(err) ? true : undefined)), 60_000, 200);
}

it('turns a hotspot into a task of its unit, with a clock in Temporal, worked on and closed in handling', async () => {
  await forgetEarlierRun(proactiveTaskWorkflowId(`${BBQ}-${grid.code}-2026-03`));
  // one barbecue case in February and five in March at one grid: a spike (as in evaluation's own test)
  const publisher = new Publisher(producer, system.topicPrefix);
  const received = (i: number, at: string) =>
    publisher.event('intake', 'case.received.v1', caseId(i), at, {
      channel: 'hotline', channelReference: `HL-E2E-${i}`, appealType: 'complaint', categoryCode: BBQ, urgency: 'normal', description: 'smoke',
      location: { resolved: true, townshipCode: grid.townshipCode, communityCode: grid.communityCode, gridCode: grid.code }, resident: { anonymous: true }, receivedAt: at, attachments: [],
    });
  await publisher.publish([received(0, '2026-02-10T01:00:00.000Z')]);
  await eventually(async () => ((await system.db.pool.query(`SELECT 1 FROM evaluation.case_facts WHERE case_id = $1`, [caseId(0)])).rowCount ? true : undefined), 60_000, 100);
  await publisher.publish([1, 2, 3, 4, 5].map((i) => received(i, `2026-03-0${i + 1}T01:00:00.000Z`)));
  const hotspotId = `hotspot-${BBQ}-${grid.code}-2026-03`;
  await eventually(async () => ((await system.db.pool.query(`SELECT 1 FROM evaluation.events WHERE stream_id = $1`, [hotspotId])).rowCount ? true : undefined), 60_000, 100);

  // the centre opens the task in evaluation
  const opened = await call<{ task: { taskId: string; unitCode: string; deadline: string; linkedCaseIds: string[] } }>('evaluation', 'POST', '/api/v1/proactive-tasks', CENTRE, { hotspotId });
  expect(opened.status).toBe(201);
  const { task } = opened.json;
  expect(task.unitCode).toBe(grid.townshipCode);

  // it is in the unit's inbox in handling, with the cases behind it
  type Row = { taskId: string; status: string; linkedCaseIds: string[]; deadline: string };
  const row = await eventually(async () => {
    const r = await call<{ items: Row[] }>('handling', 'GET', '/api/v1/inbox?box=proactive-tasks', UNIT);
    return r.json.items?.find((i) => i.taskId === task.taskId);
  }, 60_000, 200);
  expect(row).toMatchObject({ status: 'new', linkedCaseIds: [1, 2, 3, 4, 5].map(caseId), deadline: task.deadline });

  // its clock runs in Temporal, on the deadline evaluation recorded
  const handle = temporal.workflow.getHandle(proactiveTaskWorkflowId(task.taskId));
  const clock = await eventually(async () => {
    const c = await handle.query(taskClockQuery).catch(() => undefined);
    return c?.state === 'running' ? c : undefined;
  }, 60_000, 200);
  expect(clock).toMatchObject({ unitCode: grid.townshipCode, deadline: task.deadline, overdue: false });
  expect((await handle.describe()).typedSearchAttributes.get(SA.responsibleUnit)).toBe(grid.townshipCode);

  // the unit signs for it and reports its closure in handling
  expect((await call('handling', 'POST', `/api/v1/proactive-tasks/${task.taskId}/sign-for`, UNIT)).status).toBe(200);
  expect((await call('handling', 'POST', `/api/v1/proactive-tasks/${task.taskId}/closure-report`, UNIT, { text: '烧烤摊已迁入夜市' })).status).toBe(200);

  // the clock ends, met; evaluation's read says closed
  await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 60_000, 200);
  expect(await handle.result()).toMatchObject({ state: 'met', overdue: false, fired: [] });
  const closed = await eventually(async () => {
    const r = await call<{ status: string; late: boolean | null; signedAt: string | null }>('evaluation', 'GET', `/api/v1/proactive-tasks/${task.taskId}`, UNIT);
    return r.json.status === 'closed' ? r.json : undefined;
  }, 60_000, 200);
  expect(closed).toMatchObject({ late: false });
  expect(closed.signedAt).not.toBeNull();
}, 240_000);
