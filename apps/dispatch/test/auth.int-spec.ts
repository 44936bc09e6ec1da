import { randomUUID } from 'node:crypto';
import { issueToken } from '@county/auth';
import { eventually } from '@county/testing';
import type { RunningSystem } from '../../../test/support/system';
import { client, OtherServices, startDispatchAlone, tokenOf, type CaseView } from './support';

/**
 * Who may call the dispatcher API: the centre and admins; a county-level unit's leader proposes
 * list changes for its unit; the unit a case is dispatched to reads that case. Every refusal
 * writes nothing.
 */

let system: RunningSystem;
let others: OtherServices;
let centre: ReturnType<typeof client>;
let caseId: string;

const as = (token: string | null) => client(system.url('dispatch'), token);
const eventCount = async () => (await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dispatch.events')).rows[0].n;

const item = {
  id: 'UM.ORDER.VENDING@QH-DC',
  categoryCode: 'UM.ORDER.VENDING',
  scope: { kind: 'township', townshipCode: 'QH-DC' },
  primary: { level: 'community' },
  cooperating: [{ level: 'township' }],
};

beforeAll(async () => {
  system = await startDispatchAlone();
  others = await OtherServices.connect(system);
  centre = client(system.url('dispatch'));
  // routed by the list to Chengguan street (QH-CG), the police cooperating
  caseId = await others.receive();
  await eventually(async () => {
    const r = await centre.get<CaseView>(`/api/v1/cases/${caseId}`);
    return r.status === 200 && r.body.state.status === 'dispatched' ? true : undefined;
  }, 30_000);
}, 120_000);

afterAll(async () => {
  await others?.stop();
  await system?.stop();
});

/** Every command and queue endpoint of the dispatcher API, with a body it would accept. */
const commands = (id: string): [string, object][] => [
  [`/api/v1/cases/${id}/dispatch`, { primaryUnitCode: 'QH-URBAN', reason: 'county road' }],
  [`/api/v1/cases/${id}/transfer/approve`, { toUnitCode: 'QH-URBAN', reason: 'county road' }],
  [`/api/v1/cases/${id}/transfer/reject`, { reason: 'keep it' }],
  [`/api/v1/cases/${id}/review/approve`, {}],
  [`/api/v1/cases/${id}/review/send-back`, { reason: 'no photo' }],
  [`/api/v1/cases/${id}/extension/approve`, { extraWorkingDays: 2, reason: 'x' }],
  [`/api/v1/cases/${id}/extension/reject`, { reason: 'x' }],
  [`/api/v1/cases/${id}/pause/approve`, {}],
  [`/api/v1/cases/${id}/pause/reject`, { reason: 'x' }],
  [`/api/v1/cases/${id}/resume`, {}],
  ['/api/v1/responsibility-list/changes/chg-any/approve', {}],
  ['/api/v1/responsibility-list/changes/chg-any/reject', { reason: 'x' }],
];
const queues = ['/api/v1/triage', '/api/v1/transfer-requests', '/api/v1/reviews', '/api/v1/extension-requests', '/api/v1/pause-requests', '/api/v1/units/QH-CG/transfers'];

describe('without a valid token', () => {
  const now = new Date();
  const badTokens: [string, () => string | null][] = [
    ['no token', () => null],
    ['garbage', () => 'garbage'],
    ['another secret', () => issueToken('another-secret', { userId: 'qh-centre.dispatcher-1', unitCode: 'QH-CENTRE', role: 'centre' }, now, 3600).token],
    ['an expired token', () => tokenOf('qh-centre.dispatcher-1', new Date(now.getTime() - 7200_000), 3600)],
  ];

  it.each(badTokens)('every command answers 401 (%s) and writes nothing', async (_, token) => {
    const before = await eventCount();
    for (const [path, body] of commands(caseId)) {
      const r = await as(token()).post(path, body);
      expect({ path, status: r.status, code: (r.body as { code?: string }).code }).toEqual({ path, status: 401, code: expect.stringMatching(/^AUTH\.TOKEN_(MISSING|INVALID|EXPIRED)$/) });
    }
    const proposal = await as(token()).post('/api/v1/responsibility-list/changes', { changeId: 'chg-no-token', reason: 'x', upserts: [item] });
    expect(proposal.status).toBe(401);
    expect(await eventCount()).toBe(before);
  });

  it.each(badTokens)('every queue and the case answer 401 (%s)', async (_, token) => {
    for (const path of [...queues, `/api/v1/cases/${caseId}`]) expect({ path, status: (await as(token()).get(path)).status }).toEqual({ path, status: 401 });
  });

  it('tells an expired token from a bad one', async () => {
    expect((await as(tokenOf('qh-centre.dispatcher-1', new Date(Date.now() - 7200_000), 3600)).get('/api/v1/triage')).body).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    expect((await as('v1.e30.forged').get('/api/v1/triage')).body).toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
  });
});

describe('with a unit token', () => {
  it.each(['qh-cg.staff-1', 'qh-cg.leader', 'qh-urban.leader'])('every command and queue answers 403 for %s and nothing is written', async (userId) => {
    const unit = as(tokenOf(userId));
    const before = await eventCount();
    for (const [path, body] of commands(caseId)) {
      const r = await unit.post(path, body);
      expect({ path, status: r.status, code: (r.body as { code?: string }).code }).toEqual({ path, status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
    for (const path of queues) expect({ path, status: (await unit.get(path)).status }).toEqual({ path, status: 403 });
    expect(await eventCount()).toBe(before);
    expect((await centre.get<CaseView>(`/api/v1/cases/${caseId}`)).body.version).toBe(1);
  });

  it('the unit the case is dispatched to reads why it was sent there; other units may not, nor learn whether a case exists', async () => {
    for (const userId of ['qh-cg.staff-1', 'qh-cg.leader', 'qh-police.staff-1']) {
      const r = await as(tokenOf(userId)).get<CaseView>(`/api/v1/cases/${caseId}`);
      expect({ userId, status: r.status }).toEqual({ userId, status: 200 });
      expect(r.body.dispatches[0]).toMatchObject({ primaryUnitCode: 'QH-CG' });
    }
    expect(await as(tokenOf('qh-dc.staff-1')).get(`/api/v1/cases/${caseId}`)).toMatchObject({ status: 403, body: { code: 'CASE.NOT_YOUR_CASE' } });
    expect(await as(tokenOf('qh-cg.staff-1')).get(`/api/v1/cases/${randomUUID()}`)).toMatchObject({ status: 403, body: { code: 'CASE.NOT_YOUR_CASE' } });
    expect(await centre.get('/api/v1/cases/no-such-case')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ field: 'caseId' }] } });
    expect((await as(tokenOf('qh-centre.admin')).get(`/api/v1/cases/${caseId}`)).status).toBe(200);
  });
});

describe('proposing a change to the responsibility list', () => {
  it("is for a county-level unit's leader, for its own unit; staff and township leaders are refused and nothing is written", async () => {
    const before = await eventCount();
    expect(await as(tokenOf('qh-urban.staff-1')).post('/api/v1/responsibility-list/changes', { changeId: 'chg-staff', reason: 'x', upserts: [item] })).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_NOT_ALLOWED' },
    });
    expect(await as(tokenOf('qh-dc.leader')).post('/api/v1/responsibility-list/changes', { changeId: 'chg-township', reason: 'x', upserts: [item] })).toMatchObject({
      status: 403,
      body: { code: 'LIST.NOT_A_COUNTY_UNIT' },
    });
    // the proposer is the token's unit: the body may not name another one
    expect((await as(tokenOf('qh-urban.leader')).post('/api/v1/responsibility-list/changes', { changeId: 'chg-other', proposedBy: 'QH-POLICE', reason: 'x', upserts: [item] })).status).toBe(400);
    expect(await eventCount()).toBe(before);

    expect((await as(tokenOf('qh-urban.leader')).post('/api/v1/responsibility-list/changes', { changeId: 'chg-urban', reason: 'night market', upserts: [item] })).status).toBe(201);
    const changes = await as(null).get<{ changeId: string; proposedBy: string }[]>('/api/v1/responsibility-list/changes');
    expect(changes.body.find((c) => c.changeId === 'chg-urban')).toMatchObject({ proposedBy: 'QH-URBAN' });
    expect(await eventCount()).toBe(before + 1);

    // only the centre admits it
    expect(await as(tokenOf('qh-urban.leader')).post('/api/v1/responsibility-list/changes/chg-urban/approve', {})).toMatchObject({ status: 403, body: { code: 'AUTH.ROLE_NOT_ALLOWED' } });
    expect(await eventCount()).toBe(before + 1);
    expect((await centre.post('/api/v1/responsibility-list/changes/chg-urban/reject', { reason: 'not now' })).status).toBe(200);
  });
});

it('shows the bearer scheme in its OpenAPI document', async () => {
  const docs = (await (await fetch(`${system.url('dispatch')}/docs-json`)).json()) as {
    components: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
    paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
  };
  expect(Object.values(docs.components.securitySchemes ?? {})).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  expect(docs.paths['/api/v1/cases/{caseId}/dispatch'].post.security).toEqual([{ bearer: [] }]);
  expect(docs.paths['/api/v1/triage'].get.security).toEqual([{ bearer: [] }]);
});
