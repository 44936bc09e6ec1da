// Several instances of a service start at once (`npm start -- --instances N`, a Deployment's
// replicas, the scale-out test) and each migrates its schema as it starts. Their migrations must
// take turns: a `CREATE TABLE IF NOT EXISTS` that two sessions run at the same moment can fail with
// a unique violation in the catalogue, and the instance that loses dies at start. Here six
// instances of each service migrate one fresh schema at the same moment, four times over.
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { SERVICE_NAMES } from '@county/contracts';
import { runMigrations } from '@county/event-store';
import { createDataSource, loadConfig } from '@county/service-kit';
import { createTestDatabase, serviceEnv, type TestDatabase } from '@county/testing';
import { OWN_MIGRATIONS } from '../../scripts/service-migrations';

const INSTANCES = 6;
const ROUNDS = 4;
const logger = pino({ level: 'silent' });

let db: TestDatabase;
const opened: DataSource[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  for (const d of opened) if (d.isInitialized) await d.destroy().catch(() => undefined);
  await db?.drop();
});

it.each([...SERVICE_NAMES])('%s: instances that migrate one schema at once all succeed, and each step is applied once', async (service) => {
  const config = loadConfig(service, { ...process.env, ...serviceEnv({ database: db.name, topicPrefix: '' }), PG_POOL_SIZE: '2' });
  const instances: DataSource[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    const d = createDataSource(config, { migrations: OWN_MIGRATIONS[service], logger });
    await d.initialize();
    opened.push(d);
    instances.push(d);
  }
  for (let round = 0; round < ROUNDS; round++) {
    await db.pool.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
    const outcomes = await Promise.allSettled(instances.map((d) => runMigrations(d)));
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).message)] : []));
    expect({ round, failed }).toEqual({ round, failed: [] });
    // one instance applied every step, the others found nothing pending
    const applied = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.length : -1)).sort((a, b) => b - a);
    expect(applied.slice(1)).toEqual(Array(INSTANCES - 1).fill(0));
    expect(applied[0]).toBeGreaterThan(0);
    const twice = await db.pool.query(`SELECT component, version FROM "${config.schema}".schema_migrations GROUP BY component, version HAVING count(*) > 1`);
    expect(twice.rows).toEqual([]);
  }
}, 180_000);
