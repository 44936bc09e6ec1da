import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { eventually, testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { api, dispatched, publish, tokenFor } from './support';

/**
 * A unit's inbox counts are the whole inbox, not the first page: 105 cases dispatched to one
 * community (more than the 100 rows a page may hold), three of them signed for.
 */

let system: RunningSystem;
let producer: Producer;
let call: ReturnType<typeof api>;
let staff: string;
let centre: string;
let neighbour: string;

const COMMUNITY = 'QH-CG-03';
const CASES = 105;

type Counts = { unitCode: string; counts: Record<string, number> };

beforeAll(async () => {
  system = await startSystem(['handling']);
  producer = testKafka().producer();
  await producer.connect();
  call = api(system);
  staff = await tokenFor(system, 'qh-cg-03.staff-1');
  centre = await tokenFor(system, 'qh-centre.dispatcher-1');
  neighbour = await tokenFor(system, 'qh-cg-02.staff-1');
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await system?.stop();
});

it("counts every case of each box, beyond the inbox's page of 100, and pages through the rest", async () => {
  const caseIds = Array.from({ length: CASES }, () => randomUUID());
  for (const caseId of caseIds) {
    await publish(producer, system, 'intake', 'case.received.v1', caseId, {
      channel: 'hotline',
      channelReference: `HL-${caseId.slice(0, 8)}`,
      appealType: 'complaint',
      categoryCode: 'UM.ORDER.VENDING',
      urgency: 'normal',
      description: '占道经营',
      location: { address: '人民路 12 号', resolved: true },
      resident: { anonymous: true },
      receivedAt: new Date().toISOString(),
      attachments: [],
    });
    await publish(producer, system, 'dispatch', 'case.dispatched.v1', caseId, dispatched(caseId, COMMUNITY));
  }
  await eventually(async () => ((await call<Counts>('GET', '/api/v1/inbox/counts', staff)).body.counts?.new === CASES ? true : undefined), 120_000);
  for (const caseId of caseIds.slice(0, 3)) expect((await call('POST', `/api/v1/cases/${caseId}/sign-for`, staff)).status).toBe(200);

  // the read model follows the commands within a moment
  const mine = await eventually(async () => {
    const r = await call<Counts>('GET', '/api/v1/inbox/counts', staff);
    return r.body.counts?.signed === 3 ? r : undefined;
  });
  expect(mine.status).toBe(200);
  expect(mine.body).toMatchObject({ unitCode: COMMUNITY, counts: { open: CASES, new: CASES - 3, signed: 3, reopened: 0, submitted: 0, resolved: 0, whistles: 0, 'proactive-tasks': 0 } });

  // the centre reads the same counts by the unit's code; a neighbour may not
  expect((await call<Counts>('GET', `/api/v1/inbox/counts?unitCode=${COMMUNITY}`, centre)).body).toEqual(mine.body);
  const refused = await call('GET', `/api/v1/inbox/counts?unitCode=${COMMUNITY}`, neighbour);
  expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'AUTH.NOT_YOUR_UNIT' });
  const bad = await call<{ errors: { field: string }[] }>('GET', '/api/v1/inbox/counts?unitCode=%20bad', centre);
  expect({ status: bad.status, fields: bad.body.errors?.map((e) => e.field) }).toEqual({ status: 400, fields: ['unitCode'] });

  // the new box's pages hold every one of them
  const first = await call<{ items: { caseId: string }[]; nextCursor: string | null }>('GET', '/api/v1/inbox?box=new&limit=100', staff);
  expect(first.body.items).toHaveLength(100);
  const second = await call<{ items: { caseId: string }[]; nextCursor: string | null }>('GET', `/api/v1/inbox?box=new&limit=100&cursor=${first.body.nextCursor}`, staff);
  expect({ rows: second.body.items.length, nextCursor: second.body.nextCursor }).toEqual({ rows: CASES - 3 - 100, nextCursor: null });
}, 240_000);
