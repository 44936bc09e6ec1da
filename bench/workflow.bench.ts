/**
 * The case workflow benchmark (npm run bench:workflow).
 *
 * Against the Temporal server at TEMPORAL_ADDRESS (the local dev server by default), on task queues
 * of its own:
 *   1. the start rate of a trivial workflow (one workflow task, no activity): the engine's ceiling
 *      on this machine;
 *   2. open cases at scale, for each level of BENCH_OPEN_CASES (10,000 then 50,000, cumulative):
 *      case workflows started the way the Kafka bridge starts them (signal-with-start with
 *      case.received.v1 and the search attributes it gives), then each dispatched (case.dispatched.v1: four clocks planned, four
 *      deadlines announced through the event store). All but a sample of the level's cases are
 *      dispatched first, with their sign-for clock's 50 % warning a day later; once their
 *      deadlines are announced, the sample is dispatched so that its warnings fall due in a window
 *      just after: every case keeps live timers, and the sample's warnings fire while all of them
 *      are open and no dispatch is still queued;
 *   3. per level: the start and dispatch rates, the rate at which cases get their deadlines
 *      announced, the worker's memory with all those cases open, and how late the 50 % warnings
 *      fire (workflow time of the warning minus the planned instant; and when the warning was
 *      stored) as p50 / p99 / max.
 * The worker runs in a child process of its own with case-worker's worker options, so the
 * figures are the worker's alone. Everything it started is terminated at the end; every phase
 * is bounded in time.
 *
 * With BENCH_SERVER_METRICS (the server's Prometheus address, `temporal server start-dev
 * --metrics-port`; a server of the run's own, so that nothing else moves its counters), it first
 * takes one case through its lifecycle, a step at a time, and prints per step what the step cost
 * the server (persistence calls by operation, visibility writes) beside what the workflow's
 * history holds for it (signals, workflow tasks, local activities, search-attribute upserts,
 * timers); and per level, the server's persistence calls per case.
 *
 * Settings (environment): BENCH_OPEN_CASES (10000,50000), BENCH_TRIVIAL (2000),
 * BENCH_CONCURRENCY (64), BENCH_FIRE_SPREAD_SECONDS (60: the window the warnings of a level fall
 * in), BENCH_WARNINGS (2000: how many of a level's cases have their warning in that window; the
 * others fall due a day later, so their timers stay open), BENCH_MAX_SECONDS (2400, the bound of
 * the whole run), BENCH_CPU_PROF (a directory: a V8 CPU profile of the worker, written as it stops).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { EventStore, migrateEventStore } from '@county/event-store';
import { createTestDatabase, engines } from '@county/testing';
import { planClock } from '@county/rules';
import { caseWorkerOptions, workerSettings } from '../apps/case-worker/src/temporal';
import { countHistory, readServer, settledReading, workBetween, type HistoryCounts, type ServerReading, type ServerWork } from './server-operations';
import { CASE_WORKFLOW_TYPE, caseEventSignal, caseWorkflowId, type CaseSignal } from '../apps/case-worker/src/workflows/definitions';
import { startAttributes } from '../apps/case-worker/src/workflows/search-attributes';

const SCHEMA = 'case_worker';
const LEVELS = (process.env.BENCH_OPEN_CASES ?? process.env.BENCH_CASES ?? '10000,50000').split(',').filter(Boolean).map(Number);
const TRIVIAL = Number(process.env.BENCH_TRIVIAL ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const SPREAD_SECONDS = Number(process.env.BENCH_FIRE_SPREAD_SECONDS ?? 60);
const WARNINGS_PER_LEVEL = Number(process.env.BENCH_WARNINGS ?? 2_000);
/** Where the warnings outside a level's window fall due: after it, so that their timers stay open while it is measured. */
const LATER_MS = 24 * 3600_000;
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 2400);
const ADDRESS = process.env.TEMPORAL_ADDRESS ?? engines().temporalAddress;
/** As the bridge starts a case from its case.received.v1 (CASE_WORKFLOW_START_DELAY_MS); its next event, by signal-with-start, ends the wait. */
const START_DELAY_MS = workerSettings(process.env).startDelayMs;
const SERVER_METRICS = process.env.BENCH_SERVER_METRICS ? (/^https?:/.test(process.env.BENCH_SERVER_METRICS) ? process.env.BENCH_SERVER_METRICS : `http://${process.env.BENCH_SERVER_METRICS}/metrics`) : undefined;

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
  // the service's sizes (and CASE_WORKER_TUNING, TEMPORAL_WORKER_METRICS_ADDRESS when set)
  const settings = workerSettings(process.env);
  if (settings.metricsAddress) Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: settings.metricsAddress } } } });
  const connection = await NativeConnection.connect({ address: ADDRESS });
  const caseWorker = await Worker.create(caseWorkerOptions({ connection, taskQueue: caseQueue, store, tuning: settings.tuning }));
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
  // the driver gone (killed, its time bound passed): stop too, never linger polling
  process.on('disconnect', () => {
    for (const w of [caseWorker, trivialWorker]) if (w.getState() === 'RUNNING') w.shutdown();
  });
  send({ kind: 'ready' });
  await running;
  await connection.close();
  await pool.end();
}

// ---- the driver --------------------------------------------------------------------------------

const FACTS = { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-LL' };

/** How long after a dispatch the sign-for clock's 50 % warning falls due (natural time for this policy). */
function yellowOffsetMs(): number {
  const from = '2026-03-03T02:00:00.000Z';
  const yellow = planClock({ kind: 'start', clock: 'sign-for', unitCode: 'QH-LL-01', from, ...FACTS }).points.find((p) => p.stage === 'yellow');
  if (!yellow) throw new Error('the sign-for clock has no 50 % warning');
  const offset = Date.parse(yellow.at) - Date.parse(from);
  // the bench relies on a clock in natural time: the same offset from any instant
  const check = planClock({ kind: 'start', clock: 'sign-for', unitCode: 'QH-LL-01', from: '2026-03-07T15:31:00.000Z', ...FACTS }).points.find((p) => p.stage === 'yellow')!;
  if (Date.parse(check.at) - Date.parse('2026-03-07T15:31:00.000Z') !== offset) throw new Error('the sign-for clock of the bench case is not in natural time');
  return offset;
}

interface LevelResult {
  readonly openCases: number;
  readonly startsPerSecond: number;
  readonly dispatchSignalsPerSecond: number;
  readonly casesAnnouncedPerSecond: number;
  readonly deadlinesAnnounced: number;
  readonly deadlinesExpected: number;
  readonly workerMemoryOpen: WorkerMemory;
  readonly workerMemoryAfterWarnings: WorkerMemory;
  readonly warningsExpected: number;
  readonly warningsFired: number;
  readonly warningsDueBeforeDispatch: number;
  readonly firedLatenessMs: { p50: number; p99: number; max: number };
  readonly storedLatenessMs: { p50: number; p99: number; max: number };
  /** The server's persistence calls per case over the level (started, dispatched, deadlines announced, 50 % warning fired), by operation. */
  readonly serverPerCase?: Record<string, number>;
}

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
  const offset = yellowOffsetMs();
  try {
    await worker.ready;
    const idle = await worker.memory();
    log(`worker ready (idle: rss ${idle.rssMb} MB, heap ${idle.heapUsedMb} MB); levels ${LEVELS.join(', ')} open cases, ${TRIVIAL} trivial workflows, ${CONCURRENCY} in flight, bound ${MAX_SECONDS} s`);

    // 0. what one case costs the server, step by step (only against a server of the run's own)
    const lifecycle = SERVER_METRICS ? await oneCaseThroughItsLifecycle(client, caseQueue, db.pool, run, offset, caseIds) : undefined;

    // 1. the engine's ceiling: trivial workflows
    const trivial = await timed(TRIVIAL, budgetLeft() / 8, async (i) => {
      const workflowId = `bench-trivial-${run}-${i}`;
      await client.workflow.start('trivialWorkflow', { taskQueue: trivialQueue, workflowId });
      trivialIds.push(workflowId);
    });
    log(`trivial workflows: ${trivial.done} started in ${trivial.seconds.toFixed(1)} s = ${trivial.rate.toFixed(0)}/s`);

    // 2. open cases at scale
    const levels: LevelResult[] = [];
    let rateEstimate = trivial.rate;
    for (const level of LEVELS) {
      const more = level - caseIds.length;
      if (more <= 0) continue;
      // a level must be reached, announced and its warnings fired within what is left of the bound
      const needs = (more / Math.max(1, rateEstimate)) * 2 + SPREAD_SECONDS + 60;
      if (needs * 1000 > budgetLeft()) {
        log(`level ${level}: not started, it needs about ${needs.toFixed(0)} s and ${(budgetLeft() / 1000).toFixed(0)} s are left of the bound`);
        break;
      }
      const from = caseIds.length;
      const serverBefore = SERVER_METRICS ? await readServer(SERVER_METRICS) : undefined;
      const received = new Date().toISOString();
      const started = await timed(more, budgetLeft() / 3, async (i) => {
        const caseId = `bench-${run}-${from + i}`;
        await deliver(client, caseQueue, caseId, signal('case.received.v1', received, { ...FACTS, channel: 'hotline' }));
        caseIds.push(caseId);
      });
      log(`level ${level}: ${started.done} case workflows started in ${started.seconds.toFixed(1)} s = ${started.rate.toFixed(0)}/s`);
      rateEstimate = started.rate;
      // the level's cases are dispatched in two rounds. First all but a sample, whose 50 % warnings
      // fall due a day later (their timers stay open), until every deadline of theirs is announced.
      // Then the sample (BENCH_WARNINGS, spread over the level), whose warnings fall due in a window
      // after its own deadlines are announced: they fire with every case of the level open and no
      // backlog of dispatches in the worker's or the server's queues
      const count = caseIds.length - from;
      const sample = Math.min(count, WARNINGS_PER_LEVEL);
      const sampled = Array.from({ length: sample }, (_, j) => from + Math.floor((j * count) / sample));
      const inSample = new Set(sampled);
      const others = Array.from({ length: count }, (_, k) => from + k).filter((i) => !inSample.has(i));
      const dispatch = (indices: readonly number[], dueOf: (k: number) => number) =>
        timed(indices.length, budgetLeft() / 4, async (k) => {
          const at = new Date(dueOf(k) - offset).toISOString();
          await deliver(client, caseQueue, caseIds[indices[k]], signal('case.dispatched.v1', new Date().toISOString(), { ...FACTS, responsibleUnitCode: 'QH-LL-01' }, { unitCode: 'QH-LL-01', at }));
        });
      // every dispatched case announces its four deadlines (bounded wait)
      const announcedBy = async (expected: number): Promise<number> => {
        for (;;) {
          const n = await countEvents(db.pool, `event_type = 'case.deadline-set.v1'`);
          if (n >= expected || budgetLeft() <= 30_000) return n;
          await sleep(1000);
        }
      };
      const later = Date.now() + LATER_MS;
      const first = await dispatch(others, () => later);
      let announced = await announcedBy((from + first.done) * 4);
      const announcedSeconds = (Date.now() - first.startedAt) / 1000;
      const announcedRate = (announced - from * 4) / 4 / announcedSeconds;
      rateEstimate = Math.min(rateEstimate, announcedRate);
      log(`level ${level}: ${first.done} cases dispatched (${first.rate.toFixed(0)} signals/s), their deadlines announced ${announced - from * 4}/${first.done * 4}: ${announcedRate.toFixed(1)} cases/s from the first dispatch`);

      const windowStart = Date.now() + (sample / Math.max(1, announcedRate)) * 1000 * 1.5 + 20_000;
      const windowEnd = windowStart + SPREAD_SECONDS * 1000;
      const dueOf = (j: number) => Math.round(windowStart + (j / sample) * SPREAD_SECONDS * 1000);
      let dueBeforeDispatch = 0;
      const second = await dispatch(sampled, (j) => {
        if (Date.now() >= dueOf(j)) dueBeforeDispatch += 1;
        return dueOf(j);
      });
      const dispatchedCount = first.done + second.done;
      const dispatchRate = dispatchedCount / Math.max(0.001, first.seconds + second.seconds);
      const expected = (from + dispatchedCount) * 4;
      announced = await announcedBy(expected);
      log(`level ${level}: the sample of ${second.done} dispatched, deadlines announced ${announced}/${expected}; its warnings fall due from ${new Date(windowStart).toISOString()} over ${SPREAD_SECONDS} s`);
      const open = await worker.memory();
      log(`level ${level}: worker memory with ${caseIds.length} open cases: rss ${open.rssMb} MB, heap used ${open.heapUsedMb} MB, external ${open.externalMb} MB`);

      // the warnings fire: wait (bounded) until every case of the sample has its 50 % warning
      const dueOfCase = new Map(sampled.map((i, j) => [caseIds[i], dueOf(j)]));
      const mine = new Set(dueOfCase.keys());
      let rows: { subject: string; event_time: Date; recorded_at: Date; data: { clock: string; level: string } }[] = [];
      while (budgetLeft() > 30_000 && Date.now() < windowEnd + 120_000) {
        rows = (
          await db.pool.query(
            `SELECT subject, event_time, recorded_at, data FROM ${SCHEMA}.events WHERE event_type = 'case.warning-issued.v1' AND data->>'clock' = 'sign-for' AND data->>'level' = 'yellow'`,
          )
        ).rows.filter((r) => mine.has(r.subject));
        if (rows.length >= mine.size && Date.now() > windowEnd) break;
        await sleep(1000);
      }
      const fired = rows.map((r) => r.event_time.getTime() - dueOfCase.get(r.subject)!);
      const stored = rows.map((r) => r.recorded_at.getTime() - dueOfCase.get(r.subject)!);
      const after = await worker.memory();
      const serverWork = serverBefore && SERVER_METRICS ? workBetween(serverBefore, await settledReading(SERVER_METRICS)) : undefined;
      const result: LevelResult = {
        openCases: caseIds.length,
        startsPerSecond: round(started.rate),
        dispatchSignalsPerSecond: round(dispatchRate),
        casesAnnouncedPerSecond: round(announcedRate),
        deadlinesAnnounced: announced,
        deadlinesExpected: expected,
        workerMemoryOpen: open,
        workerMemoryAfterWarnings: after,
        warningsExpected: mine.size,
        warningsFired: rows.length,
        warningsDueBeforeDispatch: dueBeforeDispatch,
        firedLatenessMs: spreadOf(fired),
        storedLatenessMs: spreadOf(stored),
        ...(serverWork ? { serverPerCase: perCase(serverWork, count) } : {}),
      };
      levels.push(result);
      log(
        `level ${level}: 50 % warnings ${rows.length}/${mine.size} (due before their dispatch: ${dueBeforeDispatch}); late by p50 ${result.firedLatenessMs.p50} ms, p99 ${result.firedLatenessMs.p99} ms, max ${result.firedLatenessMs.max} ms (stored: p99 ${result.storedLatenessMs.p99} ms); worker rss ${after.rssMb} MB after them`,
      );
    }

    process.stdout.write(
      [
        '',
        `trivial workflow starts: ${trivial.rate.toFixed(1)}/s (the engine's ceiling in this run)`,
        '',
        '| open cases | case starts/s | dispatch signals/s | cases announced/s (÷ trivial) | worker rss / heap MB | 50 % warnings fired | lateness p50 / p99 / max (workflow time) | p99 stored |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...levels.map(
          (l) =>
            `| ${l.openCases} | ${l.startsPerSecond} | ${l.dispatchSignalsPerSecond} | ${l.casesAnnouncedPerSecond} (${(l.casesAnnouncedPerSecond / trivial.rate).toFixed(2)}) | ${l.workerMemoryOpen.rssMb} / ${l.workerMemoryOpen.heapUsedMb} | ` +
            `${l.warningsFired}/${l.warningsExpected} | ${l.firedLatenessMs.p50} / ${l.firedLatenessMs.p99} / ${l.firedLatenessMs.max} ms | ${l.storedLatenessMs.p99} ms |`,
        ),
        '',
        ...(lifecycle ? lifecycleTable(lifecycle) : []),
        ...levels.filter((l) => l.serverPerCase).map((l) => `server persistence calls per case at ${l.openCases} open cases: ${Object.entries(l.serverPerCase!).map(([op, n]) => `${op} ${n}`).join(', ')}`),
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify({ trivialStartsPerSecond: round(trivial.rate), workerMemoryIdle: idle, levels, ...(lifecycle ? { lifecycle } : {}) }, null, 2));
  } finally {
    // terminate what this run started (the trivial workflows completed on their own)
    const terminated = await timed(caseIds.length, 600_000, async (i) => {
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

// ---- one case through its lifecycle, what each step costs ---------------------------------------

interface StepCost {
  readonly step: string;
  readonly history: HistoryCounts;
  readonly server: ServerWork;
}

const UNIT = 'QH-LL-01';

/**
 * One case, a lifecycle event at a time, as the bridge delivers them; after each, waits until the
 * workflow is idle and the server's queues are done, then counts. The dispatch instant is set so
 * that the sign-for clock's 50 % warning falls due 3 s later: a step driven by a timer.
 */
async function oneCaseThroughItsLifecycle(client: Client, taskQueue: string, pool: Pool, run: string, yellowOffset: number, caseIds: string[]): Promise<StepCost[]> {
  const caseId = `bench-${run}-lifecycle`;
  const now = () => new Date().toISOString();
  const steps: { step: string; act: () => Promise<void> }[] = [
    { step: 'received', act: async () => {
      await deliver(client, taskQueue, caseId, signal('case.received.v1', now(), { ...FACTS, channel: 'hotline' }, { at: now() }));
      caseIds.push(caseId);
    } },
    { step: 'dispatched', act: () => deliver(client, taskQueue, caseId, signal('case.dispatched.v1', now(), { ...FACTS, responsibleUnitCode: UNIT }, { unitCode: UNIT, at: new Date(Date.now() + 3_000 - yellowOffset).toISOString() })) },
    { step: 'sign-for 50 % warning (timer)', act: async () => {
      for (const until = Date.now() + 60_000; Date.now() < until; await sleep(200)) if ((await countEvents(pool, `subject = '${caseId}' AND event_type = 'case.warning-issued.v1'`)) > 0) return;
      throw new Error('the 50 % warning of the lifecycle case did not fire within 60 s');
    } },
    { step: 'signed for', act: () => deliver(client, taskQueue, caseId, signal('case.signed-for.v1', now(), {}, { unitCode: UNIT, at: now() })) },
    { step: 'first contact', act: () => deliver(client, taskQueue, caseId, signal('case.first-contact-recorded.v1', now(), {}, { unitCode: UNIT, at: now() })) },
    { step: 'result submitted (handled)', act: () => deliver(client, taskQueue, caseId, signal('case.result-submitted.v1', now(), {}, { unitCode: UNIT, at: now() })) },
    { step: 'result approved (reviewed)', act: () => deliver(client, taskQueue, caseId, signal('case.result-approved.v1', now(), {}, { unitCode: UNIT, at: now() })) },
    { step: 'return visit recorded', act: () => deliver(client, taskQueue, caseId, signal('case.return-visit-recorded.v1', now(), {}, { at: now() })) },
    { step: 'closed', act: () => deliver(client, taskQueue, caseId, signal('case.closed.v1', now(), {}, { at: now() })) },
  ];
  const costs: StepCost[] = [];
  let seen = 0;
  let reading: ServerReading = await settledReading(SERVER_METRICS!);
  for (const { step, act } of steps) {
    await act();
    const events = await idleHistory(client, caseId, seen);
    const after = await settledReading(SERVER_METRICS!);
    costs.push({ step, history: countHistory(events.slice(seen)), server: workBetween(reading, after) });
    seen = events.length;
    reading = after;
  }
  log(`one case through its lifecycle: ${seen} history events`);
  return costs;
}

/** The workflow's history once it has taken what it was sent: no workflow task pending and the history no longer growing (bounded). */
async function idleHistory(client: Client, caseId: string, seen: number) {
  const handle = client.workflow.getHandle(caseWorkflowId(caseId));
  let last = -1;
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
    const d = await handle.describe();
    const length = d.historyLength;
    if (length > seen && length === last && !d.raw.pendingWorkflowTask) {
      const { history } = await client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: caseWorkflowId(caseId) }, maximumPageSize: 1000 });
      return history?.events ?? [];
    }
    last = length;
  }
  throw new Error(`the lifecycle case did not settle within 60 s`);
}

const SERVER_OPERATIONS = ['CreateWorkflowExecution', 'UpdateWorkflowExecution', 'GetWorkflowExecution', 'CreateTasks', 'GetTasks', 'GetTransferTasks', 'GetTimerTasks', 'GetVisibilityTasks'];

/**
 * Calls the server makes for its own housekeeping (namespace and cluster metadata refreshes) or
 * that the bench's own watching causes (describe, history reads): left out of "the workflow's calls".
 */
const NOT_THE_WORKFLOWS = new Set(['GetNamespace', 'ListNamespaces', 'GetCurrentClusterMetadata', 'GetCurrentExecution', 'ReadHistoryBranch', 'ListNexusEndpoints', 'GetTaskQueueUserData']);

function workflowCalls(work: ServerWork): { calls: number; ms: number } {
  let calls = 0;
  let ms = 0;
  for (const [op, n] of Object.entries(work.calls)) if (!NOT_THE_WORKFLOWS.has(op)) calls += n;
  for (const [op, t] of Object.entries(work.ms)) if (!NOT_THE_WORKFLOWS.has(op)) ms += t;
  return { calls, ms };
}

function lifecycleTable(costs: readonly StepCost[]): string[] {
  const total = (f: (c: StepCost) => number) => costs.reduce((a, c) => a + f(c), 0);
  const row = (name: string, f: (c: StepCost) => number | string) => `| ${name} | ${costs.map((c) => f(c)).join(' | ')} | ${total((c) => Number(f(c)))} |`;
  const h = (k: keyof HistoryCounts) => (c: StepCost) => c.history[k];
  return [
    'one case through its lifecycle, per step (history of the case workflow; calls counted by the server):',
    '',
    `| | ${costs.map((c) => c.step).join(' | ')} | whole life |`,
    `| --- | ${costs.map(() => '---').join(' | ')} | --- |`,
    row('signals', h('signals')),
    row('workflow tasks', h('workflowTasks')),
    row('activity tasks', h('activityTasks')),
    row('local activities', h('localActivities')),
    row('patch markers', h('patchMarkers')),
    row('search-attribute upserts', h('searchAttributeUpserts')),
    row('timers started', h('timersStarted')),
    row('timers cancelled', h('timersCancelled')),
    row('timers fired', h('timersFired')),
    row('history events', h('events')),
    ...SERVER_OPERATIONS.map((op) => row(`server: ${op}`, (c) => c.server.calls[op] ?? 0)),
    row('server: visibility writes', (c) => c.server.visibilityWrites),
    row("server: the workflow's persistence calls (all but metadata reads and the bench's own)", (c) => workflowCalls(c.server).calls),
    row('server: their persistence ms', (c) => Math.round(workflowCalls(c.server).ms)),
    '',
  ];
}

function perCase(work: ServerWork, cases: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const op of SERVER_OPERATIONS) out[op] = round((work.calls[op] ?? 0) / cases);
  out['visibility writes'] = round(work.visibilityWrites / cases);
  out['all calls'] = round(work.totalCalls / cases);
  out['persistence ms'] = round(work.totalMs / cases);
  for (const op of SERVER_OPERATIONS) if (work.ms[op]) out[`${op} ms`] = round(work.ms[op] / cases);
  return out;
}

/** A lifecycle event delivered the way the Kafka bridge delivers it: signal-with-start, the search attributes and, for a case.received.v1, the start delay. */
async function deliver(client: Client, taskQueue: string, caseId: string, event: CaseSignal): Promise<void> {
  await client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, {
    workflowId: caseWorkflowId(caseId),
    taskQueue,
    args: [{ caseId }],
    signal: caseEventSignal,
    signalArgs: [event],
    typedSearchAttributes: startAttributes(caseId, caseWorkflowId(caseId), event),
    ...(event.type === 'case.received.v1' && START_DELAY_MS > 0 ? { startDelay: START_DELAY_MS } : {}),
  });
}

function signal(type: string, time: string, facts: CaseSignal['facts'], about?: CaseSignal['about']): CaseSignal {
  return { eventId: randomUUID(), type, time, facts, ...(about ? { about } : {}) };
}

async function countEvents(pool: Pool, where: string): Promise<number> {
  return Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.events WHERE ${where}`)).rows[0].n);
}

function spreadOf(values: number[]): { p50: number; p99: number; max: number } {
  if (values.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: q(0.5), p99: q(0.99), max: sorted[sorted.length - 1] };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function startWorkerProcess(caseQueue: string, trivialQueue: string, database: string) {
  const child: ChildProcess = fork(__filename, ['worker', caseQueue, trivialQueue, database], {
    // BENCH_CPU_PROF=<directory>: a V8 CPU profile of the worker, written when it stops
    execArgv: ['--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '-r', path.join(__dirname, '..', 'scripts', 'register.js')],
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
