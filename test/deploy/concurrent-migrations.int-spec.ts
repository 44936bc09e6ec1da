// Several instances of a service start at once (`npm start -- --instances N`, a Deployment's
// replicas, the scale-out test) and each migrates its schema as it starts. Their migrations must
// take turns: a `CREATE TABLE IF NOT EXISTS` that two sessions run at the same moment can fail with
// a unique violation in the catalogue, and the instance that loses dies at start.
import { Pool, type Pool as PgPool } from 'pg';
import { Database } from '@county/service-kit';
import { createTestDatabase, type TestDatabase } from '@county/testing';
import { migrateReopens } from '../../apps/dispatch/src/reopens/reopens';
import { migrateHandling } from '../../apps/handling/src/read-model/schema';
import { migrateEvaluation } from '../../apps/evaluation/src/read-model/schema';
import { intakeMigrations } from '../../apps/intake/src/storage/migrations';
import { loadIntakeSettings } from '../../apps/intake/src/settings';

const INSTANCES = 6;
const ROUNDS = 4;

const services: Record<string, readonly ((pool: PgPool) => Promise<void>)[]> = {
  intake: intakeMigrations(loadIntakeSettings({})),
  dispatch: [migrateReopens],
  handling: [migrateHandling],
  evaluation: [migrateEvaluation],
  'case-worker': [],
};

let db: TestDatabase;
const pools: Pool[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  for (let i = 0; i < INSTANCES; i++) {
    const pool = new Pool({ ...db.connection, max: 4 });
    pool.on('error', () => undefined);
    pools.push(pool);
  }
});

afterAll(async () => {
  for (const p of pools) await p.end().catch(() => undefined);
  await db?.drop();
});

it.each(Object.keys(services))('%s: instances that migrate one schema at once all succeed, and each step is applied once', async (service) => {
  const schema = service.replace('-', '_');
  for (let round = 0; round < ROUNDS; round++) {
    await db.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const outcomes = await Promise.allSettled(
      pools.map((pool) => new Database(pool, { schema, migrateOnStart: true } as never, [...services[service]]).migrate()),
    );
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).message)] : []));
    expect({ round, failed }).toEqual({ round, failed: [] });
    const steps = await db.pool.query<{ component: string; version: number; n: number }>(
      `SELECT component, version, count(*)::int AS n FROM "${schema}".schema_migrations GROUP BY component, version HAVING count(*) > 1`,
    );
    expect(steps.rows).toEqual([]);
  }
}, 120_000);
