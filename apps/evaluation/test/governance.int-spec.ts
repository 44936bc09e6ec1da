import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type CloudEvent } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { DEFAULT_TOKEN_SECRET, issueToken, type Role } from '@county/auth';
import { grids } from '@county/reference';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { defined, startIsolatedEvaluation, type RunningEvaluation } from './support/evaluation-service';
import { Publisher } from './support/simulation';

/**
 * Governance before the call: a hotspot becomes a proactive task of the unit the responsibility
 * list names, with its own deadline; the unit's progress and closure (handling) and the clock
 * (case-worker) come back as their events; a month's topic and its trend.
 */

const CALLBACK = 'gov-callback-token';
const BBQ = 'UM.ORDER.OUTDOOR-BBQ';
const grid = grids()[3];
let system: RunningEvaluation;
let producer: Producer;
let publisher: Publisher;

const token = (userId: string, unitCode: string, role: Role) => issueToken(DEFAULT_TOKEN_SECRET, { userId, unitCode, role }, new Date(), 3600).token;
const CENTRE = token('qh-centre.dispatcher-1', 'QH-CENTRE', 'centre');
const TOWNSHIP = token(`${grid.townshipCode.toLowerCase()}.staff-1`, grid.townshipCode, 'unit-staff');
const OTHER = token('qh-market.staff-1', 'QH-MARKET', 'unit-staff');
/** Case ids are UUIDs, as intake makes them (the services refuse any other id in a path): 0 is February's case, 1 to 5 March's. */
const govCaseId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const FEB_CASE = govCaseId(0);

async function call(method: string, path: string, auth?: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(auth && { authorization: `Bearer ${auth}` }) }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const eventCount = async () => (await system.db.pool.query('SELECT count(*)::int AS n FROM evaluation.events')).rows[0].n as number;

const received = (caseId: string, at: string) =>
  publisher.event('intake', 'case.received.v1', caseId, at, {
    channel: 'hotline', channelReference: `HL-${caseId}`, appealType: 'complaint', categoryCode: BBQ, urgency: 'normal', description: 'smoke',
    location: { resolved: true, townshipCode: grid.townshipCode, communityCode: grid.communityCode, gridCode: grid.code }, resident: { anonymous: true }, receivedAt: at, attachments: [],
  });

beforeAll(async () => {
  system = await startIsolatedEvaluation({ EVALUATION_CALLBACK_TOKEN: CALLBACK });
  producer = testKafka().producer();
  await producer.connect();
  publisher = new Publisher(producer, system.topicPrefix);
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await system?.stop();
});

describe('governance before the call', () => {
  const marchCases = [1, 2, 3, 4, 5].map(govCaseId);
  const [REPEATED, VISITED] = marchCases;
  const hotspotId = `hotspot-${BBQ}-${grid.code}-2026-03`;

  it('turns a detected hotspot into a proactive task of the unit the list names, with its own clock', async () => {
    // one barbecue case in February, five in March: a spike (count 5 >= 5 and >= 2 x 1/3)
    await publisher.publish([received(FEB_CASE, '2026-02-10T01:00:00.000Z')]);
    await eventually(async () => ((await system.db.pool.query(`SELECT 1 FROM evaluation.case_facts WHERE case_id = $1`, [FEB_CASE])).rowCount ? true : undefined), 60_000, 100);
    await publisher.publish([
      ...marchCases.map((id, i) => received(id, `2026-03-0${i + 2}T01:00:00.000Z`)),
      publisher.event('intake', 'case.repeat-appeal-recorded.v1', REPEATED, '2026-03-09T01:00:00.000Z', { channel: 'hotline', channelReference: `HL-${REPEATED}-R1`, receivedAt: '2026-03-09T01:00:00.000Z', repeatCount: 1 }),
      publisher.event('dispatch', 'case.dispatched.v1', VISITED, '2026-03-03T01:30:00.000Z', { primaryUnitCode: grid.townshipCode, cooperatingUnitCodes: [], categoryCode: BBQ, urgency: 'normal', townshipCode: grid.townshipCode, basis: { kind: 'list', explanation: 'x' }, dispatchedAt: '2026-03-03T01:30:00.000Z' }),
      publisher.event('dispatch', 'case.result-approved.v1', VISITED, '2026-03-05T02:00:00.000Z', { unitCode: grid.townshipCode, reviewedAt: '2026-03-05T02:00:00.000Z' }),
    ]);
    // every event consumed (three topics, in no order between them), and the hotspot detected
    await eventually(async () => ((await system.db.pool.query(`SELECT count(*)::int AS n FROM evaluation.consumed_events WHERE source <> 'evaluation'`)).rows[0].n === publisher.published.length ? true : undefined), 60_000, 100);
    await eventually(async () => ((await system.db.pool.query(`SELECT 1 FROM evaluation.events WHERE stream_id = $1`, [hotspotId])).rowCount ? true : undefined), 60_000, 100);
    const visit = await fetch(`${system.url}/api/v1/return-visits/${VISITED}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-callback-token': CALLBACK }, body: JSON.stringify({ resolved: true, satisfaction: 'satisfied', visitedAt: '2026-03-06T02:00:00.000Z' }) });
    expect(visit.status).toBe(200);

    const outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.evaluation}`]);
    // only the centre opens tasks
    expect((await call('POST', '/api/v1/proactive-tasks', TOWNSHIP, { hotspotId })).status).toBe(403);
    expect((await call('POST', '/api/v1/proactive-tasks', CENTRE, { hotspotId: 'hotspot-none' })).status).toBe(404);
    const opened = await call('POST', '/api/v1/proactive-tasks', CENTRE, { hotspotId });
    expect(opened.status).toBe(201);
    const task = opened.json.task as { taskId: string; unitCode: string; linkedCaseIds: string[]; deadline: string; openedAt: string; listItemId: string };
    // the baseline list: outdoor barbecues go to the place's township
    expect(task).toMatchObject({ unitCode: grid.townshipCode, linkedCaseIds: marchCases, placeKind: 'grid', placeCode: grid.code, period: '2026-03' });
    expect(task.listItemId).toMatch(/UM\.ORDER\.OUTDOOR-BBQ/);
    // five working days (the complaint profile's handling limit): at least five calendar days later
    expect(Date.parse(task.deadline) - Date.parse(task.openedAt)).toBeGreaterThanOrEqual(5 * 86_400_000 - 86_400_000);
    expect(opened.json).toMatchObject({ status: 'open', overdue: false, signedAt: null, progressNotes: 0, warningLevel: null });
    const before = await eventCount();
    const again = await call('POST', '/api/v1/proactive-tasks', CENTRE, { hotspotId });
    expect([again.status, again.json.code]).toEqual([409, 'TASK.EXISTS']);
    expect(await eventCount()).toBe(before);

    // visible to its unit like a case; not to another unit
    const mine = await call('GET', '/api/v1/proactive-tasks?status=open', TOWNSHIP);
    expect((mine.json.tasks as { task: { taskId: string } }[]).map((t) => t.task.taskId)).toEqual([task.taskId]);
    expect((await call('GET', '/api/v1/proactive-tasks', OTHER)).json.tasks).toEqual([]);
    expect((await call('GET', `/api/v1/proactive-tasks/${task.taskId}`, OTHER)).status).toBe(403);

    // the unit works on it in handling, and the task's workflow runs its clock: evaluation folds their events into its read
    const subject = `proactive-task-${task.taskId}`;
    const from = async (source: 'handling' | 'case-worker', type: string, data: Record<string, unknown>) => {
      const e: CloudEvent = { specversion: '1.0', id: randomUUID(), source, type, subject, time: new Date().toISOString(), datacontenttype: 'application/json', data, sequence: 1, correlationid: subject, causationid: subject };
      expect(validateAgainstAsyncApi(e)).toEqual({ valid: true, errors: [] });
      await producer.send({ topic: `${system.topicPrefix}${TOPICS[source]}`, acks: -1, messages: [{ key: subject, value: JSON.stringify(e) }] });
    };
    const stands = (pred: (v: Record<string, unknown>) => boolean) =>
      eventually(async () => {
        const r = await call('GET', `/api/v1/proactive-tasks/${task.taskId}`, TOWNSHIP);
        return pred(r.json) ? r.json : undefined;
      }, 60_000, 100);
    const unit = grid.townshipCode;
    await from('handling', 'proactive-task.signed-for.v1', { taskId: task.taskId, unitCode: unit, signedAt: '2026-03-10T01:00:00.000Z' });
    await from('handling', 'proactive-task.progress-noted.v1', { taskId: task.taskId, unitCode: unit, noteId: randomUUID(), notedAt: '2026-03-10T02:00:00.000Z' });
    await from('case-worker', 'proactive-task.warning-issued.v1', { taskId: task.taskId, unitCode: unit, level: 'yellow', fraction: 0.5, notify: ['handler'], deadline: task.deadline });
    expect(await stands((v) => v.warningLevel === 'yellow')).toMatchObject({ status: 'signed', signedAt: '2026-03-10T01:00:00.000Z', progressNotes: 1, overdue: false, closedAt: null });
    await from('case-worker', 'proactive-task.overdue.v1', { taskId: task.taskId, unitCode: unit, deadline: task.deadline });
    await stands((v) => v.overdue === true);
    await from('handling', 'proactive-task.closure-reported.v1', { taskId: task.taskId, unitCode: unit, reportId: randomUUID(), late: true, reportedAt: '2026-03-20T01:00:00.000Z' });
    expect(await stands((v) => v.status === 'closed')).toMatchObject({ late: true, overdue: true, closedAt: '2026-03-20T01:00:00.000Z' });
    expect(((await call('GET', '/api/v1/proactive-tasks?status=closed', TOWNSHIP)).json.tasks as { task: { taskId: string } }[]).map((t) => t.task.taskId)).toEqual([task.taskId]);
    expect((await call('GET', '/api/v1/proactive-tasks?status=open', TOWNSHIP)).json.tasks).toEqual([]);
    // a task and a topic are not cases: no case facts for their subjects
    expect((await system.db.pool.query(`SELECT case_id FROM evaluation.case_facts WHERE case_id LIKE 'proactive-task-%' OR case_id LIKE 'monthly-topic-%'`)).rows).toEqual([]);
    // the unit's commands are handling's now: evaluation has none
    expect((await call('POST', `/api/v1/proactive-tasks/${task.taskId}/progress`, TOWNSHIP, { text: 'x' })).status).toBe(404);

    // evaluation's event: in the AsyncAPI document
    const seen = await outside.waitFor((m) => m.some((x) => (x.value as CloudEvent).type.startsWith('proactive-task.')), 60_000);
    await outside.stop();
    const mineEvents = seen.map((m) => m.value as CloudEvent).filter((e) => e.type.startsWith('proactive-task.'));
    expect(mineEvents.map((e) => e.type)).toEqual(['proactive-task.opened.v1']);
    for (const e of mineEvents) expect(validateAgainstAsyncApi(e)).toEqual({ valid: true, errors: [] });
  }, 180_000);

  it("follows the month's topic: volume, repeat appeals and satisfaction against the months before", async () => {
    const body = { month: '2026-02', categoryCode: BBQ, placeKind: 'grid', placeCode: grid.code, title: 'Barbecue smoke' };
    expect((await call('POST', '/api/v1/monthly-topics', TOWNSHIP, body)).status).toBe(403);
    const bad = await call('POST', '/api/v1/monthly-topics', CENTRE, { month: '2026-2', placeKind: 'street', extra: 1 });
    expect(bad.status).toBe(400);
    expect((bad.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['categoryCode', 'extra', 'month', 'placeKind', 'title']);
    const chosen = await call('POST', '/api/v1/monthly-topics', CENTRE, body);
    expect(chosen.status).toBe(201);
    const topicId = (chosen.json.topic as { topicId: string }).topicId;
    expect((await call('POST', '/api/v1/monthly-topics', CENTRE, body)).json.code).toBe('TOPIC.EXISTS');
    expect(((await call('GET', '/api/v1/monthly-topics?month=2026-02')).json.topics as unknown[]).length).toBe(1);

    const trend = await call('GET', `/api/v1/monthly-topics/${topicId}/trend?before=1&after=1`);
    expect(trend.status).toBe(200);
    // January: nothing; February: the one case; March: five, one repeat appeal, one resident reached and satisfied
    expect(trend.json.months).toEqual([
      { month: '2026-01', offset: -1, volume: 0, repeatAppeals: 0, reached: 0, satisfied: 0, satisfactionRate: null },
      { month: '2026-02', offset: 0, volume: 1, repeatAppeals: 0, reached: 0, satisfied: 0, satisfactionRate: null },
      { month: '2026-03', offset: 1, volume: 5, repeatAppeals: 1, reached: 1, satisfied: 1, satisfactionRate: 1 },
    ]);
    expect(trend.json).toMatchObject({ before: { volume: 0, repeatAppeals: 0, satisfactionRate: null }, after: { volume: 5, repeatAppeals: 1, satisfactionRate: 1 }, change: { volume: null, repeatAppeals: null, satisfactionRate: null } });
    const csv = await fetch(`${system.url}/api/v1/monthly-topics/${topicId}/trend?before=1&after=1&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n').slice(0, 4)).toEqual(['month,offset,volume,repeatAppeals,reached,satisfied,satisfactionRate', '2026-01,-1,0,0,0,0,', '2026-02,0,1,0,0,0,', '2026-03,1,5,1,1,1,1']);
    expect(defined(topicId)).toBe(`2026-02-${BBQ}-${grid.code}`);
  });
});
