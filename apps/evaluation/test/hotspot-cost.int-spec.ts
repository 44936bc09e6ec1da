import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { CloudEvent } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import { FactsStore } from '../src/read-model/facts-store';
import { startIsolatedEvaluation, type RunningEvaluation } from './support/evaluation-service';
import { caseEvent } from './support/simulation';

/**
 * A storm is often one problem in one place: hundreds of calls about the same thing from the same
 * grid. Evaluation looks for a hotspot on each new case; what that costs a case must not grow with
 * the cases of its category and place before it (it read all their ids, each time, under the
 * place's lock: quadratic over a storm, one case at a time). Each new case is consumed here through
 * the real store on the real database, counting the values its queries bring back.
 */

let system: RunningEvaluation;
let store: FactsStore;
let pool: Pool;

beforeAll(async () => {
  system = await startIsolatedEvaluation();
  store = system.app.get(FactsStore);
  pool = system.app.get<Pool>(PG_POOL);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

function received(categoryCode: string, gridCode: string, communityCode: string, at: string): CloudEvent {
  const caseId = randomUUID();
  return caseEvent('intake', 'case.received.v1', caseId, at, {
    channel: 'hotline',
    channelReference: `HL-${caseId}`,
    appealType: 'complaint',
    categoryCode,
    urgency: 'normal',
    description: 'storm appeal',
    location: { resolved: true, townshipCode: 'QH-CG', communityCode, gridCode },
    resident: { anonymous: true },
    receivedAt: at,
    attachments: [],
  });
}

/** Consumes the event as the live consumer does, in a transaction; the number of values (rows, and the elements of array columns) its queries read. */
async function consume(event: CloudEvent): Promise<number> {
  const client: PoolClient = await pool.connect();
  let values = 0;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<{ rows?: Record<string, unknown>[] }>;
  Object.assign(client, {
    query: async (...args: unknown[]) => {
      const result = await query(...args);
      for (const row of result.rows ?? []) for (const v of Object.values(row)) values += Array.isArray(v) ? v.length : 1;
      return result;
    },
  });
  try {
    await query('BEGIN');
    await store.consume(client, event, { detectHotspots: true });
    await query('COMMIT');
  } catch (err) {
    await query('ROLLBACK');
    throw err;
  } finally {
    delete (client as { query?: unknown }).query;
    client.release();
  }
  return values;
}

const detected = async (categoryCode: string, gridCode: string, month: string) =>
  (await pool.query<{ data: { caseIds: string[]; count: number } }>(`SELECT data FROM evaluation.events WHERE stream_id = $1 AND event_type = 'hotspot.detected.v1'`, [`hotspot-${categoryCode}-${gridCode}-${month}`])).rows.map((r) => r.data);

it('costs a new case the same after a hundred cases of its category and place as after a few, once the hotspot is detected', async () => {
  const [category, grid, community] = ['UM.FACILITY.WATERLOGGING', 'QH-CG-04-04', 'QH-CG-04'];
  const costs: number[] = [];
  for (let i = 0; i < 120; i++) costs.push(await consume(received(category, grid, community, new Date(Date.UTC(2026, 6, 14, 2, 0, i)).toISOString())));
  // detected once, with the cases counted when the count reached the rule's minimum (5 by default)
  const hotspots = await detected(category, grid, '2026-07');
  expect(hotspots).toHaveLength(1);
  expect(hotspots[0]).toMatchObject({ count: 5 });
  expect(hotspots[0].caseIds).toHaveLength(5);
  // the 120th case reads no more than the 10th
  expect(costs[119]).toBeLessThanOrEqual(costs[9]);
  expect(costs[119]).toBeLessThan(40);
}, 180_000);

it('costs a new case the same where a busy place never spikes: it counts the cases, it does not read them', async () => {
  const [category, grid, community] = ['UM.ORDER.PARKING', 'QH-CG-03-02', 'QH-CG-03'];
  // three busy months before (40 cases each): August needs 80 cases to spike
  for (const month of [4, 5, 6]) for (let i = 0; i < 40; i++) await consume(received(category, grid, community, new Date(Date.UTC(2026, month, 10, 2, 0, i)).toISOString()));
  const costs: number[] = [];
  for (let i = 0; i < 40; i++) costs.push(await consume(received(category, grid, community, new Date(Date.UTC(2026, 7, 10, 2, 0, i)).toISOString())));
  expect(await detected(category, grid, '2026-08')).toEqual([]);
  expect(costs[39]).toBeLessThanOrEqual(costs[0]);
  expect(costs[39]).toBeLessThan(40);
}, 180_000);
