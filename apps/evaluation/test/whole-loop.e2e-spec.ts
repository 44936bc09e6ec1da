import { TOPICS, type CaseFactsData, type CloudEvent } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { unitByCode } from '@county/reference';
import { collectMessages, eventually, testKafka } from '@county/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the shared whole-system harness (test/support) is not a workspace library
import { drainOutbox, startSystem, type RunningSystem } from '../../../test/support/system';

/**
 * The whole loop through real HTTP, Kafka, PostgreSQL and Temporal: an Open311 POST, routing,
 * sign-for and result at the unit, approval at the centre, the return visit, closed; the
 * case.facts.v1 on Kafka agrees with what each service's API says about the case.
 */

/** The fields of intake's GET /api/v1/cases/{id} this test compares. */
interface IntakeCase {
  readonly channel: string;
  readonly appealType: string;
  readonly categoryCode: string;
  readonly urgency: string;
  readonly receivedAt: string;
  readonly location: { readonly townshipCode?: string; readonly communityCode?: string; readonly gridCode?: string };
  readonly responsibleUnit: { readonly code: string } | null;
}

let system: RunningSystem;
let outside: Awaited<ReturnType<typeof collectMessages>> | undefined;

beforeAll(async () => {
  system = await startSystem(['intake', 'dispatch', 'handling', 'evaluation', 'case-worker']);
}, 180_000);

afterAll(async () => {
  await outside?.stop();
  await system?.stop();
});

async function call<T>(service: Parameters<RunningSystem['url']>[0], method: 'GET' | 'POST', path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${system.url(service)}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.headers },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

const ok = <T>(r: { status: number; body: T }, status = 200): T | undefined => (r.status === status ? r.body : undefined);

it('takes an Open311 request round the whole loop to closed, and publishes facts that agree with every service', async () => {
  outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.evaluation}`]);

  // ask: a resident reports through an app speaking Open311
  const posted = await fetch(`${system.url('intake')}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      api_key: 'dev-app-key',
      service_code: 'UM.SANITATION.GARBAGE',
      address_string: '白塔村2组',
      description: '垃圾三天没人清运',
      phone: '13600000099',
      'attribute[appeal_type]': 'report',
      'attribute[urgency]': 'normal',
    }).toString(),
  });
  expect([200, 201]).toContain(posted.status);
  const caseId = ((await posted.json()) as { service_request_id: string }[])[0].service_request_id;

  // dispatch: the responsibility list picks the unit
  const dispatched = await eventually(async () => ok(await call<{ dispatches: { primaryUnitCode: string; dispatchedAt: string }[] }>('dispatch', 'GET', `/api/v1/cases/${caseId}`)), 60_000, 200);
  const unitCode = dispatched.dispatches[0].primaryUnitCode;
  const unit = unitByCode(unitCode);
  expect(unit).toBeDefined();

  // handle: the unit signs for it and reports a result
  const userId = `${unitCode.toLowerCase()}.${unit?.kind === 'grid' ? 'worker' : 'staff-1'}`;
  const token = (await call<{ token: string }>('handling', 'POST', '/api/v1/dev/tokens', { body: { userId } })).body.token;
  expect(token).toEqual(expect.any(String));
  await eventually(async () => ok(await call('handling', 'POST', `/api/v1/cases/${caseId}/sign-for`, { token })), 60_000, 200);
  expect((await call('handling', 'POST', `/api/v1/cases/${caseId}/result`, { token, body: { result: '已清运并增加清运频次', evidenceUrls: [] } })).status).toBe(200);

  // review: the centre approves the result
  await eventually(async () => ok(await call('dispatch', 'POST', `/api/v1/cases/${caseId}/review/approve`, { body: {} })), 60_000, 200);

  // return visit: the callback staff find the case in their queue and record a satisfied resident
  const callback = { 'x-callback-token': 'local-callback-token' };
  await eventually(async () => (await call<{ cases: { caseId: string }[] }>('evaluation', 'GET', '/api/v1/return-visits', { headers: callback })).body.cases?.some((c) => c.caseId === caseId) || undefined, 60_000, 200);
  const visit = await call<{ status: string; outcome: string }>('evaluation', 'POST', `/api/v1/return-visits/${caseId}`, { headers: callback, body: { resolved: true, satisfaction: 'satisfied' } });
  expect(visit).toEqual({ status: 200, body: expect.objectContaining({ status: 'closed', outcome: 'resolved' }) });
  await drainOutbox(system, 'evaluation');

  // the facts on Kafka agree with what intake, dispatch and handling say
  const seen = await outside.waitFor((m) => m.some((x) => (x.value as CloudEvent).type === 'case.facts.v1' && x.key === caseId), 60_000);
  await outside.stop();
  outside = undefined;
  const facts = seen.map((m) => m.value as CloudEvent<string, CaseFactsData>).find((e) => e.type === 'case.facts.v1' && e.subject === caseId);
  expect(validateAgainstAsyncApi(facts as CloudEvent)).toEqual({ valid: true, errors: [] });
  const intakeCase = (await call<IntakeCase>('intake', 'GET', `/api/v1/cases/${caseId}`, { headers: { 'x-api-key': 'dev-app-key' } })).body;
  expect(facts?.data).toMatchObject({
    caseId,
    outcome: 'resolved',
    channel: intakeCase.channel,
    appealType: intakeCase.appealType,
    categoryCode: intakeCase.categoryCode,
    urgency: intakeCase.urgency,
    place: { townshipCode: intakeCase.location.townshipCode ?? null, communityCode: intakeCase.location.communityCode ?? null, gridCode: intakeCase.location.gridCode ?? null },
    times: { receivedAt: new Date(intakeCase.receivedAt).toISOString(), firstDispatchedAt: new Date(dispatched.dispatches[0].dispatchedAt).toISOString() },
    units: { leadUnitCodes: [unitCode], finalUnitCode: unitCode },
    transfers: { requested: 0, approved: 0, rejected: 0 },
    whistles: [],
    redoCount: 0,
    returnVisit: { resolved: true, satisfaction: 'satisfied', attempts: 1 },
  });
  expect(intakeCase.responsibleUnit?.code).toBe(unitCode);
  expect(facts?.data.categoryCode).toBe('UM.SANITATION.GARBAGE');
  expect(facts?.data.workingHours.dispatchedToSignedFor).toEqual(expect.any(Number));
  expect(facts?.data.times.firstSignedForAt).toEqual(expect.any(String));
  expect(JSON.stringify(facts)).not.toMatch(/13600000099/);

  // and Open311 shows the request closed
  await eventually(async () => {
    const r = await fetch(`${system.url('intake')}/open311/v2/requests/${caseId}.json`);
    const body = (await r.json()) as { status: string }[];
    return body[0]?.status === 'closed' ? true : undefined;
  }, 60_000, 200);
}, 300_000);
