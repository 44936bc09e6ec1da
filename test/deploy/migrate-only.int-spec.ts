// The deployment's migration job: `main.ts --migrate-only` applies a service's migrations and
// exits; with MIGRATE_ON_START=false a service does not migrate at start, and refuses to start on
// a schema that the job has not migrated.
import { createTestDatabase, serviceEnv, uniqueName, type TestDatabase } from '@county/testing';
import { healthy, listeningUrl, spawnService, type Watched } from '../support/processes';

let db: TestDatabase;
const started: Watched[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  for (const p of started) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  for (const p of started) await p.exited(30_000).catch(() => p.child.kill('SIGKILL'));
  await db?.drop();
});

const migrations = async () =>
  (await db.pool.query<{ component: string; n: number }>(`SELECT component, count(*)::int AS n FROM intake.schema_migrations GROUP BY component ORDER BY component`)).rows;

it('refuses to start without migrating when MIGRATE_ON_START is false and the job has not run', async () => {
  const env = { ...serviceEnv({ database: db.name, topicPrefix: `${uniqueName('mig')}.` }), MIGRATE_ON_START: 'false' };
  const p = spawnService('intake', env);
  started.push(p);
  expect(await p.exited(120_000)).not.toBe(0);
  expect(p.output()).toMatch(/schema intake has not been migrated and MIGRATE_ON_START is false/);
  const tables = await db.pool.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'intake'`);
  expect(tables.rowCount).toBe(0);
}, 150_000);

it('migrates with --migrate-only and exits; the service then starts without migrating', async () => {
  const env = serviceEnv({ database: db.name, topicPrefix: `${uniqueName('mig')}.` });
  const job = spawnService('intake', { ...env, LOG_LEVEL: 'info' }, ['--migrate-only']);
  started.push(job);
  expect(await job.exited(120_000)).toBe(0);
  expect(job.output()).toMatch(/intake: migrations applied \(--migrate-only\); exiting/);
  const applied = await migrations();
  expect(applied.map((r) => r.component)).toContain('event-store');

  const service = spawnService('intake', { ...env, PORT: '0', MIGRATE_ON_START: 'false', LOG_LEVEL: 'info' }); // info: its "listening on" line
  started.push(service);
  const url = await listeningUrl(service, 120_000).catch((err: Error) => {
    throw new Error(`intake did not start on the migrated schema: ${err.message}`);
  });
  const deadline = Date.now() + 120_000;
  while (!(await healthy(url))) {
    if (service.child.exitCode !== null || Date.now() > deadline) throw new Error(`intake did not start on the migrated schema:\n${service.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(await migrations()).toEqual(applied); // nothing more applied at start
}, 300_000);
