import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { EventStore, migrateEventStore } from '@county/event-store';
import { createTestDatabase, enginesHome, eventually, type TestDatabase } from '@county/testing';
import { createActivities } from '../src/activities';
import { CASE_WORKFLOW_TYPE, SA, caseEventSignal, caseWorkflowId, clocksQuery, type CaseSignal } from '../src/workflows/definitions';
import { SCHEMA, workflowBundle } from './support/case-harness';

// A Temporal server restart and a worker restart in the middle of a case, on a dev server of this
// test's own (SQLite file, free port): the timers set before the restart still fire after it, and
// nothing is announced twice. Real time: the sign-for clock is set to end 30 seconds from now.

const SEARCH_ATTRIBUTE_TYPES: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', BOOL: 'Bool' };

let db: TestDatabase;
let store: EventStore;
let dbFile: string;
let port: number;
let server: ChildProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.pool, SCHEMA);
  store = new EventStore(db.pool, SCHEMA, 'case-worker');
  dbFile = path.join(os.tmpdir(), `case-worker-restart-${randomUUID()}.db`);
  port = await freePort();
}, 60_000);

afterAll(async () => {
  await stopServer();
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  await db?.drop();
});

async function startServer(first: boolean): Promise<void> {
  const searchAttributes = first ? Object.values(SA).flatMap((k) => ['--search-attribute', `${k.name}=${SEARCH_ATTRIBUTE_TYPES[k.type]}`]) : [];
  server = spawn(path.join(enginesHome(), 'bin', 'temporal'), ['server', 'start-dev', '--db-filename', dbFile, '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error', ...searchAttributes], { stdio: 'ignore' });
  await eventually(async () => {
    const connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 1000 });
    try {
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      return true;
    } finally {
      await connection.close();
    }
  }, 60_000, 250);
}

async function stopServer(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  const exited = new Promise((resolve) => s.once('exit', resolve));
  s.kill('SIGTERM');
  await exited;
}

async function startWorker(taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: `127.0.0.1:${port}` });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: await workflowBundle(), activities: createActivities(store) });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

it('fires the timers set before a server and worker restart once, after it', async () => {
  await startServer(true);
  const taskQueue = `restart-${randomUUID()}`;
  let worker = await startWorker(taskQueue);
  const caseId = randomUUID();
  const workflowId = caseWorkflowId(caseId);

  const send = async (client: Client, signal: CaseSignal) =>
    client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, { workflowId, taskQueue, args: [{ caseId }], signal: caseEventSignal, signalArgs: [signal] });
  let connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  let client = new Client({ connection });

  // dispatched 24 hours minus 30 seconds ago: the sign-for clock (24 hours) has 30 seconds left,
  // its 50 % and 75 % warnings are due at once
  const dispatchedAt = new Date(Date.now() - 24 * 3_600_000 + 30_000).toISOString();
  const facts = { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-LL' };
  await send(client, { eventId: randomUUID(), type: 'case.received.v1', time: dispatchedAt, facts: { ...facts, channel: 'hotline' } });
  await send(client, { eventId: randomUUID(), type: 'case.dispatched.v1', time: dispatchedAt, facts: { ...facts, responsibleUnitCode: 'QH-LL-01' }, about: { unitCode: 'QH-LL-01', at: dispatchedAt } });
  const before = await eventually(async () => {
    const events = await eventsOf(caseId);
    return events.filter((e) => e.type === 'case.warning-issued.v1' && e.clock === 'sign-for').length === 2 ? events : undefined;
  }, 30_000, 100);
  const signFor = (await client.workflow.getHandle(workflowId).query(clocksQuery)).clocks.find((c) => c.clock === 'sign-for')!;
  expect(signFor.next).toMatchObject({ stage: 'overdue' });
  // the sign-for clock has not run out yet (the first-contact clock's working-day deadline may have, by the time of day)
  expect(before.filter((e) => e.type === 'case.overdue.v1' && e.clock === 'sign-for')).toEqual([]);

  // the worker stops, the server stops and starts again on its database, a new worker starts
  await connection.close();
  await worker.stop();
  await stopServer();
  await startServer(false);
  worker = await startWorker(taskQueue);
  connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  client = new Client({ connection });

  const after = await eventually(async () => {
    const events = await eventsOf(caseId);
    return events.some((e) => e.type === 'case.overdue.v1' && e.clock === 'sign-for') ? events : undefined;
  }, 90_000, 250);
  const handle = client.workflow.getHandle(workflowId);
  // the search attribute follows the event in the workflow's next task: wait for it, do not race it
  expect(await eventually(async () => ((await handle.describe()).typedSearchAttributes.get(SA.overdue) === true ? true : undefined), 30_000, 250)).toBe(true);
  // nothing twice: every step of every clock once, and the four deadlines set once
  const steps = after.map((e) => `${e.type}/${e.clock}/${e.level ?? ''}`);
  expect(new Set(steps).size).toBe(steps.length);
  expect(after.filter((e) => e.type === 'case.deadline-set.v1')).toHaveLength(4);
  // the sign-for clock's overdue (the first-contact clock's working-day deadline may have passed already, by the time of day)
  expect(Date.parse(after.find((e) => e.type === 'case.overdue.v1' && e.clock === 'sign-for')!.time)).toBeGreaterThanOrEqual(Date.parse(signFor.deadline));

  await handle.terminate('test over');
  await connection.close();
  await worker.stop();
}, 240_000);

async function eventsOf(caseId: string) {
  const r = await db.pool.query<{ event_type: string; data: { clock?: string; level?: string }; event_time: Date }>(
    `SELECT event_type, data, event_time FROM ${SCHEMA}.events WHERE subject = $1 ORDER BY global_position`,
    [caseId],
  );
  return r.rows.map((row) => ({ type: row.event_type, clock: row.data.clock, level: row.data.level, time: row.event_time.toISOString() }));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as net.AddressInfo;
      s.close(() => resolve(p));
    });
  });
}
