import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { issueToken } from '@county/auth';
import { DEFAULT_TOKEN_SECRET } from '../src/settings';
import { api, dispatched, publish, republish, tokenFor, type Reply } from './support';

/**
 * Handling alone over the real engines: the centre's and the case workflow's decisions arrive as
 * their events on their (test-prefixed) topics; units act through the REST API with tokens.
 */

let system: RunningSystem;
let producer: Producer;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};

const COMMUNITY = 'QH-CG-01';
const OTHER_COMMUNITY = 'QH-CG-02';

beforeAll(async () => {
  system = await startSystem(['handling']);
  producer = testKafka().producer();
  await producer.connect();
  call = api(system);
  for (const user of ['qh-cg-01.staff-1', 'qh-cg-01.leader', 'qh-cg-02.staff-1', 'qh-cg-02.leader', 'qh-urban.staff-1', 'qh-market.staff-1', 'qh-police.staff-1', 'qh-centre.dispatcher-1', 'qh-cg.staff-1']) {
    tokens[user] = await tokenFor(system, user);
  }
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await system?.stop();
});

async function newCase(unitCode = COMMUNITY, extra: Record<string, unknown> = {}): Promise<string> {
  const caseId = randomUUID();
  await publish(producer, system, 'intake', 'case.received.v1', caseId, {
    channel: 'hotline',
    channelReference: `HL-${caseId.slice(0, 8)}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.VENDING',
    urgency: 'normal',
    description: '人行道上长期有摊贩占道经营',
    location: { address: '人民路 12 号', resolved: true },
    resident: { anonymous: true },
    receivedAt: new Date().toISOString(),
    attachments: [],
  });
  await publish(producer, system, 'dispatch', 'case.dispatched.v1', caseId, dispatched(caseId, unitCode, extra));
  await eventually(async () => {
    const r = await call('GET', `/api/v1/cases/${caseId}`, tokens[unitCode === COMMUNITY ? 'qh-cg-01.staff-1' : 'qh-cg-02.staff-1']);
    return r.status === 200 ? true : undefined;
  });
  return caseId;
}

async function eventCount(): Promise<number> {
  const r = await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM handling.events');
  return r.rows[0].n;
}

function expectRefused(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body.code }).toEqual({ status, code });
}

const evidence = ['https://files.example/evidence/1.jpg'];

describe('who may act', () => {
  it('refuses a request without a token, with a forged one and with an expired one', async () => {
    expectRefused(await call('GET', '/api/v1/inbox'), 401, 'AUTH.TOKEN_MISSING');
    const [v, payload] = tokens['qh-cg-01.staff-1'].split('.');
    expectRefused(await call('GET', '/api/v1/inbox', `${v}.${payload}.AAAA`), 401, 'AUTH.TOKEN_INVALID');
    const expired = issueToken(DEFAULT_TOKEN_SECRET, { userId: 'qh-cg-01.staff-1', unitCode: COMMUNITY, role: 'unit-staff' }, new Date(Date.now() - 3600_000), 60);
    expectRefused(await call('GET', '/api/v1/inbox', expired.token), 401, 'AUTH.TOKEN_EXPIRED');
  });

  it("refuses every command of a unit on another unit's case and writes nothing", async () => {
    const caseId = await newCase(COMMUNITY);
    const lead = tokens['qh-cg-01.staff-1'];
    expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, lead)).status).toBe(200);
    const whistle = await call<{ whistleId: string }>('POST', `/api/v1/cases/${caseId}/whistles`, lead, { calledDepartmentCodes: ['QH-URBAN'], reason: 'r', needs: 'n', urgency: 'normal' });
    expect(whistle.status).toBe(201);
    const { whistleId } = whistle.body;
    expect((await call('POST', `/api/v1/whistles/${whistleId}/answer`, tokens['qh-urban.staff-1'])).status).toBe(200);
    // the whistle read model is a projection: wait until it shows the whistle, or a refusal below would be a 404
    await eventually(async () => ((await call('GET', `/api/v1/whistles/${whistleId}`, lead)).status === 200 ? true : undefined));
    const before = await eventCount();

    const intruder = tokens['qh-cg-02.leader'];
    const caseCommands: [string, unknown][] = [
      ['sign-for', undefined],
      ['first-contact', {}],
      ['progress-notes', { note: 'not mine' }],
      ['transfer-request', { reason: 'not ours at all' }],
      ['extension-request', { extraWorkingDays: 2, reason: 'need more time' }],
      ['pause-request', { reason: 'waiting on the resident' }],
      ['resume-request', undefined],
      ['result', { result: 'done', evidenceUrls: evidence }],
      ['part', { part: 'my part', evidenceUrls: [] }],
      ['whistles', { calledDepartmentCodes: ['QH-URBAN'], reason: 'r', needs: 'n', urgency: 'normal' }],
    ];
    for (const [command, body] of caseCommands) {
      expectRefused(await call('POST', `/api/v1/cases/${caseId}/${command}`, intruder, body), 403, 'CASE.NOT_YOUR_CASE');
    }
    expectRefused(await call('GET', `/api/v1/cases/${caseId}`, intruder), 403, 'CASE.NOT_YOUR_CASE');
    // a department the whistle did not call, and a unit that did not blow it
    for (const action of ['answer', 'report-on-site', 'finish-part']) {
      expectRefused(await call('POST', `/api/v1/whistles/${whistleId}/${action}`, tokens['qh-police.staff-1']), 403, 'WHISTLE.NOT_CALLED');
    }
    expectRefused(await call('POST', `/api/v1/whistles/${whistleId}/departments/QH-URBAN/release`, intruder), 403, 'WHISTLE.NOT_CALLER');
    expectRefused(await call('POST', `/api/v1/whistles/${whistleId}/departments/QH-URBAN/rating`, intruder, { rating: 1, comment: 'x' }), 403, 'WHISTLE.NOT_CALLER');
    expectRefused(await call('POST', `/api/v1/whistles/${whistleId}/departments/QH-URBAN/rating`, tokens['qh-urban.staff-1'], { rating: 5, comment: 'x' }), 403, 'WHISTLE.NOT_CALLER');
    expectRefused(await call('GET', `/api/v1/whistles/${whistleId}`, intruder), 403, 'WHISTLE.NOT_YOURS');
    expect((await call('GET', `/api/v1/whistles/${whistleId}`, tokens['qh-urban.staff-1'])).status).toBe(200);
    // the centre reads, units act
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/progress-notes`, tokens['qh-centre.dispatcher-1'], { note: 'x' }), 403, 'AUTH.ROLE_NOT_ALLOWED');
    // staff may not ask for a transfer or an extension: the leader does
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/transfer-request`, lead, { reason: 'not ours at all' }), 403, 'AUTH.LEADER_REQUIRED');
    // nobody reads another unit's inbox, except the centre
    expectRefused(await call('GET', `/api/v1/inbox?unitCode=${COMMUNITY}`, intruder), 403, 'AUTH.NOT_YOUR_UNIT');
    expect((await call('GET', `/api/v1/inbox?unitCode=${COMMUNITY}`, tokens['qh-centre.dispatcher-1'])).status).toBe(200);
    const theirs = await call<{ items: { caseId: string }[] }>('GET', '/api/v1/inbox', intruder);
    expect(theirs.body.items.map((i) => i.caseId)).not.toContain(caseId);

    expect(await eventCount()).toBe(before);
  });
});

describe('a case from the inbox to a reviewed result, with a whistle', () => {
  it('signs, contacts, notes progress, whistles to two departments, submits, is sent back, resubmits, is approved', async () => {
    const staff = tokens['qh-cg-01.staff-1'];
    const kafkaOut = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.handling}`]);
    const caseId = await newCase(COMMUNITY, { cooperatingUnitCodes: [OTHER_COMMUNITY] });

    const inboxNew = await call<{ items: { caseId: string; status: string; role: string; description: string }[] }>('GET', '/api/v1/inbox?box=new', staff);
    expect(inboxNew.body.items.find((i) => i.caseId === caseId)).toMatchObject({ status: 'dispatched', role: 'lead', description: '人行道上长期有摊贩占道经营' });

    expectRefused(await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: 'done' }), 409, 'CASE.NOT_SIGNED');
    expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, staff)).body).toMatchObject({ caseId, unitCode: COMMUNITY, version: 1, events: [{ type: 'case.signed-for.v1' }] });
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/sign-for`, staff), 409, 'CASE.ALREADY_SIGNED');
    expect((await call('POST', `/api/v1/cases/${caseId}/first-contact`, staff, {})).status).toBe(200);
    expect((await call('POST', `/api/v1/cases/${caseId}/progress-notes`, staff, { note: '已到现场查看' })).status).toBe(200);

    // the co-handler signs and submits its part; it may not submit the result
    const co = tokens['qh-cg-02.staff-1'];
    expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, co)).status).toBe(200);
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/result`, co, { result: 'done' }), 409, 'CASE.NOT_LEAD');
    expect((await call('POST', `/api/v1/cases/${caseId}/part`, co, { part: '已劝离摊贩', evidenceUrls: evidence })).status).toBe(200);

    // the whistle: only county departments, and the case stays open until they finished or were released
    expectRefused(
      await call('POST', `/api/v1/cases/${caseId}/whistles`, staff, { calledDepartmentCodes: ['QH-URBAN', 'QH-CG'], reason: 'r', needs: 'n', urgency: 'urgent' }),
      422,
      'WHISTLE.NOT_A_DEPARTMENT',
    );
    const blown = await call<{ whistleId: string }>('POST', `/api/v1/cases/${caseId}/whistles`, staff, {
      calledDepartmentCodes: ['QH-URBAN', 'QH-MARKET'],
      reason: '摊贩多次劝导无效',
      needs: '城管执法、市场监管核查',
      urgency: 'urgent',
    });
    expect(blown.status).toBe(201);
    const { whistleId } = blown.body;
    const urban = tokens['qh-urban.staff-1'];
    const market = tokens['qh-market.staff-1'];
    const urbanInbox = await eventually(async () => {
      const r = await call<{ items: { whistleId: string; callerUnitCode: string; needs: string }[] }>('GET', '/api/v1/inbox?box=whistles', urban);
      return r.body.items.find((i) => i.whistleId === whistleId);
    });
    expect(urbanInbox).toMatchObject({ callerUnitCode: COMMUNITY, needs: '城管执法、市场监管核查' });
    expectRefused(await call('POST', `/api/v1/whistles/${whistleId}/report-on-site`, urban), 409, 'WHISTLE.NOT_ANSWERED');
    for (const action of ['answer', 'report-on-site', 'finish-part']) expect((await call('POST', `/api/v1/whistles/${whistleId}/${action}`, urban)).status).toBe(200);
    // the case workflow finds the market bureau's answer late and escalates it: its inbox row says so
    const late = new Date(Date.now() - 60_000).toISOString();
    await publish(producer, system, 'case-worker', 'whistle.answer-overdue.v1', caseId, { whistleId, departmentCode: 'QH-MARKET', deadline: late });
    await publish(producer, system, 'case-worker', 'whistle.escalated.v1', caseId, { whistleId, departmentCode: 'QH-MARKET', supervisingUnitCode: 'QH-SUPERVISION' });
    const marketRow = await eventually(async () => {
      const r = await call<{ items: { whistleId: string; answerOverdue: boolean; escalatedTo: string | null; answerDeadline: string | null }[] }>('GET', '/api/v1/inbox?box=whistles', market);
      return r.body.items.find((i) => i.whistleId === whistleId && i.escalatedTo !== null);
    });
    expect(marketRow).toMatchObject({ answerOverdue: true, escalatedTo: 'QH-SUPERVISION', answerDeadline: late });
    expect((await call('POST', `/api/v1/whistles/${whistleId}/answer`, market)).status).toBe(200);

    const outstanding = await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: 'done' });
    expectRefused(outstanding, 409, 'CASE.WHISTLE_OUTSTANDING');
    expect(outstanding.body.departmentCodes).toEqual(['QH-MARKET']);
    expect((await call('POST', `/api/v1/whistles/${whistleId}/departments/QH-MARKET/release`, staff)).status).toBe(200);
    expectRefused(await call('POST', `/api/v1/whistles/${whistleId}/report-on-site`, market), 409, 'WHISTLE.DEPARTMENT_RELEASED');

    for (const [dept, rating] of [['QH-URBAN', 5], ['QH-MARKET', 3]] as const) {
      expect((await call('POST', `/api/v1/whistles/${whistleId}/departments/${dept}/rating`, staff, { rating, comment: '响应及时' })).status).toBe(200);
    }
    expectRefused(await call('POST', `/api/v1/whistles/${whistleId}/departments/QH-URBAN/rating`, staff, { rating: 4, comment: '' }), 409, 'WHISTLE.ALREADY_RATED');

    expect((await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: '已取缔占道经营', evidenceUrls: evidence })).status).toBe(200);
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: 'again' }), 409, 'CASE.RESULT_UNDER_REVIEW');
    await eventually(async () => {
      const r = await call<{ items: { caseId: string }[] }>('GET', '/api/v1/inbox?box=submitted', staff);
      return r.body.items.some((i) => i.caseId === caseId) || undefined;
    });

    // the centre sends it back for rework; the unit submits again; the centre approves
    await publish(producer, system, 'dispatch', 'case.result-sent-back.v1', caseId, { unitCode: COMMUNITY, reason: '缺少整改后照片' });
    const sentBack = await eventually(async () => {
      const r = await call<{ items: { caseId: string; status: string; sentBackReason: string }[] }>('GET', '/api/v1/inbox?box=sent-back', staff);
      return r.body.items.find((i) => i.caseId === caseId);
    });
    expect(sentBack).toMatchObject({ status: 'signed-for', sentBackReason: '缺少整改后照片' });
    expect((await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: '已取缔，补充照片', evidenceUrls: evidence })).status).toBe(200);
    await publish(producer, system, 'dispatch', 'case.result-approved.v1', caseId, { unitCode: COMMUNITY, reviewedAt: new Date().toISOString() });
    await eventually(async () => {
      const r = await call<{ items: { caseId: string; status: string }[] }>('GET', '/api/v1/inbox?box=resolved', staff);
      return r.body.items.find((i) => i.caseId === caseId && i.status === 'result-approved');
    });
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/progress-notes`, staff, { note: 'late' }), 409, 'CASE.ALREADY_RESOLVED');

    const view = await eventually(async () => {
      const r = await call<{ whistles: { departments: { departmentCode: string; rating: number | null; reportedAt: string | null }[] }[] }>('GET', `/api/v1/cases/${caseId}`, staff);
      return r.body.whistles?.[0]?.departments.every((d) => d.rating !== null) ? r.body : undefined;
    });
    expect(view.whistles[0].departments).toMatchObject([
      { departmentCode: 'QH-MARKET', rating: 3, reportedAt: null },
      { departmentCode: 'QH-URBAN', rating: 5 },
    ]);

    // what left handling is on its topic, keyed by case id, valid against the AsyncAPI document
    const expected = [
      'case.signed-for.v1', 'case.first-contact-recorded.v1', 'case.progress-noted.v1', 'case.signed-for.v1', 'case.part-submitted.v1',
      'whistle.blown.v1', 'whistle.answered.v1', 'whistle.reported-on-site.v1', 'whistle.part-finished.v1', 'whistle.answered.v1',
      'whistle.released.v1', 'whistle.answer-rated.v1', 'whistle.answer-rated.v1', 'case.result-submitted.v1', 'case.result-submitted.v1',
    ];
    const seen = await kafkaOut.waitFor((m) => m.filter((x) => x.key === caseId).length >= expected.length);
    await kafkaOut.stop();
    const mine = seen.filter((m) => m.key === caseId).map((m) => m.value as { type: string; subject: string });
    expect(mine.map((e) => e.type)).toEqual(expected);
    for (const e of mine) {
      expect(validateAgainstAsyncApi(e)).toEqual({ valid: true, errors: [] });
      expect(e.subject).toBe(caseId);
    }
  });
});

describe('transfers, extensions and pauses', () => {
  it('a unit asks to return a case; once the centre transfers it away the unit may no longer act', async () => {
    const caseId = await newCase(COMMUNITY);
    const leader = tokens['qh-cg-01.leader'];
    expect((await call('POST', `/api/v1/cases/${caseId}/transfer-request`, leader, { reason: '该事项属于相邻社区' })).status).toBe(200);
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/transfer-request`, leader, { reason: '该事项属于相邻社区' }), 409, 'CASE.TRANSFER_ALREADY_REQUESTED');
    const rejected = await publish(producer, system, 'dispatch', 'case.transfer-rejected.v1', caseId, { unitCode: COMMUNITY, reason: '属本社区' });
    await republish(producer, system, rejected); // delivered twice, counted once
    await eventually(async () => ((await call('POST', `/api/v1/cases/${caseId}/transfer-request`, leader, { reason: '仍不属于本社区' })).status === 200 ? true : undefined));
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/transfer-request`, leader, { reason: '第三次申请退单' }), 409, 'CASE.TRANSFER_ALREADY_REQUESTED');

    await publish(producer, system, 'dispatch', 'case.transfer-approved.v1', caseId, { fromUnitCode: COMMUNITY, reason: '属相邻社区', transferCount: 1 });
    await publish(producer, system, 'dispatch', 'case.dispatched.v1', caseId, dispatched(caseId, OTHER_COMMUNITY, { redispatch: true, basis: { kind: 'transfer', explanation: 'transfer' } }));
    await eventually(async () => ((await call('GET', `/api/v1/cases/${caseId}`, tokens['qh-cg-02.staff-1'])).status === 200 ? true : undefined));
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/sign-for`, tokens['qh-cg-01.staff-1']), 409, 'CASE.TRANSFERRED_AWAY');
    const theirs = await call<{ items: { caseId: string }[] }>('GET', '/api/v1/inbox', tokens['qh-cg-01.staff-1']);
    expect(theirs.body.items.map((i) => i.caseId)).not.toContain(caseId);
    expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, tokens['qh-cg-02.staff-1'])).status).toBe(200);
  });

  it('asks for an extension and a pause; the centre rules; the unit asks to resume', async () => {
    const caseId = await newCase(COMMUNITY);
    const staff = tokens['qh-cg-01.staff-1'];
    const leader = tokens['qh-cg-01.leader'];
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/extension-request`, leader, { extraWorkingDays: 3, reason: '等待施工排期' }), 409, 'CASE.NOT_SIGNED');
    expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, staff)).status).toBe(200);
    const bad = await call<{ code: string; errors: { field: string }[] }>('POST', `/api/v1/cases/${caseId}/extension-request`, leader, { extraWorkingDays: 30, reason: '等待施工排期', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['extra', 'extraWorkingDays']);
    expect((await call('POST', `/api/v1/cases/${caseId}/extension-request`, leader, { extraWorkingDays: 3, reason: '等待施工排期' })).status).toBe(200);
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/extension-request`, leader, { extraWorkingDays: 3, reason: '等待施工排期' }), 409, 'CASE.EXTENSION_ALREADY_REQUESTED');
    await publish(producer, system, 'dispatch', 'case.extension-approved.v1', caseId, { unitCode: COMMUNITY, extraWorkingDays: 3, reason: 'ok' });

    expectRefused(await call('POST', `/api/v1/cases/${caseId}/resume-request`, staff), 409, 'CASE.NOT_PAUSED');
    expect((await call('POST', `/api/v1/cases/${caseId}/pause-request`, staff, { reason: '居民外出，下周返回' })).status).toBe(200);
    await publish(producer, system, 'dispatch', 'case.clock-paused.v1', caseId, { unitCode: COMMUNITY, reason: '等待居民' });
    await eventually(async () => ((await call('POST', `/api/v1/cases/${caseId}/resume-request`, staff)).status === 200 ? true : undefined));
    const view = await call<{ paused: boolean; extraWorkingDays: number }>('GET', `/api/v1/cases/${caseId}`, staff);
    expect(view.body).toMatchObject({ paused: true, extraWorkingDays: 3 });
  });
});

describe('the inbox', () => {
  it('shows the deadlines that apply and filters due soon and overdue cases', async () => {
    const soon = await newCase(COMMUNITY);
    const late = await newCase(COMMUNITY);
    const staff = tokens['qh-cg-01.staff-1'];
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    await publish(producer, system, 'case-worker', 'case.deadline-set.v1', soon, { clock: 'sign-for', unitCode: COMMUNITY, deadline: inHours(48) });
    await publish(producer, system, 'case-worker', 'case.warning-issued.v1', soon, { clock: 'sign-for', level: 'yellow', fraction: 0.5, notify: ['handler'], deadline: inHours(48) });
    await publish(producer, system, 'case-worker', 'case.deadline-set.v1', late, { clock: 'sign-for', unitCode: COMMUNITY, deadline: inHours(-1) });
    await publish(producer, system, 'case-worker', 'case.overdue.v1', late, { clock: 'sign-for', unitCode: COMMUNITY, deadline: inHours(-1) });
    await publish(producer, system, 'case-worker', 'case.deadline-set.v1', late, { clock: 'handling', deadline: inHours(100) });

    type Row = { caseId: string; deadlines: { clock: string; warningLevel: string | null; overdue: boolean }[] };
    const dueSoon = await eventually(async () => {
      const r = await call<{ items: Row[] }>('GET', '/api/v1/inbox?box=due-soon', staff);
      return r.body.items.some((i) => i.caseId === soon) ? r.body.items : undefined;
    });
    expect(dueSoon.map((i) => i.caseId)).not.toContain(late);
    expect(dueSoon.find((i) => i.caseId === soon)?.deadlines).toEqual([expect.objectContaining({ clock: 'sign-for', warningLevel: 'yellow', overdue: false })]);
    const overdue = await eventually(async () => {
      const r = await call<{ items: Row[] }>('GET', '/api/v1/inbox?box=overdue', staff);
      return r.body.items.some((i) => i.caseId === late) ? r.body.items : undefined;
    });
    expect(overdue.map((i) => i.caseId)).not.toContain(soon);
    await eventually(async () => {
      const r = await call<{ deadlines: Row['deadlines'] }>('GET', `/api/v1/cases/${late}`, staff);
      return r.body.deadlines.length === 2 ? true : undefined;
    });

    // signing stops the sign-for clock: the case is no longer overdue
    expect((await call('POST', `/api/v1/cases/${late}/sign-for`, staff)).status).toBe(200);
    await eventually(async () => {
      const r = await call<{ items: Row[] }>('GET', '/api/v1/inbox?box=overdue', staff);
      return r.body.items.some((i) => i.caseId === late) ? undefined : true;
    });
  });

  it('pages with a cursor, newest first, and filters by role', async () => {
    const unit = 'QH-CG-03';
    const token = await tokenFor(system, 'qh-cg-03.staff-1');
    const ids: string[] = [];
    // one second apart: cases dispatched in the same millisecond would page by their (random) ids
    const from = Date.now() - 10_000;
    for (let i = 0; i < 5; i++) {
      const caseId = randomUUID();
      const at = { dispatchedAt: new Date(from + i * 1000).toISOString() };
      await publish(producer, system, 'dispatch', 'case.dispatched.v1', caseId, dispatched(caseId, i === 4 ? 'QH-CG-04' : unit, i === 4 ? { cooperatingUnitCodes: [unit], ...at } : at));
      ids.push(caseId);
    }
    await eventually(async () => ((await call<{ items: unknown[] }>('GET', '/api/v1/inbox?limit=100', token)).body.items.length === 5 ? true : undefined));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: Reply<{ items: { caseId: string }[]; nextCursor: string | null }> = await call('GET', `/api/v1/inbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((i) => i.caseId));
      cursor = r.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const co = await call<{ items: { caseId: string; role: string }[] }>('GET', '/api/v1/inbox?role=co-handler', token);
    expect(co.body.items).toEqual([expect.objectContaining({ caseId: ids[4], role: 'co-handler' })]);
    expectRefused(await call('GET', '/api/v1/inbox?cursor=bm9wZQ', token), 400, 'INBOX.CURSOR_INVALID');
  });
});

describe('the service', () => {
  it('serves its OpenAPI document with bearer auth, health and metrics', async () => {
    const docs = await call<{ paths: Record<string, unknown>; components: { securitySchemes?: Record<string, unknown> } }>('GET', '/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/inbox',
        '/api/v1/cases/{caseId}/sign-for',
        '/api/v1/cases/{caseId}/result',
        '/api/v1/cases/{caseId}/whistles',
        '/api/v1/whistles/{whistleId}/answer',
        '/api/v1/whistles/{whistleId}/departments/{departmentCode}/rating',
        '/api/v1/dev/tokens',
      ]),
    );
    expect(docs.body.components.securitySchemes).toHaveProperty('bearer');
    expect((await call('GET', '/health')).status).toBe(200);
  });
});

describe('read models', () => {
  it('rebuilds the task and whistle read models from the events, to the same rows', async () => {
    const { ReadModelRunner } = await import('../src/read-model/read-model.runner');
    const app = system.apps.handling;
    if (!app) throw new Error('handling is not running');
    const runner = app.get(ReadModelRunner).runner;
    // the rebuild runs beside the live loop, which keeps polling: they take turns on the
    // checkpoint's row lock, so no event is applied twice (no counter doubled)
    await runner.catchUp();
    const read = async () => ({
      tasks: (await system.db.pool.query('SELECT * FROM handling.tasks ORDER BY case_id, unit_code')).rows,
      whistles: (await system.db.pool.query('SELECT * FROM handling.whistle_departments ORDER BY whistle_id, department_code')).rows,
    });
    const before = await read();
    await Promise.all([runner.rebuild('tasks'), runner.catchUp(), runner.rebuild('whistles'), runner.catchUp()]);
    const after = await read();
    expect(after).toEqual(before);
    expect(after.tasks.length).toBeGreaterThan(0);
    expect(after.whistles.length).toBeGreaterThan(0);
  });
});

describe('a reopened case (重办)', () => {
  it('comes back to the unit after a reopen, in either order with the approval and once however often delivered; the unit signs and submits again', async () => {
    const staff = tokens['qh-cg-01.staff-1'];
    const leader = tokens['qh-cg-01.leader'];
    const caseId = await newCase();
    expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, staff)).status).toBe(200);
    expect((await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: '已清理', evidenceUrls: evidence })).status).toBe(200);

    // the result is in the unit's read model before anything else comes
    await eventually(async () => {
      const r = await system.db.pool.query<{ n: number }>('SELECT results AS n FROM handling.tasks WHERE case_id = $1 AND unit_code = $2', [caseId, COMMUNITY]);
      return r.rows[0]?.n === 1 ? true : undefined;
    });
    // the reopen arrives before the approval it follows (two topics), and is delivered twice
    const reopened = await publish(producer, system, 'evaluation', 'case.reopened.v1', caseId, { unitCode: COMMUNITY, reason: 'dissatisfied', redoCount: 1 });
    await republish(producer, system, reopened);

    type Row = { caseId: string; status: string; redoCount: number; reopenReason: string | null; reopenedAt: string | null };
    const reopenedRow = async () =>
      eventually(async () => {
        const r = await call<{ items: Row[] }>('GET', '/api/v1/inbox?box=reopened', staff);
        return r.body.items.find((i) => i.caseId === caseId);
      });
    // before the approval is here, the case reads as reopened (the reopen settles the round before it), not as a result under review
    expect(await reopenedRow()).toMatchObject({ status: 'reopened', redoCount: 1, reopenReason: 'dissatisfied', reopenedAt: reopened.time });

    // the approval comes after it, and changes nothing the unit sees
    await publish(producer, system, 'dispatch', 'case.result-approved.v1', caseId, { unitCode: COMMUNITY, reviewedAt: new Date().toISOString() });
    await eventually(async () => {
      const r = await system.db.pool.query<{ n: number }>('SELECT result_rulings AS n FROM handling.assignments WHERE case_id = $1 AND unit_code = $2', [caseId, COMMUNITY]);
      return r.rows[0]?.n === 1 ? true : undefined;
    });
    expect(await reopenedRow()).toMatchObject({ status: 'reopened', redoCount: 1, reopenReason: 'dissatisfied', reopenedAt: reopened.time });
    expect((await call<{ items: Row[] }>('GET', '/api/v1/inbox?box=resolved', staff)).body.items.some((i) => i.caseId === caseId)).toBe(false);

    // a new round: no transfer, signed for again before anything else
    const before = await eventCount();
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/transfer-request`, leader, { reason: '不归我们管' }), 409, 'CASE.REOPENED');
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: '再次清理', evidenceUrls: evidence }), 409, 'CASE.NOT_SIGNED');
    expect(await eventCount()).toBe(before);
    expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, staff)).status).toBe(200);
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/sign-for`, staff), 409, 'CASE.ALREADY_SIGNED');
    expect((await call('POST', `/api/v1/cases/${caseId}/result`, staff, { result: '再次清理并加装隔离桩', evidenceUrls: evidence })).status).toBe(200);
    // the task read model is a projection: it catches up
    await eventually(async () => ((await call<Row>('GET', `/api/v1/cases/${caseId}`, staff)).body.status === 'result-submitted' ? true : undefined));

    // approved again: resolved, and the old reopen delivered once more opens nothing
    await publish(producer, system, 'dispatch', 'case.result-approved.v1', caseId, { unitCode: COMMUNITY, reviewedAt: new Date().toISOString() });
    await republish(producer, system, reopened);
    await eventually(async () => ((await call<Row>('GET', `/api/v1/cases/${caseId}`, staff)).body.status === 'result-approved' ? true : undefined));
    const counts = await system.db.pool.query('SELECT result_approvals, redo_count, result_approved FROM handling.assignments WHERE case_id = $1', [caseId]);
    expect(counts.rows).toEqual([{ result_approvals: 2, redo_count: 1, result_approved: true }]);
    expectRefused(await call('POST', `/api/v1/cases/${caseId}/progress-notes`, staff, { note: 'late' }), 409, 'CASE.ALREADY_RESOLVED');
  });
});
