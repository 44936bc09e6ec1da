import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type CloudEvent, type ProactiveTaskOpenedData } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { api, republish, tokenFor, type Reply } from './support';

/**
 * Proactive tasks (未诉先办) at the unit, over the real engines: evaluation's opening and the
 * task workflow's warnings arrive as their events on their (test-prefixed) topics; the unit finds
 * the task in its inbox and works on it through handling's API; handling's events leave on Kafka.
 */

let system: RunningSystem;
let producer: Producer;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};

const UNIT = 'QH-CG';
const COOPERATING = 'QH-URBAN';

beforeAll(async () => {
  system = await startSystem(['handling']);
  producer = testKafka().producer();
  await producer.connect();
  call = api(system);
  for (const user of ['qh-cg.staff-1', 'qh-urban.staff-1', 'qh-cg-01.staff-1', 'qh-centre.dispatcher-1']) tokens[user] = await tokenFor(system, user);
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await system?.stop();
});

function envelope(source: CloudEvent['source'], type: string, subject: string, data: object): CloudEvent {
  return { specversion: '1.0', id: randomUUID(), source, type, subject, time: new Date().toISOString(), datacontenttype: 'application/json', data, sequence: 1, correlationid: `corr-${subject}`, causationid: `corr-${subject}` };
}

async function openTask(deadline = new Date(Date.now() + 5 * 86_400_000).toISOString()): Promise<ProactiveTaskOpenedData> {
  const taskId = `UM.ORDER.OUTDOOR-BBQ-QH-CG-04-04-2026-03-${randomUUID().slice(0, 8)}`;
  const data: ProactiveTaskOpenedData = {
    taskId,
    hotspotId: `hotspot-${taskId}`,
    categoryCode: 'UM.ORDER.OUTDOOR-BBQ',
    placeKind: 'grid',
    placeCode: 'QH-CG-04-04',
    townshipCode: UNIT,
    period: '2026-03',
    unitCode: UNIT,
    cooperatingUnitCodes: [COOPERATING],
    listItemId: 'UM.ORDER.OUTDOOR-BBQ',
    listVersion: 1,
    linkedCaseIds: [randomUUID(), randomUUID()].sort(),
    deadline,
    openedBy: 'QH-CENTRE',
    openedAt: new Date().toISOString(),
  };
  await republish(producer, system, envelope('evaluation', 'proactive-task.opened.v1', `proactive-task-${taskId}`, data));
  return data;
}

type Row = { kind: string; taskId: string; role: string; status: string; linkedCaseIds: string[]; warningLevel: string | null; overdue: boolean; late: boolean | null };

async function inboxUntil(token: string, pred: (items: Row[]) => boolean): Promise<Row[]> {
  return eventually(async () => {
    const r = await call<{ items: Row[] }>('GET', '/api/v1/inbox?box=proactive-tasks', token);
    return r.status === 200 && pred(r.body.items) ? r.body.items : undefined;
  });
}

async function eventCount(): Promise<number> {
  return (await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM handling.events')).rows[0].n;
}

const refused = (reply: Reply) => ({ status: reply.status, code: reply.body.code });

it('a task opened by evaluation is in its unit\'s inbox with its linked cases; the unit signs, notes progress and reports the closure; the clock lights it', async () => {
  const out = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.handling}`]);
  const staff = tokens['qh-cg.staff-1'];
  const task = await openTask();

  const [row] = (await inboxUntil(staff, (items) => items.some((i) => i.taskId === task.taskId))).filter((i) => i.taskId === task.taskId);
  expect(row).toMatchObject({ kind: 'proactive-task', role: 'lead', status: 'new', linkedCaseIds: task.linkedCaseIds, warningLevel: null, overdue: false });
  // a cooperating unit sees it too, and may read it; another unit does not see it
  expect((await inboxUntil(tokens['qh-urban.staff-1'], (items) => items.some((i) => i.taskId === task.taskId))).find((i) => i.taskId === task.taskId)?.role).toBe('cooperating');
  expect((await call<{ items: Row[] }>('GET', '/api/v1/inbox?box=proactive-tasks', tokens['qh-cg-01.staff-1'])).body.items.map((i) => i.taskId)).not.toContain(task.taskId);
  expect((await call('GET', `/api/v1/proactive-tasks/${task.taskId}`, tokens['qh-cg-01.staff-1'])).status).toBe(403);
  expect((await call('GET', `/api/v1/proactive-tasks/${task.taskId}`, tokens['qh-centre.dispatcher-1'])).status).toBe(200);

  // refusals write nothing
  const before = await eventCount();
  expect(refused(await call('POST', `/api/v1/proactive-tasks/${task.taskId}/progress-notes`, staff, { text: 'too early' }))).toEqual({ status: 409, code: 'PROACTIVE_TASK.NOT_SIGNED' });
  expect(refused(await call('POST', `/api/v1/proactive-tasks/${task.taskId}/sign-for`, tokens['qh-urban.staff-1']))).toEqual({ status: 403, code: 'PROACTIVE_TASK.NOT_YOUR_TASK' });
  expect(refused(await call('POST', `/api/v1/proactive-tasks/${task.taskId}/sign-for`, tokens['qh-centre.dispatcher-1']))).toEqual({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
  expect(refused(await call('POST', `/api/v1/proactive-tasks/no-such-task/sign-for`, staff))).toEqual({ status: 404, code: 'PROACTIVE_TASK.NOT_FOUND' });
  const bad = await call<{ errors: { field: string }[] }>('POST', `/api/v1/proactive-tasks/${task.taskId}/closure-report`, staff, { text: '', extra: 1 });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['extra', 'text']);
  expect(await eventCount()).toBe(before);

  expect((await call('POST', `/api/v1/proactive-tasks/${task.taskId}/sign-for`, staff)).status).toBe(200);
  expect(refused(await call('POST', `/api/v1/proactive-tasks/${task.taskId}/sign-for`, staff))).toEqual({ status: 409, code: 'PROACTIVE_TASK.ALREADY_SIGNED' });
  expect((await call('POST', `/api/v1/proactive-tasks/${task.taskId}/progress-notes`, staff, { text: '两处烧烤摊已迁入夜市' })).status).toBe(200);

  // the task's workflow warns: the row shows the light
  await republish(producer, system, envelope('case-worker', 'proactive-task.warning-issued.v1', `proactive-task-${task.taskId}`, { taskId: task.taskId, unitCode: UNIT, level: 'orange', fraction: 0.75, notify: ['handler', 'unit-leader'], deadline: task.deadline }));
  await republish(producer, system, envelope('case-worker', 'proactive-task.warning-issued.v1', `proactive-task-${task.taskId}`, { taskId: task.taskId, unitCode: UNIT, level: 'yellow', fraction: 0.5, notify: ['handler'], deadline: task.deadline }));
  const lit = (await inboxUntil(staff, (items) => items.some((i) => i.taskId === task.taskId && i.warningLevel === 'orange'))).find((i) => i.taskId === task.taskId);
  expect(lit).toMatchObject({ status: 'signed', warningLevel: 'orange', overdue: false });

  const closed = await call<{ events: { type: string }[] }>('POST', `/api/v1/proactive-tasks/${task.taskId}/closure-report`, staff, { text: '安装无烟烧烤炉，每周巡查两次' });
  expect(closed.status).toBe(200);
  expect(refused(await call('POST', `/api/v1/proactive-tasks/${task.taskId}/progress-notes`, staff, { text: 'after' }))).toEqual({ status: 409, code: 'PROACTIVE_TASK.CLOSED' });
  // closed: out of the box; the view keeps the notes, oldest first, and the links
  await inboxUntil(staff, (items) => !items.some((i) => i.taskId === task.taskId));
  const view = await call<{ status: string; late: boolean; linkedCaseIds: string[]; notes: { kind: string; text: string }[] }>('GET', `/api/v1/proactive-tasks/${task.taskId}`, tokens['qh-urban.staff-1']);
  expect(view.body).toMatchObject({ status: 'closed', late: false, linkedCaseIds: task.linkedCaseIds });
  expect(view.body.notes.map((n) => n.kind)).toEqual(['progress', 'closure']);

  // handling's events: in the AsyncAPI document, keyed by the task's subject, without the texts
  const seen = await out.waitFor((m) => m.filter((x) => (x.value as CloudEvent).subject === `proactive-task-${task.taskId}`).length === 3, 60_000);
  await out.stop();
  const mine = seen.filter((m) => (m.value as CloudEvent).subject === `proactive-task-${task.taskId}`);
  expect(mine.map((m) => (m.value as CloudEvent).type)).toEqual(['proactive-task.signed-for.v1', 'proactive-task.progress-noted.v1', 'proactive-task.closure-reported.v1']);
  for (const m of mine) {
    expect(m.key).toBe(`proactive-task-${task.taskId}`);
    expect(validateAgainstAsyncApi(m.value as CloudEvent)).toEqual({ valid: true, errors: [] });
  }
  expect(JSON.stringify(mine.map((m) => m.value))).not.toMatch(/夜市|烧烤炉/);
}, 180_000);

it('an overdue task is marked by its clock, and a late closure says so', async () => {
  const staff = tokens['qh-cg.staff-1'];
  const task = await openTask(new Date(Date.now() - 60_000).toISOString());
  await inboxUntil(staff, (items) => items.some((i) => i.taskId === task.taskId));
  // redelivered: applied once
  const overdue = envelope('case-worker', 'proactive-task.overdue.v1', `proactive-task-${task.taskId}`, { taskId: task.taskId, unitCode: UNIT, deadline: task.deadline });
  await republish(producer, system, overdue);
  await republish(producer, system, overdue);
  await inboxUntil(staff, (items) => items.some((i) => i.taskId === task.taskId && i.overdue));
  expect((await call('POST', `/api/v1/proactive-tasks/${task.taskId}/sign-for`, staff)).status).toBe(200);
  expect((await call('POST', `/api/v1/proactive-tasks/${task.taskId}/closure-report`, staff, { text: 'done late' })).status).toBe(200);
  const view = await call<{ status: string; late: boolean; overdue: boolean }>('GET', `/api/v1/proactive-tasks/${task.taskId}`, staff);
  expect(view.body).toMatchObject({ status: 'closed', late: true, overdue: true });
}, 120_000);
