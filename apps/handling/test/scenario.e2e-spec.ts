import { TOPICS, type CloudEvent } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { api, tokenFor, type Reply } from './support';

/**
 * The whole system, 乡呼县应: a resident's appeal is received (intake), dispatched by the centre to
 * a community (dispatch's REST API), signed for; the community blows the whistle to two county
 * departments, both answer, report on site and finish their part; the community submits the
 * result, rates the answers, and the centre approves the result (dispatch's review API).
 */

let system: RunningSystem;
let handling: ReturnType<typeof api>;

let dispatch: ReturnType<typeof api>;
/** A dispatcher of the centre: dispatch's API answers only the centre's tokens. */
let centre: string;

const COMMUNITY = 'QH-CG-01';

beforeAll(async () => {
  // case-worker: the whistle's answer clock is the case workflow's
  system = await startSystem(['intake', 'dispatch', 'handling', 'case-worker']);
  handling = api(system, 'handling');

  dispatch = api(system, 'dispatch');
  centre = await tokenFor(system, 'qh-centre.dispatcher-1');
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

const ok = <T>(r: Reply<T>): T | undefined => (r.status === 200 ? r.body : undefined);

it('received -> dispatched to a community -> signed -> whistle to two departments -> both answer and report -> resolved -> reviewed', async () => {
  const outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.handling}`, `${system.topicPrefix}${TOPICS.dispatch}`]);

  // ask: the appeal becomes a case
  const received = await fetch(`${system.url('intake')}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dev-hotline-key', 'x-correlation-id': 'corr-whistle-e2e' },
    body: JSON.stringify({
      channel: 'hotline',
      channelReference: `HL-WHISTLE-${Date.now()}`,
      appealType: 'complaint',
      categoryCode: 'UM.ORDER.VENDING',
      urgency: 'normal',
      description: '人民路菜市场门口摊贩长期占道经营，社区多次劝导无效',
      location: { address: '人民路 12 号' },
      resident: { name: '张三', phone: '13812345678' },
      receivedAt: new Date().toISOString(),
    }),
  });
  expect(received.status).toBe(201);
  const { caseId } = (await received.json()) as { caseId: string };

  // dispatch: the centre knows the case, and a dispatcher sends it to the community
  await eventually(async () => ok(await dispatch('GET', `/api/v1/cases/${caseId}`, centre)), 60_000, 200);
  const sent = await dispatch('POST', `/api/v1/cases/${caseId}/dispatch`, centre, { primaryUnitCode: COMMUNITY, reason: '占道经营发生在本社区辖区，社区属地处置' });
  expect(sent.status).toBe(200);

  // handle: the community finds it in its inbox and signs for it
  const staff = await tokenFor(system, 'qh-cg-01.staff-1');
  const row = await eventually(async () => {
    const r = await handling<{ items: { caseId: string; status: string; role: string }[] }>('GET', '/api/v1/inbox?box=new', staff);
    return r.body.items?.find((i) => i.caseId === caseId);
  }, 60_000, 200);
  expect(row).toMatchObject({ status: 'dispatched', role: 'lead' });
  expect((await handling('POST', `/api/v1/cases/${caseId}/sign-for`, staff)).status).toBe(200);
  expect((await handling('POST', `/api/v1/cases/${caseId}/first-contact`, staff, {})).status).toBe(200);

  // the whistle: two county departments are called
  const blown = await handling<{ whistleId: string }>('POST', `/api/v1/cases/${caseId}/whistles`, staff, {
    calledDepartmentCodes: ['QH-URBAN', 'QH-MARKET'],
    reason: '摊贩多次劝导无效，社区无执法权',
    needs: '城管依法取缔占道经营；市场监管核查经营资质',
    urgency: 'urgent',
  });
  expect(blown.status).toBe(201);
  const { whistleId } = blown.body;
  expect((await handling('POST', `/api/v1/cases/${caseId}/result`, staff, { result: '尚未完成' })).body.code).toBe('CASE.WHISTLE_OUTSTANDING');

  // each department finds the whistle in its inbox with its answer deadline (urgent: 30 minutes), answers, reports on site and finishes its part
  for (const user of ['qh-urban.staff-1', 'qh-market.staff-1']) {
    const token = await tokenFor(system, user);
    const row = await eventually(async () => {
      const r = await handling<{ items: { whistleId: string; blownAt: string; answerDeadline: string | null }[] }>('GET', '/api/v1/inbox?box=whistles', token);
      return r.body.items?.find((i) => i.whistleId === whistleId && i.answerDeadline !== null);
    }, 60_000, 200);
    expect(Date.parse(row.answerDeadline!) - Date.parse(row.blownAt)).toBeGreaterThan(29 * 60_000);
    expect(Date.parse(row.answerDeadline!) - Date.parse(row.blownAt)).toBeLessThan(31 * 60_000);
    const whistle = await handling<{ answerDeadline: string | null; departments: { departmentCode: string; answerDeadline: string | null; answerOverdue: boolean }[] }>('GET', `/api/v1/whistles/${whistleId}`, token);
    expect(whistle.body.answerDeadline).toBe(row.answerDeadline);
    expect(whistle.body.departments.map((d) => [d.departmentCode, d.answerDeadline, d.answerOverdue])).toEqual([
      ['QH-MARKET', row.answerDeadline, false],
      ['QH-URBAN', row.answerDeadline, false],
    ]);
    for (const action of ['answer', 'report-on-site', 'finish-part']) expect((await handling('POST', `/api/v1/whistles/${whistleId}/${action}`, token)).status).toBe(200);
  }

  // resolved: the community submits the result and rates each answer
  const submitted = await handling('POST', `/api/v1/cases/${caseId}/result`, staff, { result: '城管已取缔占道摊位，市场监管已核查并督促办证', evidenceUrls: ['https://files.example/evidence/after.jpg'] });
  expect(submitted.status).toBe(200);
  for (const [department, rating] of [['QH-URBAN', 5], ['QH-MARKET', 4]] as const) {
    expect((await handling('POST', `/api/v1/whistles/${whistleId}/departments/${department}/rating`, staff, { rating, comment: '30 分钟内到场' })).status).toBe(200);
  }

  // reviewed: the centre approves the result; the unit's inbox shows the case resolved
  await eventually(async () => ok(await dispatch('POST', `/api/v1/cases/${caseId}/review/approve`, centre, {})), 60_000, 200);
  await eventually(async () => {
    const r = await handling<{ items: { caseId: string; status: string }[] }>('GET', '/api/v1/inbox?box=resolved', staff);
    return r.body.items?.find((i) => i.caseId === caseId && i.status === 'result-approved');
  }, 60_000, 200);

  // the record on Kafka: in order per case, valid against the AsyncAPI document, no personal data
  const seen = await outside.waitFor((m) => m.some((x) => x.key === caseId && (x.value as CloudEvent).type === 'case.result-approved.v1'), 60_000);
  await outside.stop();
  const events = seen.filter((m) => m.key === caseId).map((m) => m.value as CloudEvent);
  const handlingTypes = events.filter((e) => e.source === 'handling').map((e) => e.type);
  expect(handlingTypes).toEqual([
    'case.signed-for.v1',
    'case.first-contact-recorded.v1',
    'whistle.blown.v1',
    'whistle.answered.v1',
    'whistle.reported-on-site.v1',
    'whistle.part-finished.v1',
    'whistle.answered.v1',
    'whistle.reported-on-site.v1',
    'whistle.part-finished.v1',
    'case.result-submitted.v1',
    'whistle.answer-rated.v1',
    'whistle.answer-rated.v1',
  ]);
  for (const e of events.filter((x) => x.source === 'handling')) expect(validateAgainstAsyncApi(e)).toEqual({ valid: true, errors: [] });
  expect(JSON.stringify(events)).not.toMatch(/13812345678|张三/);
}, 300_000);
