/**
 * The case workflow benchmark (npm run bench:workflow).
 *
 * Against the Temporal server at TEMPORAL_ADDRESS (the local dev server by default), on task queues
 * of its own:
 *   1. the start rate of a trivial workflow (one workflow task, no activity): the engine's ceiling
 *      on this machine;
 *   2. the start rate of case workflows, started the way the Kafka bridge starts them
 *      (signal-with-start with case.received.v1), then each dispatched (case.dispatched.v1: four
 *      clocks planned by a local activity, four deadlines announced through the event store);
 *   3. the worker's memory with all those cases open (the worker runs in a child process of its
 *      own, so the figures are the worker's alone).
 * Everything it started is terminated at the end; every phase is bounded in time.
 *
 * Settings (environment): BENCH_CASES (10000), BENCH_TRIVIAL (2000), BENCH_CONCURRENCY (64),
 * BENCH_MAX_SECONDS (480, the bound of the whole run).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { EventStore, migrateEventStore } from '@county/event-store';
import { createTestDatabase, engines } from '@county/testing';
import { createActivities } from '../apps/case-worker/src/activities';
import { CASE_WORKFLOW_TYPE, caseEventSignal, caseWorkflowId, type CaseSignal } from '../apps/case-worker/src/workflows/definitions';

const SCHEMA = 'case_worker';
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const TRIVIAL = Number(process.env.BENCH_TRIVIAL ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 480);
const ADDRESS = process.env.TEMPORAL_ADDRESS ?? engines().temporalAddress;

interface WorkerMemory {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly externalMb: number;
}

type FromWorker = { kind: 'ready' } | { kind: 'memory'; memory: WorkerMemory };

// ---- the worker process ------------------------------------------------------------------------

async function runWorker(): Promise<void> {
  const [caseQueue, trivialQueue, database] = process.argv.slice(3);
  const pool = new Pool({ ...engines().postgres, database, max: 10 });
  const store = new EventStore(pool, SCHEMA, 'case-worker');
  const connection = await NativeConnection.connect({ address: ADDRESS });
  const caseWorker = await Worker.create({
    connection,
    taskQueue: caseQueue,
    workflowsPath: require.resolve('../apps/case-worker/src/workflows'),
    activities: createActivities(store),
  });
  const trivialWorker = await Worker.create({ connection, taskQueue: trivialQueue, workflowsPath: require.resolve('../apps/case-worker/test/support/trivial.workflow') });
  const running = Promise.all([caseWorker.run(), trivialWorker.run()]);
  const send = (m: FromWorker) => process.send?.(m);
  process.on('message', (m: { kind: string }) => {
    if (m.kind === 'memory') {
      global.gc?.();
      const u = process.memoryUsage();
      send({ kind: 'memory', memory: { rssMb: mb(u.rss), heapUsedMb: mb(u.heapUsed), externalMb: mb(u.external) } });
    }
    if (m.kind === 'stop') {
      caseWorker.shutdown();
      trivialWorker.shutdown();
    }
  });
  send({ kind: 'ready' });
  await running;
  await connection.close();
  await pool.end();
}

// ---- the driver --------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = Date.now();
  const budgetLeft = () => MAX_SECONDS * 1000 - (Date.now() - startedAt);
  const db = await createTestDatabase();
  await migrateEventStore(db.pool, SCHEMA);
  const run = randomUUID().slice(0, 8);
  const caseQueue = `bench-cases-${run}`;
  const trivialQueue = `bench-trivial-${run}`;
  const connection = await Connection.connect({ address: ADDRESS });
  const client = new Client({ connection });
  const worker = startWorkerProcess(caseQueue, trivialQueue, db.name);
  const caseIds: string[] = [];
  const trivialIds: string[] = [];
  try {
    await worker.ready;
    const idle = await worker.memory();
    log(`worker ready (idle: rss ${idle.rssMb} MB, heap ${idle.heapUsedMb} MB); ${CASES} cases, ${TRIVIAL} trivial workflows, ${CONCURRENCY} in flight, bound ${MAX_SECONDS} s`);

    // 1. the engine's ceiling: trivial workflows
    const trivial = await timed(TRIVIAL, budgetLeft() / 4, async (i) => {
      const workflowId = `bench-trivial-${run}-${i}`;
      await client.workflow.start('trivialWorkflow', { taskQueue: trivialQueue, workflowId });
      trivialIds.push(workflowId);
    });
    log(`trivial workflows: ${trivial.done} started in ${trivial.seconds.toFixed(1)} s = ${trivial.rate.toFixed(0)}/s`);

    // 2. case workflows, started as the bridge starts them
    const at = new Date().toISOString();
    const facts = { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-LL' };
    const signal = (caseId: string, type: string, extra: Partial<CaseSignal> = {}): CaseSignal => ({ eventId: randomUUID(), type, time: at, facts, ...extra });
    const started = await timed(CASES, budgetLeft() / 2, async (i) => {
      const caseId = `bench-${run}-${i}`;
      await client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(caseId),
        taskQueue: caseQueue,
        args: [{ caseId }],
        signal: caseEventSignal,
        signalArgs: [signal(caseId, 'case.received.v1', { facts: { ...facts, channel: 'hotline' } })],
      });
      caseIds.push(caseId);
    });
    log(`case workflows: ${started.done} started in ${started.seconds.toFixed(1)} s = ${started.rate.toFixed(0)}/s`);
    const dispatched = await timed(caseIds.length, budgetLeft() / 2, async (i) => {
      const caseId = caseIds[i];
      await client.workflow
        .getHandle(caseWorkflowId(caseId))
        .signal(caseEventSignal, signal(caseId, 'case.dispatched.v1', { facts: { ...facts, responsibleUnitCode: 'QH-LL-01' }, about: { unitCode: 'QH-LL-01', at } }));
    });
    log(`dispatched signals: ${dispatched.done} in ${dispatched.seconds.toFixed(1)} s = ${dispatched.rate.toFixed(0)}/s`);

    // 3. wait (bounded) until every dispatched case has announced its four deadlines
    const expected = dispatched.done * 4;
    const waitStarted = Date.now();
    let announced = 0;
    while (budgetLeft() > 30_000) {
      announced = Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.events`)).rows[0].n);
      if (announced >= expected) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const processedSeconds = (Date.now() - dispatched.startedAt) / 1000;
    const processedRate = announced / 4 / processedSeconds;
    log(`deadlines announced: ${announced}/${expected} = ${(announced / 4).toFixed(0)} cases fully dispatched, ${processedRate.toFixed(1)}/s from the first dispatch (waited ${((Date.now() - waitStarted) / 1000).toFixed(1)} s after the last)`);
    const open = await worker.memory();
    log(`worker memory with ${caseIds.length} open cases: rss ${open.rssMb} MB, heap used ${open.heapUsedMb} MB, external ${open.externalMb} MB`);

    console.log(
      JSON.stringify(
        {
          trivialStartsPerSecond: round(trivial.rate),
          caseStartsPerSecond: round(started.rate),
          dispatchSignalsPerSecond: round(dispatched.rate),
          casesFullyDispatchedPerSecond: round(processedRate),
          openCases: caseIds.length,
          deadlinesAnnounced: announced,
          workerMemoryIdle: idle,
          workerMemoryWithOpenCases: open,
        },
        null,
        2,
      ),
    );
  } finally {
    // terminate what this run started (the trivial workflows completed on their own)
    const terminated = await timed(caseIds.length, 300_000, async (i) => {
      await client.workflow
        .getHandle(caseWorkflowId(caseIds[i]))
        .terminate('benchmark over')
        .catch(() => undefined);
    });
    log(`terminated ${terminated.done} case workflows in ${terminated.seconds.toFixed(1)} s`);
    await worker.stop();
    await connection.close();
    await db.drop();
  }
}

function startWorkerProcess(caseQueue: string, trivialQueue: string, database: string) {
  const child: ChildProcess = fork(__filename, ['worker', caseQueue, trivialQueue, database], {
    execArgv: ['--expose-gc', '-r', path.join(__dirname, '..', 'scripts', 'register.js')],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const waiters: ((m: FromWorker) => void)[] = [];
  child.on('message', (m: FromWorker) => waiters.splice(0).forEach((w) => w(m)));
  const next = <K extends FromWorker['kind']>(kind: K) =>
    new Promise<Extract<FromWorker, { kind: K }>>((resolve) => {
      const wait = (m: FromWorker) => (m.kind === kind ? resolve(m as Extract<FromWorker, { kind: K }>) : waiters.push(wait));
      waiters.push(wait);
    });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    ready: next('ready'),
    async memory(): Promise<WorkerMemory> {
      const reply = next('memory');
      child.send({ kind: 'memory' });
      return (await reply).memory;
    },
    async stop(): Promise<void> {
      child.send({ kind: 'stop' });
      const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** Runs n tasks CONCURRENCY at a time, stopping early when the time bound passes. */
async function timed(n: number, boundMs: number, task: (i: number) => Promise<void>) {
  const startedAt = Date.now();
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < n && Date.now() - startedAt < boundMs) {
      const i = next++;
      await task(i);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, lane));
  const seconds = (Date.now() - startedAt) / 1000;
  return { done, seconds, rate: seconds > 0 ? done / seconds : 0, startedAt };
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function log(message: string): void {
  console.error(`[bench:workflow] ${message}`);
}

if (process.argv[2] === 'worker') {
  runWorker().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
