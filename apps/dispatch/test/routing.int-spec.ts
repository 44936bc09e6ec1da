import { TOPICS } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { collectMessages, eventually, testKafka } from '@county/testing';
import { drainOutbox, type RunningSystem } from '../../../test/support/system';
import { client, OtherServices, startDispatchAlone, tokenOf, type CaseView } from './support';

let system: RunningSystem;
let others: OtherServices;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  system = await startDispatchAlone();
  others = await OtherServices.connect(system);
  api = client(system.url('dispatch'));
}, 120_000);

afterAll(async () => {
  await others?.stop();
  await system?.stop();
});

const caseView = (caseId: string, pred: (c: CaseView) => boolean = () => true) =>
  eventually(async () => {
    const r = await api.get<CaseView>(`/api/v1/cases/${caseId}`);
    return r.status === 200 && pred(r.body) ? r.body : undefined;
  }, 30_000);

it('routes a received case by the list, recording the item and version, so anyone can ask why', async () => {
  const caseId = await others.receive();
  const view = await caseView(caseId);
  expect(view.state).toMatchObject({ status: 'dispatched', primaryUnitCode: 'QH-CG', cooperatingUnitCodes: ['QH-POLICE'] });
  expect(view.dispatches).toEqual([
    expect.objectContaining({ primaryUnitCode: 'QH-CG', basis: expect.objectContaining({ kind: 'list', listItemId: 'UM.ORDER.PARKING@urban', listVersion: 1 }) }),
  ]);
});

it('sends a case no item covers to the triage queue; a dispatcher dispatches it with a reason, also jointly', async () => {
  const caseId = await others.receive({ categoryCode: 'URB-ORDER-PARKING', location: { address: '人民路 12 号', resolved: false } });
  const triage = await eventually(async () => {
    const r = await api.get<{ caseId: string; triageReason: string; version: number }[]>('/api/v1/triage');
    return r.body.find((row) => row.caseId === caseId);
  });
  expect(triage.triageReason).toMatch(/not a matter of the catalogue/);

  // a body that breaks the rules writes nothing
  const bad = await api.post(`/api/v1/cases/${caseId}/dispatch`, { assignments: [{ unitCode: 'QH-CG', role: 'co-handler' }], reason: 'x', extra: 1 });
  expect(bad.status).toBe(400);
  const noLead = await api.post(`/api/v1/cases/${caseId}/dispatch`, { assignments: [{ unitCode: 'QH-CG', role: 'co-handler' }], reason: 'x' });
  expect(noLead).toMatchObject({ status: 422, body: { code: 'CASE.ONE_LEAD' } });
  expect((await api.get<CaseView>(`/api/v1/cases/${caseId}`)).body.version).toBe(1);

  const joint = await api.post(`/api/v1/cases/${caseId}/dispatch`, {
    assignments: [
      { unitCode: 'QH-CG', role: 'lead', part: 'clear the lane' },
      { unitCode: 'QH-POLICE', role: 'co-handler', part: 'tow the cars' },
    ],
    reason: 'parking at Renmin road: Chengguan street leads, the police tow',
    categoryCode: 'UM.ORDER.PARKING',
  }, { 'if-match': '"1"' });
  expect(joint).toMatchObject({ status: 200, body: { version: 2, events: ['case.dispatched.v1'] } });
  const view = await caseView(caseId);
  expect(view.state).toMatchObject({ status: 'dispatched', primaryUnitCode: 'QH-CG', cooperatingUnitCodes: ['QH-POLICE'], categoryCode: 'UM.ORDER.PARKING' });
  expect(view.dispatches[0].basis).toEqual({ kind: 'manual', explanation: 'manual dispatch by the centre: parking at Renmin road: Chengguan street leads, the police tow' });
  await eventually(async () => ((await api.get<{ caseId: string }[]>('/api/v1/triage')).body.some((r) => r.caseId === caseId) ? undefined : true));

  // an override re-dispatches (the clock does not restart)
  const override = await api.post(`/api/v1/cases/${caseId}/dispatch`, { primaryUnitCode: 'QH-URBAN', reason: 'county road', final: true });
  expect(override.status).toBe(200);
  const after = await caseView(caseId, (c) => c.version === 3);
  expect(after.dispatches[1]).toMatchObject({ primaryUnitCode: 'QH-URBAN', redispatch: true });
  expect(after.state).toMatchObject({ final: true, firstDispatchedAt: expect.any(String) });
  expect(after.state.firstDispatchedAt).toBe(view.state.dispatchedAt);
  expect(after.state.dispatchedAt).not.toBe(view.state.dispatchedAt);

  // a forced assignment (强制派单): the unit's request to return it is refused by the rules at once
  await others.unit('case.transfer-requested.v1', caseId, { unitCode: 'QH-URBAN', reason: 'not ours' });
  const refused = await caseView(caseId, (c) => c.version === 4);
  expect(refused.timeline[3].type).toBe('case.transfer-rejected.v1');
  expect(refused.state).toMatchObject({ primaryUnitCode: 'QH-URBAN', final: true });
});

it('a change to the list is proposed, admitted by the centre and affects only cases routed after it takes effect', async () => {
  const grid = { gridCode: 'QH-DC-01-01', communityCode: 'QH-DC-01', townshipCode: 'QH-DC', resolved: true };
  const before = await others.receive({ categoryCode: 'UM.ORDER.VENDING', location: grid });
  await caseView(before);

  const item = {
    id: 'UM.ORDER.VENDING@QH-DC',
    categoryCode: 'UM.ORDER.VENDING',
    scope: { kind: 'township', townshipCode: 'QH-DC' },
    primary: { level: 'community' },
    cooperating: [{ level: 'township' }],
  };
  // the leader of a county-level unit proposes for its unit: the token names the proposer
  const urbanLeader = client(system.url('dispatch'), tokenOf('qh-urban.leader'));
  const proposed = await urbanLeader.post('/api/v1/responsibility-list/changes', { changeId: 'chg-dc-vending', reason: 'night market', upserts: [item] });
  expect(proposed).toMatchObject({ status: 201, body: { changeId: 'chg-dc-vending', status: 'proposed' } });
  const changes = await api.get<{ changeId: string; proposedBy: string; status: string }[]>('/api/v1/responsibility-list/changes');
  expect(changes.body.find((c) => c.changeId === 'chg-dc-vending')).toMatchObject({ proposedBy: 'QH-URBAN', status: 'proposed' });

  // proposed is not approved: cases still route by version 1
  const whileProposed = await others.receive({ categoryCode: 'UM.ORDER.VENDING', location: grid });
  expect((await caseView(whileProposed)).dispatches[0].basis).toMatchObject({ listVersion: 1 });

  // the approver is the token's unit, never a body field
  expect((await api.post('/api/v1/responsibility-list/changes/chg-dc-vending/approve', { approvedBy: 'QH-URBAN' })).status).toBe(400);
  const approved = await api.post('/api/v1/responsibility-list/changes/chg-dc-vending/approve', {});
  expect(approved).toMatchObject({ status: 200, body: { version: 2 } });

  const after = await others.receive({ categoryCode: 'UM.ORDER.VENDING', location: grid });
  const routedAfter = await caseView(after);
  expect(routedAfter.state).toMatchObject({ primaryUnitCode: 'QH-DC-01', cooperatingUnitCodes: ['QH-DC'] });
  expect(routedAfter.dispatches[0].basis).toMatchObject({ listItemId: 'UM.ORDER.VENDING@QH-DC', listVersion: 2 });

  // the case routed before keeps its unit and version
  const old = await caseView(before);
  expect(old.state).toMatchObject({ primaryUnitCode: 'QH-DC' });
  expect(old.dispatches).toHaveLength(1);
  expect(old.dispatches[0].basis).toMatchObject({ listItemId: 'UM.ORDER.VENDING@urban', listVersion: 1 });

  const versions = await api.get<{ version: number; changeId: string | null }[]>('/api/v1/responsibility-list/versions');
  expect(versions.body.map((v) => v.version)).toEqual([1, 2]);
  const v1 = await api.get<{ itemCount: number }>('/api/v1/responsibility-list?version=1');
  expect(v1.body.itemCount).toBeGreaterThanOrEqual(100);
});

it('publishes every event it wrote to its topic, each valid against the AsyncAPI document', async () => {
  await drainOutbox(system, 'dispatch');
  const { rows } = await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dispatch.events');
  const outside = await collectMessages(testKafka(), [`${system.topicPrefix}${TOPICS.dispatch}`]);
  const seen = await outside.waitFor((m) => m.length >= rows[0].n);
  await outside.stop();
  expect(new Set(seen.map((m) => (m.value as { type: string }).type))).toEqual(
    new Set(['case.dispatched.v1', 'case.sent-to-triage.v1', 'case.transfer-rejected.v1', 'responsibility-list.change-proposed.v1', 'responsibility-list.change-approved.v1']),
  );
  for (const m of seen) expect(validateAgainstAsyncApi(m.value as { type: string })).toEqual({ valid: true, errors: [] });
  expect(seen.filter((m) => (m.value as { type: string }).type.startsWith('responsibility-list.')).every((m) => m.key === 'responsibility-list')).toBe(true);
});

it('serves its OpenAPI document with the dispatcher API', async () => {
  const docs = await api.get<{ paths: Record<string, unknown> }>('/docs-json');
  for (const path of ['/api/v1/triage', '/api/v1/cases/{caseId}/dispatch', '/api/v1/cases/{caseId}/transfer/approve', '/api/v1/cases/{caseId}/review/send-back', '/api/v1/cases/{caseId}/extension/approve', '/api/v1/responsibility-list/changes']) {
    expect(docs.body.paths[path]).toBeDefined();
  }
});
