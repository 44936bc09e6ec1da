// The services' schema migrations (numbered TypeORM migrations, libs/event-store migrations.ts):
// from an empty database, from a database the release before them created, two instances at
// once, and `npm run migrate` showing what is pending.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { SERVICE_NAMES, type ServiceName } from '@county/contracts';
import { EventStore, migrationStates, runMigrations } from '@county/event-store';
import { Database, createDataSource, loadConfig } from '@county/service-kit';
import { createTestDatabase, eventually, serviceEnv, uniqueName, type TestDatabase } from '@county/testing';
import { OWN_MIGRATIONS } from '../../scripts/service-migrations';
import { repoRoot } from '../support/processes';

const SCHEMAS = ['intake', 'dispatch', 'handling', 'evaluation', 'case_worker'];
const logger = pino({ level: 'silent' });
const opened: DataSource[] = [];
const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const d of opened) if (d.isInitialized) await d.destroy();
  for (const d of databases) await d.drop();
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}

/** A service's DataSource on a test database, as the service builds it. */
async function dataSourceOf(service: ServiceName, db: TestDatabase): Promise<DataSource> {
  const config = loadConfig(service, { ...process.env, ...serviceEnv({ database: db.name, topicPrefix: '' }), PG_POOL_SIZE: '3' });
  const d = createDataSource(config, { migrations: OWN_MIGRATIONS[service], logger });
  await d.initialize();
  opened.push(d);
  return d;
}

async function migrateAll(db: TestDatabase): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const service of SERVICE_NAMES) applied[service] = await runMigrations(await dataSourceOf(service, db));
  return applied;
}

/** Tables, columns, indexes and constraints of the services' schemas (TypeORM's own record left out). */
async function catalogue(db: TestDatabase): Promise<unknown> {
  const columns = await db.pool.query(
    `SELECT table_schema, table_name, column_name, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = ANY($1) AND table_name <> 'migrations' ORDER BY 1, 2, 3`,
    [SCHEMAS],
  );
  const indexes = await db.pool.query(`SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = ANY($1) AND tablename <> 'migrations' ORDER BY 1, 2, 3`, [SCHEMAS]);
  const constraints = await db.pool.query(
    `SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = ANY($1) AND t.relname <> 'migrations' ORDER BY 1, 2, 3`,
    [SCHEMAS],
  );
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

/** Loads the previous release's schemas (on a client of its own: the dump changes search_path). */
async function loadPreviousRelease(db: TestDatabase): Promise<void> {
  const client = new Client(db.connection);
  await client.connect();
  try {
    await client.query(fs.readFileSync(path.join(__dirname, 'fixtures', 'schema-before-typeorm.sql'), 'utf8'));
  } finally {
    await client.end();
  }
}

function npmMigrate(db: TestDatabase, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'migrate', '--', ...args], { cwd: repoRoot, env: serviceEnv({ database: db.name, topicPrefix: '' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

let fromEmpty: unknown;

/** The catalogue of a database migrated from empty (the first test's, or made here when it did not run). */
async function emptyCatalogue(): Promise<unknown> {
  if (!fromEmpty) {
    const db = await database();
    await migrateAll(db);
    fromEmpty = await catalogue(db);
  }
  return fromEmpty;
}

it('build every service schema from an empty database, each migration once, in order', async () => {
  const db = await database();
  const applied = await migrateAll(db);
  expect(applied.intake).toEqual(['event-store-0001-tables-1000000000001', 'event-store-0002-subject-column-1000000000002', 'intake-0001-tables-2000000000001']);
  expect(applied['case-worker']).toEqual(['event-store-0001-tables-1000000000001', 'event-store-0002-subject-column-1000000000002']);
  expect(applied.dispatch.at(-1)).toBe('dispatch-0001-tables-2000000000001');
  expect(applied.handling.slice(-2)).toEqual(['handling-0001-tables-2000000000001', 'handling-0002-proactive-tasks-2000000000002']);
  expect(applied.evaluation.slice(-2)).toEqual(['evaluation-0001-tables-2000000000001', 'evaluation-0002-consumed-events-subject-2000000000002']);
  // a second run finds nothing to do
  expect(Object.values(await migrateAll(db)).flat()).toEqual([]);
  const ledger = await db.pool.query(`SELECT component, version FROM handling.schema_migrations ORDER BY component, version`);
  expect(ledger.rows).toEqual([{ component: 'event-store', version: 1 }, { component: 'event-store', version: 2 }, { component: 'handling', version: 1 }, { component: 'handling', version: 2 }]);
  fromEmpty = await catalogue(db);
  expect((fromEmpty as { columns: unknown[] }).columns.length).toBeGreaterThan(100);
}, 120_000);

it('upgrade a database the previous release created, keeping its rows, to the very schema an empty one gets', async () => {
  const db = await database();
  await loadPreviousRelease(db);
  const eventId = randomUUID();
  await db.pool.query(
    `INSERT INTO intake.events (stream_id, stream_version, event_id, event_type, source, event_time, correlation_id, causation_id, data, subject)
     VALUES ('case-old', 1, $1, 'case.received.v1', 'intake', now(), 'c', 'c', '{"n": 1}', 'case-old')`,
    [eventId],
  );
  await db.pool.query(`INSERT INTO handling.tasks (case_id, unit_code, signed_at, signings) VALUES ('case-old', 'U1', now(), 1)`);

  const applied = await migrateAll(db);
  // the previous release had every table up to version 1 of each service; what came since is applied too
  expect(Object.fromEntries(SERVICE_NAMES.map((service) => [service, applied[service].length]))).toEqual({ intake: 3, dispatch: 3, handling: 4, evaluation: 4, 'case-worker': 2 });
  expect(await catalogue(db)).toEqual(await emptyCatalogue());
  const old = await new EventStore(db.pool, 'intake', 'intake').readStream('case-old');
  expect(old.events.map((e) => e.id)).toEqual([eventId]);
  expect((await db.pool.query(`SELECT signings FROM handling.tasks WHERE case_id = 'case-old'`)).rows).toEqual([{ signings: 1 }]);
  // the previous release's record is kept and continued
  const ledger = await db.pool.query(`SELECT component, version FROM intake.schema_migrations ORDER BY component, version`);
  expect(ledger.rows).toEqual([{ component: 'event-store', version: 1 }, { component: 'event-store', version: 2 }, { component: 'intake', version: 1 }]);
}, 120_000);

it('let two instances migrate at once: one applies, the other waits on the lock and finds nothing pending', async () => {
  const db = await database();
  const [a, b] = [await dataSourceOf('intake', db), await dataSourceOf('intake', db)];
  // a third session holds the schema's migration lock, so that both instances must queue on it
  const holder = new Client(db.connection);
  await holder.connect();
  await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['migrate:intake']);
  const both = Promise.all([runMigrations(a), runMigrations(b)]);
  await eventually(async () => {
    const r = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    return r.rows[0].n >= 2 ? true : undefined;
  }, 20_000, 50);
  expect((await db.pool.query(`SELECT to_regclass('intake.migrations') AS t`)).rows[0].t).toBeNull();
  await holder.query('SELECT pg_advisory_unlock(hashtext($1))', ['migrate:intake']);
  await holder.end();
  const results = await both;
  expect(results.map((r) => r.length).sort()).toEqual([0, 3]);
  const rows = await db.pool.query(`SELECT name FROM intake.migrations ORDER BY id`);
  expect(rows.rows.map((r) => r.name)).toEqual(results.find((r) => r.length)!);
  expect((await migrationStates(a)).every((m) => m.applied)).toBe(true);
}, 120_000);

it('`npm run migrate -- --show` lists the pending migrations of each service; `npm run migrate` applies them', async () => {
  const db = await database();
  await loadPreviousRelease(db);
  const before = await npmMigrate(db, ['--show']);
  expect(before.code).toBe(0);
  expect(before.out).toContain('intake (schema intake): 3 migrations, 3 pending');
  expect(before.out).toContain('  [ ] handling-0001-tables-2000000000001');
  expect(before.out).toContain('case-worker (schema case_worker): 2 migrations, 2 pending');
  // showing applies nothing
  expect((await db.pool.query(`SELECT to_regclass('intake.migrations') AS t`)).rows[0].t).toBeNull();

  const run = await npmMigrate(db, ['--service', 'intake']);
  expect(run.code).toBe(0);
  expect(run.out).toContain('intake (schema intake): applied event-store-0001-tables-1000000000001, event-store-0002-subject-column-1000000000002, intake-0001-tables-2000000000001');
  const after = await npmMigrate(db, ['--show', '--service', 'intake,dispatch']);
  expect(after.out).toContain('intake (schema intake): 3 migrations, 0 pending');
  expect(after.out).toContain('  [x] intake-0001-tables-2000000000001');
  expect(after.out).toContain('dispatch (schema dispatch): 3 migrations, 3 pending');
  expect(after.out).not.toContain('handling');
  const unknown = await npmMigrate(db, ['--service', uniqueName('nope')]);
  expect(unknown.code).toBe(2);
  expect(unknown.out).toMatch(/unknown service: nope_/);
}, 180_000);

it('keep a service from starting without migrating on a schema that lacks a migration, naming it', async () => {
  const db = await database();
  const old = await dataSourceOf('dispatch', db);
  // the migration job of an older release: the event store's steps only
  const eventStoreOnly = createDataSource(loadConfig('dispatch', { ...process.env, ...serviceEnv({ database: db.name, topicPrefix: '' }) }), { migrations: [], logger });
  await eventStoreOnly.initialize();
  opened.push(eventStoreOnly);
  await runMigrations(eventStoreOnly);
  const config = { ...loadConfig('dispatch', serviceEnv({ database: db.name, topicPrefix: '' })), migrateOnStart: false };
  await expect(new Database(old, config, [], logger).onModuleInit()).rejects.toThrow(
    /schema dispatch lacks 1 migration\(s\) \(dispatch-0001-tables-2000000000001\) and MIGRATE_ON_START is false/,
  );
  // once the job has run, it starts
  await runMigrations(old);
  await expect(new Database(old, config, [], logger).onModuleInit()).resolves.toBeUndefined();
}, 120_000);
