import { Client, Connection } from '@temporalio/client';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { TOPICS, type CaseFactsData, type CloudEvent } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { unitByCode } from '@county/reference';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { drainOutbox, startSystem, type RunningSystem } from '../../../test/support/system';

/**
 * The whole loop through real HTTP, Kafka, PostgreSQL and Temporal: an Open311 POST, routing,
 * sign-for and result at the unit, approval at the centre, the return visit, closed; the
 * case.facts.v1 on Kafka agrees with what each service's API says about the case. The second
 * case goes through a dissatisfied return visit, a reopen (重办) and a second handling by the
 * same unit before it closes.
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
let everything: Awaited<ReturnType<typeof collectMessages>> | undefined;

/** A dispatcher of the centre: dispatch's API answers only the centre's tokens (issued by handling's development endpoint). */
let centreToken: string;

beforeAll(async () => {
  system = await startSystem(['intake', 'dispatch', 'handling', 'evaluation', 'case-worker']);
  centreToken = (await call<{ token: string }>('handling', 'POST', '/api/v1/dev/tokens', { body: { userId: 'qh-centre.dispatcher-1' } })).body.token;
}, 180_000);

afterAll(async () => {
  await outside?.stop();
  await everything?.stop();
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
  const dispatched = await eventually(async () => ok(await call<{ dispatches: { primaryUnitCode: string; dispatchedAt: string }[] }>('dispatch', 'GET', `/api/v1/cases/${caseId}`, { token: centreToken })), 60_000, 200);
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
  await eventually(async () => ok(await call('dispatch', 'POST', `/api/v1/cases/${caseId}/review/approve`, { token: centreToken, body: {} })), 60_000, 200);

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

/** The fields of dispatch's GET /api/v1/cases/{id} this test reads. */
interface DispatchCase {
  readonly dispatches: readonly { readonly primaryUnitCode: string; readonly dispatchedAt: string }[];
  readonly state: { readonly status: string; readonly resultApproved?: boolean; readonly pending?: { readonly review?: unknown } };
  readonly reopen: { readonly redoCount: number; readonly unitCode: string } | null;
  readonly timeline: readonly { readonly type: string; readonly time: string }[];
}

/** The fields of handling's GET /api/v1/cases/{id} (the unit's view) this test reads. */
interface HandlingCase {
  readonly status: string;
  readonly signedAt: string | null;
  readonly resultSubmittedAt: string | null;
  readonly redoCount: number;
  readonly reopenedAt: string | null;
}

async function postOpen311(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
  const posted = await fetch(`${system.url('intake')}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ api_key: 'dev-app-key', 'attribute[appeal_type]': 'report', 'attribute[urgency]': 'normal', ...fields }).toString(),
  });
  expect([200, 201]).toContain(posted.status);
  return ((await posted.json()) as { service_request_id: string }[])[0].service_request_id;
}

async function tokenOf(unitCode: string): Promise<string> {
  const unit = unitByCode(unitCode);
  expect(unit).toBeDefined();
  const userId = `${unitCode.toLowerCase()}.${unit?.kind === 'grid' ? 'worker' : 'staff-1'}`;
  const token = (await call<{ token: string }>('handling', 'POST', '/api/v1/dev/tokens', { body: { userId } })).body.token;
  expect(token).toEqual(expect.any(String));
  return token;
}

it('reopens a case after a dissatisfied return visit: the same unit handles it again, the centre reviews again, and the facts count the redo', async () => {
  outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.evaluation}`]);
  // every event of every service, as an outside consumer reads them
  everything = await collectMessages(testKafka(), Object.values(TOPICS).map((t) => `${system.topicPrefix}${t}`));
  const callback = { 'x-callback-token': 'local-callback-token' };
  const correlationId = `corr-reopen-${Date.now()}`;

  const caseId = await postOpen311({ service_code: 'UM.SANITATION.GARBAGE', address_string: '白塔村3组', description: '垃圾桶满了一周没人清运', phone: '13600000098' }, { 'x-correlation-id': correlationId });
  const ofCase = (m: { key: string | null; value: unknown }[]) => m.filter((x) => x.key === caseId).map((x) => x.value as CloudEvent);
  const deadlinesSet = (events: CloudEvent[]) => events.filter((e) => e.type === 'case.deadline-set.v1').map((e) => e.data as { clock: string });
  const perClock = (list: { clock: string }[]) => list.reduce<Record<string, number>>((n, d) => ({ ...n, [d.clock]: (n[d.clock] ?? 0) + 1 }), {});
  const dispatched = await eventually(async () => ok(await call<DispatchCase>('dispatch', 'GET', `/api/v1/cases/${caseId}`, { token: centreToken })), 60_000, 200);
  const unitCode = dispatched.dispatches[0].primaryUnitCode;
  const token = await tokenOf(unitCode);

  // first round: sign for, result, approval
  await eventually(async () => ok(await call('handling', 'POST', `/api/v1/cases/${caseId}/sign-for`, { token })), 60_000, 200);
  expect((await call('handling', 'POST', `/api/v1/cases/${caseId}/result`, { token, body: { result: '已清运', evidenceUrls: [] } })).status).toBe(200);
  await eventually(async () => ok(await call('dispatch', 'POST', `/api/v1/cases/${caseId}/review/approve`, { token: centreToken, body: {} })), 60_000, 200);

  // the first round's clocks, each announced once on Kafka
  const firstRound = deadlinesSet(ofCase(await everything!.waitFor((m) => deadlinesSet(ofCase(m)).some((d) => d.clock === 'return-visit'), 60_000)));
  expect(perClock(firstRound)).toEqual({ 'sign-for': 1, 'first-contact': 1, handling: 1, 'transfer-window': 1, review: 1, 'return-visit': 1 });

  // the return visit: not resolved, dissatisfied -> reopened for the same unit
  await eventually(async () => (await call<{ cases: { caseId: string }[] }>('evaluation', 'GET', '/api/v1/return-visits', { headers: callback })).body.cases?.some((c) => c.caseId === caseId) || undefined, 60_000, 200);
  const firstVisit = await call<{ status: string; events: string[] }>('evaluation', 'POST', `/api/v1/return-visits/${caseId}`, { headers: callback, body: { resolved: false, satisfaction: 'dissatisfied' } });
  expect(firstVisit).toEqual({ status: 200, body: expect.objectContaining({ status: 'reopened', events: ['case.return-visit-recorded.v1', 'case.reopened.v1'] }) });
  await drainOutbox(system, 'evaluation');

  // handling: the case is back in the unit's reopened box; the unit signs for it again and submits a second result
  const inReopenedBox = await eventually(async () => {
    const box = await call<{ items: { caseId: string; status: string; redoCount: number }[] }>('handling', 'GET', '/api/v1/inbox?box=reopened', { token });
    return box.body.items?.find((c) => c.caseId === caseId);
  }, 60_000, 200);
  expect(inReopenedBox).toMatchObject({ status: 'reopened', redoCount: 1 });
  expect((await call('handling', 'POST', `/api/v1/cases/${caseId}/result`, { token, body: { result: '未签收不能办结', evidenceUrls: [] } })).status).toBe(409);
  expect((await call('handling', 'POST', `/api/v1/cases/${caseId}/sign-for`, { token })).status).toBe(200);
  expect((await call('handling', 'POST', `/api/v1/cases/${caseId}/result`, { token, body: { result: '已清运并每日巡查', evidenceUrls: [] } })).status).toBe(200);

  // dispatch: the second result is in the review queue again and is approved
  const review = await eventually(async () => {
    const r = await call<{ caseId: string; status: string; pending: { review?: { unitCode: string } }; reopen: { redoCount: number } | null }[]>('dispatch', 'GET', '/api/v1/reviews', { token: centreToken });
    return Array.isArray(r.body) ? r.body.find((x) => x.caseId === caseId) : undefined;
  }, 60_000, 200);
  expect(review.pending.review?.unitCode).toBe(unitCode);
  // the row says the result waits for review, in the words every service uses
  expect(review.status).toBe('result-submitted');
  expect(review.reopen).toMatchObject({ redoCount: 1 });
  expect((await call('dispatch', 'POST', `/api/v1/cases/${caseId}/review/approve`, { token: centreToken, body: {} })).status).toBe(200);

  // the second return visit: satisfied -> closed
  await eventually(async () => {
    const q = await call<{ cases: { caseId: string; round?: number }[] }>('evaluation', 'GET', '/api/v1/return-visits', { headers: callback });
    return q.body.cases?.some((c) => c.caseId === caseId) || undefined;
  }, 60_000, 200);
  const secondVisit = await call<{ status: string; outcome: string }>('evaluation', 'POST', `/api/v1/return-visits/${caseId}`, { headers: callback, body: { resolved: true, satisfaction: 'satisfied' } });
  expect(secondVisit).toEqual({ status: 200, body: expect.objectContaining({ status: 'closed', outcome: 'resolved' }) });
  await drainOutbox(system, 'evaluation');

  // the second round's clocks on Kafka, each announced once, although (all on one day) its handling,
  // review and return-visit deadlines may fall on the first round's very instants
  const all = ofCase(await everything!.waitFor((m) => deadlinesSet(ofCase(m)).length >= firstRound.length + 4, 60_000));
  await everything!.stop();
  everything = undefined;
  const secondRound = deadlinesSet(all).slice(firstRound.length);
  expect(perClock(secondRound)).toEqual({ 'sign-for': 1, handling: 1, review: 1, 'return-visit': 1 });
  // case-worker's events carry the correlation id of the event they follow from, and name it as their cause
  const byId = new Map(all.map((e) => [e.id, e]));
  const fromCaseWorker = all.filter((e) => e.source === 'case-worker');
  expect(fromCaseWorker.length).toBeGreaterThanOrEqual(10);
  for (const e of fromCaseWorker) {
    const cause = byId.get(e.causationid);
    expect(cause).toBeDefined();
    expect(e.correlationid).toBe(cause?.correlationid);
  }
  // the dispatch, and so the first round's deadlines, carry the correlation id the case was posted with
  const dispatchedEvent = all.find((e) => e.type === 'case.dispatched.v1');
  expect(dispatchedEvent?.correlationid).toBe(correlationId);
  expect(fromCaseWorker.filter((e) => e.causationid === dispatchedEvent?.id).map((e) => e.correlationid)).toEqual(Array(4).fill(correlationId));

  // the facts on Kafka: one redo, and they agree with intake, dispatch and handling
  const seen = await outside.waitFor((m) => m.some((x) => (x.value as CloudEvent).type === 'case.facts.v1' && x.key === caseId), 60_000);
  await outside.stop();
  outside = undefined;
  const facts = seen.map((m) => m.value as CloudEvent<string, CaseFactsData>).find((e) => e.type === 'case.facts.v1' && e.subject === caseId);
  expect(validateAgainstAsyncApi(facts as CloudEvent)).toEqual({ valid: true, errors: [] });

  const intakeCase = (await call<IntakeCase>('intake', 'GET', `/api/v1/cases/${caseId}`, { headers: { 'x-api-key': 'dev-app-key' } })).body;
  const centre = await eventually(async () => {
    const r = (await call<DispatchCase>('dispatch', 'GET', `/api/v1/cases/${caseId}`, { token: centreToken })).body;
    return r.reopen?.redoCount === 1 && r.state.status === 'closed' ? r : undefined;
  }, 60_000, 200);
  const atUnit = await eventually(async () => {
    const r = (await call<HandlingCase>('handling', 'GET', `/api/v1/cases/${caseId}`, { token })).body;
    return r.status === 'closed' ? r : undefined;
  }, 60_000, 200);

  const approvals = centre.timeline.filter((e) => e.type === 'case.result-approved.v1');
  expect(approvals).toHaveLength(2);
  // one vocabulary: the centre, the unit, intake and the case's workflow all say the case is closed
  expect(centre.state).toMatchObject({ status: 'closed', resultApproved: true });
  expect(centre.reopen).toMatchObject({ redoCount: 1, unitCode });
  expect(atUnit).toMatchObject({ status: 'closed', redoCount: 1, reopenedAt: expect.any(String) });
  await eventually(async () => ((await call<{ status: string }>('intake', 'GET', `/api/v1/cases/${caseId}`, { headers: { 'x-api-key': 'dev-app-key' } })).body.status === 'closed' ? true : undefined), 60_000, 200);
  const connection = await Connection.connect({ address: system.env.TEMPORAL_ADDRESS });
  try {
    const workflow = await eventually(async () => {
      const d = await new Client({ connection }).workflow.getHandle(`case-${caseId}`).describe();
      return d.status.name === 'COMPLETED' ? d : undefined;
    }, 60_000, 200);
    expect(workflow.typedSearchAttributes.get(defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD))).toBe('closed');
  } finally {
    await connection.close();
  }

  expect(facts?.data).toMatchObject({
    caseId,
    outcome: 'resolved',
    redoCount: 1,
    channel: intakeCase.channel,
    appealType: intakeCase.appealType,
    categoryCode: intakeCase.categoryCode,
    urgency: intakeCase.urgency,
    place: { townshipCode: intakeCase.location.townshipCode ?? null, communityCode: intakeCase.location.communityCode ?? null, gridCode: intakeCase.location.gridCode ?? null },
    times: { receivedAt: new Date(intakeCase.receivedAt).toISOString(), firstDispatchedAt: new Date(dispatched.dispatches[0].dispatchedAt).toISOString() },
    units: { leadUnitCodes: [unitCode], finalUnitCode: unitCode },
    transfers: { requested: 0, approved: 0, rejected: 0 },
    resultsSentBack: 0,
    returnVisit: { resolved: true, satisfaction: 'satisfied' },
  });
  expect(intakeCase.responsibleUnit?.code).toBe(unitCode);
  // the last approval the facts name is the centre's second approval; the unit's last result is after its second signing
  expect(facts?.data.times.lastResultApprovedAt).toBe(new Date(approvals[1].time).toISOString());
  expect(Date.parse(atUnit.signedAt ?? '')).toBeGreaterThan(Date.parse(facts?.data.times.firstSignedForAt ?? ''));
  expect(Date.parse(atUnit.resultSubmittedAt ?? '')).toBeGreaterThan(Date.parse(facts?.data.times.firstResultSubmittedAt ?? ''));
  expect(JSON.stringify(facts)).not.toMatch(/13600000098/);
}, 300_000);
