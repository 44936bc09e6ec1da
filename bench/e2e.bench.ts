/**
 * The whole-pipeline benchmark (npm run bench:e2e).
 *
 * Starts the five services, each in a child process of its own (as they run in production), on a
 * database, topic prefix and task queue of their own, on free ports of 127.0.0.1. Then it offers
 * cases to intake's native API at fixed rates (an open loop: a case is sent on schedule whether or
 * not the earlier ones were answered), spread over the seven development channel keys, and reads
 * the topics from the beginning as an outside consumer would, to time per case:
 *   - the POST (its status: 201, 429 with Retry-After, another 4xx, a 5xx, or a time-out);
 *   - received -> dispatched (case.received.v1 to case.dispatched.v1 on Kafka);
 *   - received -> handling deadline set (case.received.v1 to case.deadline-set.v1 of the handling clock);
 *   - completion: the case is dispatched and all four clocks of a dispatch announced
 *     (sign-for, first-contact, handling, transfer-window).
 * Each step is one offered rate for a time, then a bounded wait for the backlog to drain. The
 * baselines are measured in the same run, before the load: the start rate of a trivial workflow
 * on the same Temporal server (the engine's ceiling), the same HTTP stack answering 201 without
 * storage, and a plain INSERT of the same JSON. The table gives the ratios.
 *
 * Settings (environment): BENCH_RATES (10,25,50,100 cases/s), BENCH_STEP_SECONDS (60),
 * BENCH_STORM_RATE (200; 0 skips the storm), BENCH_STORM_SECONDS (60), BENCH_DRAIN_SECONDS (the
 * bound of each drain, 120), BENCH_STORM_DRAIN_SECONDS (600), BENCH_BASELINE_SECONDS (10),
 * BENCH_POST_TIMEOUT_MS (10000), BENCH_MAX_IN_FLIGHT (2000), BENCH_ONLY_INTAKE (1: intake alone, its answers only), BENCH_MAX_SECONDS (the bound of
 * the whole run, 3600), BENCH_INSTANCES (processes of every service, 1; bench:scaleout runs 1 and 2),
 * BENCH_KEY_RATE_PER_MINUTE (intake's rate limit per key, intake's default
 * when unset), INTAKE_SHED_LAG_MS (intake's load shedding, 1000 as deployed; 0 turns it off), BENCH_CPU_PROF (a directory: V8 CPU profiles of the services named in
 * BENCH_CPU_PROF_SERVICES, default case-worker, written as they stop), CASE_WORKER_TUNING and
 * TEMPORAL_WORKER_METRICS_ADDRESS (passed on to case-worker), COUNTY_PIPELINE_NICE (the nice value of
 * the four services behind intake, 10 as npm start runs them; 0: all at intake's). Everything it started is stopped, terminated or dropped at the end.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as path from 'node:path';
import { Body, Controller, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import type { Kafka } from 'kafkajs';
import { CHANNELS, TOPICS } from '@county/contracts';
import { strictValidationPipe } from '@county/service-kit';
import { createTestDatabase, engines, serviceEnv, testKafka, uniqueName } from '@county/testing';
import { ReceiveCaseDto } from '../apps/intake/src/cases/receive-case/receive-case.dto';

const { niceOf } = require('../scripts/priority.js') as { niceOf(service: string, env?: NodeJS.ProcessEnv): number };

const RATES = (process.env.BENCH_RATES ?? '10,25,50,100').split(',').filter(Boolean).map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 60);
const STORM_RATE = Number(process.env.BENCH_STORM_RATE ?? 200);
const STORM_SECONDS = Number(process.env.BENCH_STORM_SECONDS ?? 60);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 120);
const STORM_DRAIN_SECONDS = Number(process.env.BENCH_STORM_DRAIN_SECONDS ?? 600);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const POST_TIMEOUT_MS = Number(process.env.BENCH_POST_TIMEOUT_MS ?? 10_000);
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 2000);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 3600);
const KEY_RATE = process.env.BENCH_KEY_RATE_PER_MINUTE;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const CPU_PROF_SERVICES = (process.env.BENCH_CPU_PROF_SERVICES ?? 'case-worker').split(',');
/** Instances of every service (each its own process), sharing schema, consumer groups and task queue. */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
/** Intake alone (BENCH_ONLY_INTAKE=1): what its HTTP answers are when the pipeline behind it takes no CPU; nothing completes, nothing drains. */
const ONLY_INTAKE = process.env.BENCH_ONLY_INTAKE === '1';

/** The clocks a dispatch starts: a case is complete when all four are announced. */
const DISPATCH_CLOCKS = ['sign-for', 'first-contact', 'handling', 'transfer-window'] as const;
const SERVICES = ['intake', 'dispatch', 'handling', 'evaluation', 'case-worker'] as const;
type Service = (typeof SERVICES)[number];

// ---- a service in a child process ----------------------------------------------------------------

type FromService = { kind: 'ready'; port: number } | { kind: 'usage'; cpuMs: number; rssMb: number } | { kind: 'failed'; error: string };

async function runService(name: Service): Promise<void> {
  const starters: Record<Service, () => Promise<INestApplication>> = {
    intake: async () => (await import('../apps/intake/src/main')).startIntake(process.env),
    dispatch: async () => (await import('../apps/dispatch/src/main')).startDispatch(process.env),
    handling: async () => (await import('../apps/handling/src/main')).startHandling(process.env),
    evaluation: async () => (await import('../apps/evaluation/src/main')).startEvaluation(process.env),
    'case-worker': async () => (await import('../apps/case-worker/src/main')).startCaseWorker(process.env),
  };
  const send = (m: FromService) => process.send?.(m);
  let app: INestApplication;
  try {
    app = await starters[name]();
  } catch (err) {
    send({ kind: 'failed', error: String((err as Error)?.stack ?? err) });
    process.exit(1);
  }
  process.on('message', (m: { kind: string }) => {
    if (m.kind === 'usage') {
      const cpu = process.cpuUsage();
      send({ kind: 'usage', cpuMs: (cpu.user + cpu.system) / 1000, rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) });
    }
    if (m.kind === 'stop') {
      void app.close().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  send({ kind: 'ready', port: (app.getHttpServer().address() as { port: number }).port });
}

interface ServiceProcess {
  readonly name: Service;
  readonly ready: Promise<number>;
  usage(): Promise<{ cpuMs: number; rssMb: number }>;
  stop(): Promise<void>;
}

function startServiceProcess(name: Service, env: NodeJS.ProcessEnv): ServiceProcess {
  // BENCH_CPU_PROF=<directory>: a V8 CPU profile of each service in BENCH_CPU_PROF_SERVICES (case-worker), written when it stops
  const profile = CPU_PROF_DIR && CPU_PROF_SERVICES.includes(name) ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`, `--cpu-prof-name=${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.cpuprofile`] : [];
  const execArgv = [...profile, '-r', path.join(__dirname, '..', 'scripts', 'register.js')];
  // at the priority npm start gives it (COUNTY_PIPELINE_NICE): through nice(1), which then runs node
  const nice = niceOf(name, env);
  const child: ChildProcess = fork(__filename, ['service', name], {
    ...(nice ? { execPath: 'nice', execArgv: ['-n', String(nice), process.execPath, ...execArgv] } : { execArgv }),
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiters: ((m: FromService) => boolean)[] = [];
  child.on('message', (m: FromService) => {
    for (const w of waiters.splice(0)) if (!w(m)) waiters.push(w);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T>(pick: (m: FromService) => T | undefined, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no answer within ${timeoutMs} ms`)), timeoutMs);
      waiters.push((m) => {
        if (m.kind === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${name} did not start: ${m.error}`));
          return true;
        }
        const v = pick(m);
        if (v === undefined) return false;
        clearTimeout(timer);
        resolve(v);
        return true;
      });
    });
  return {
    name,
    ready: next((m) => (m.kind === 'ready' ? m.port : undefined), 180_000),
    async usage() {
      const reply = next((m) => (m.kind === 'usage' ? { cpuMs: m.cpuMs, rssMb: m.rssMb } : undefined), 30_000);
      child.send({ kind: 'usage' });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ kind: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---- what the outside consumer sees ----------------------------------------------------------------

interface CaseTimes {
  postedAt: number;
  answeredAt?: number;
  status?: number;
  receivedSeenAt?: number;
  dispatchedSeenAt?: number;
  deadlines: Partial<Record<string, number>>;
  completedAt?: number;
}

class Observer {
  /** By case id: only cases this run posted (and got a 201 for) are followed. */
  readonly cases = new Map<string, CaseTimes>();
  /** Events seen for a case before its POST was answered (the answer carries the case id). */
  private readonly early = new Map<string, { type: string; clock?: string; at: number }[]>();
  readonly completions: number[] = [];
  eventsSeen = 0;

  constructor(private readonly kafka: Kafka, private readonly topics: string[]) {}

  private consumer?: ReturnType<Kafka['consumer']>;

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: uniqueName('bench-observer'), sessionTimeout: 30_000, heartbeatInterval: 3000, maxBytes: 10 << 20 });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        const at = Date.now();
        for (const message of batch.messages) {
          const text = message.value?.toString('utf8');
          if (!text) continue;
          const e = JSON.parse(text) as { type: string; subject: string; data?: { clock?: string } };
          this.eventsSeen += 1;
          this.note(e.subject, e.type, e.data?.clock, at);
        }
      },
    });
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }

  answered(caseId: string, times: CaseTimes): void {
    this.cases.set(caseId, times);
    for (const e of this.early.get(caseId) ?? []) this.note(caseId, e.type, e.clock, e.at);
    this.early.delete(caseId);
  }

  private note(caseId: string, type: string, clock: string | undefined, at: number): void {
    const c = this.cases.get(caseId);
    if (!c) {
      const list = this.early.get(caseId) ?? [];
      list.push({ type, clock, at });
      this.early.set(caseId, list);
      return;
    }
    if (type === 'case.received.v1') c.receivedSeenAt ??= at;
    else if (type === 'case.dispatched.v1') c.dispatchedSeenAt ??= at;
    else if (type === 'case.deadline-set.v1' && clock) c.deadlines[clock] ??= at;
    if (c.completedAt === undefined && c.dispatchedSeenAt !== undefined && DISPATCH_CLOCKS.every((k) => c.deadlines[k] !== undefined)) {
      c.completedAt = Math.max(at, c.receivedSeenAt ?? at);
      this.completions.push(c.completedAt);
    }
  }
}

// ---- the baselines -------------------------------------------------------------------------------

@Controller('api/v1/cases')
class BareController {
  @Post()
  @HttpCode(201)
  receive(@Body() dto: ReceiveCaseDto) {
    return { outcome: 'created', caseId: randomUUID(), status: 'received', receivedAt: dto.receivedAt };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/** Runs tasks `concurrency` at a time for `seconds`; returns the rate and latency quantiles. */
async function closedLoop(concurrency: number, seconds: number, task: () => Promise<void>) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        try {
          await task();
          latencies.push(performance.now() - s);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { rate: latencies.length / elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), done: latencies.length, failed };
}

// ---- the load -----------------------------------------------------------------------------------

let serial = 0;

function appeal(channel: string): string {
  const n = serial++;
  return JSON.stringify({
    channel,
    channelReference: `E2E-${randomUUID()}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    description: '小区门口有车辆长期占用消防通道',
    location: { gridCode: 'QH-CG-04-04' },
    resident: { name: '压测', phone: `137${String(n).padStart(8, '0')}` },
    receivedAt: new Date().toISOString(),
  });
}

interface PostAnswer {
  readonly status: number | 'timeout' | 'error';
  readonly caseId?: string;
  readonly retryAfter?: string;
  /** The error answer's code (INTAKE.BUSY, AUTH.RATE_LIMITED, ...). */
  readonly code?: string;
  /** The request's connection: one kept alive from before, one it opened, or one that never got through (no SYN-ACK, or not accepted). */
  readonly connection?: 'reused' | 'new' | 'never';
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

function codeOf(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function post(port: number, agent: http.Agent, channel: string, headers: Record<string, string>, payload = appeal(channel)): Promise<PostAnswer> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/v1/cases', method: 'POST', agent, timeout: POST_TIMEOUT_MS, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        const connection = connectionOf();
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let caseId: string | undefined;
          let code: string | undefined;
          if (res.statusCode === 201) caseId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { caseId: string }).caseId;
          else code = codeOf(Buffer.concat(chunks).toString('utf8'));
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, caseId, code, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, connection });
        });
        res.on('error', () => resolve({ status: 'error', connection }));
      },
    );
    let opened = false;
    let connected = false;
    req.on('socket', (socket) => {
      if (!socket.connecting) {
        connected = true;
        return;
      }
      opened = true;
      socket.once('connect', () => {
        connected = true;
      });
    });
    const connectionOf = (): PostAnswer['connection'] => (!connected ? 'never' : opened ? 'new' : 'reused');
    req.on('timeout', () => {
      const connection = connectionOf();
      req.destroy();
      resolve({ status: 'timeout', connection });
    });
    req.on('error', (err) => resolve({ status: (err as NodeJS.ErrnoException).code === 'ECONNRESET' && req.destroyed ? 'timeout' : 'error', connection: connectionOf() }));
    req.end(payload);
  });
}

interface StepResult {
  readonly name: string;
  readonly offeredRate: number;
  readonly seconds: number;
  readonly sent: number;
  readonly notSent: number;
  readonly created: number;
  readonly limited: number;
  readonly limitedWithoutRetryAfter: number;
  /** The 429s by their code: the key's rate limit (AUTH.RATE_LIMITED) or intake shedding load (INTAKE.BUSY). */
  readonly limitedBy: Record<string, number>;
  readonly otherClientErrors: number;
  readonly serverErrors: number;
  readonly timeouts: number;
  /** Of the time-outs: connections that failed (refused, reset before an answer) rather than waited out. */
  readonly connectionErrors: number;
  /** Of the time-outs: on a connection that never got through, on one the request opened, on one kept alive from before. */
  readonly timeoutsBy: { readonly never: number; readonly new: number; readonly reused: number };
  /** Connections the bench opened in the step (the rest of its requests went on kept-alive ones). */
  readonly opened: number;
  /** The kernel's count of connections dropped because a listening socket's accept queue was full (Linux, machine-wide: TcpExt ListenOverflows). */
  readonly listenOverflows: number | null;
  /** What intake's own request-time histogram (http_request_duration_seconds) saw of the step's POSTs, from when each was read to its answer. */
  readonly intakeSaw: IntakeView;
  /** How late this generator's own event loop ran during the step (p99 and max, ms): a generator behind its schedule sends late and times out on its own. */
  readonly generatorLagP99Ms: number;
  readonly generatorLagMaxMs: number;
  readonly acceptedRate: number;
  readonly postP50: number;
  readonly postP99: number;
  readonly dispatchedP50: number;
  readonly dispatchedP99: number;
  readonly handlingP50: number;
  readonly handlingP99: number;
  readonly completionRate: number;
  readonly backlogAtEnd: number;
  readonly drainSeconds: number | null;
  readonly backlogLeft: number;
  readonly notDispatched: number;
  readonly notAnnounced: number;
  readonly cpuSeconds: Record<string, number>;
  /** CPU seconds of the engines' processes over the step (machine-wide, by process name; see engineTicks). */
  readonly engineCpuSeconds: Record<string, number>;
  readonly machineBusy: number;
}

/** Offers cases at `rate` per second for `seconds` (open loop), then waits (bounded) for the backlog to drain. */
async function step(name: string, rate: number, seconds: number, drainBound: number, ctx: Context): Promise<StepResult> {
  const { ports, agent, observer } = ctx;
  const mine: CaseTimes[] = [];
  const answers: PostAnswer[] = [];
  const latencies: number[] = [];
  let inFlight = 0;
  let notSent = 0;
  const cpuBefore = await ctx.cpu();
  const intakeBefore = await intakeView(ctx.ports);
  const overflowsBefore = listenOverflows();
  const busyBefore = machineTicks();
  const enginesBefore = engineTicks();
  const generatorLag = monitorEventLoopDelay({ resolution: 20 });
  generatorLag.enable();
  const t0 = Date.now();
  const total = Math.round(rate * seconds);
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    if (inFlight >= MAX_IN_FLIGHT) {
      notSent += 1;
      continue;
    }
    const channel = CHANNELS[i % CHANNELS.length];
    const times: CaseTimes = { postedAt: Date.now(), deadlines: {} };
    inFlight += 1;
    pending.push(
      post(ports[i % ports.length], agent, channel, { 'x-api-key': `dev-${channel}-key` }).then((a) => {
        inFlight -= 1;
        times.answeredAt = Date.now();
        latencies.push(times.answeredAt - times.postedAt);
        answers.push(a);
        if (a.status === 201 && a.caseId) {
          times.status = 201;
          mine.push(times);
          observer.answered(a.caseId, times);
        }
      }),
    );
  }
  await Promise.all(pending);
  generatorLag.disable();
  const offeredEnd = t0 + seconds * 1000;
  const windowStart = t0 + (seconds * 1000) / 4;
  const completedInWindow = observer.completions.filter((t) => t >= windowStart && t <= offeredEnd).length;
  const completionRate = completedInWindow / ((offeredEnd - windowStart) / 1000);
  const backlogAtEnd = mine.filter((c) => c.completedAt === undefined || c.completedAt > offeredEnd).length;
  // the drain: until every accepted case of the step is complete, or the bound
  const drainStarted = Date.now();
  let drainSeconds: number | null = null;
  while (Date.now() - drainStarted < drainBound * 1000 && ctx.budgetLeft() > 60_000) {
    if (mine.every((c) => c.completedAt !== undefined)) {
      drainSeconds = (Math.max(...mine.map((c) => c.completedAt!), offeredEnd) - offeredEnd) / 1000;
      break;
    }
    await sleep(250);
  }
  if (mine.length === 0) drainSeconds = 0;
  const cpuAfter = await ctx.cpu();
  const intakeAfter = await intakeView(ctx.ports);
  const overflowsAfter = listenOverflows();
  const busyAfter = machineTicks();
  const enginesAfter = engineTicks();
  const count = (p: (a: PostAnswer) => boolean) => answers.filter(p).length;
  const dispatched = mine.filter((c) => c.dispatchedSeenAt !== undefined && c.receivedSeenAt !== undefined).map((c) => c.dispatchedSeenAt! - c.receivedSeenAt!);
  const handling = mine.filter((c) => c.deadlines.handling !== undefined && c.receivedSeenAt !== undefined).map((c) => c.deadlines.handling! - c.receivedSeenAt!);
  const cpuSeconds: Record<string, number> = {};
  for (const k of Object.keys(cpuAfter)) cpuSeconds[k] = round((cpuAfter[k] - (cpuBefore[k] ?? 0)) / 1000);
  return {
    name,
    offeredRate: rate,
    seconds,
    sent: answers.length,
    notSent,
    created: mine.length,
    limited: count((a) => a.status === 429),
    limitedWithoutRetryAfter: count((a) => a.status === 429 && !a.retryAfter),
    limitedBy: countBy(answers.filter((a) => a.status === 429).map((a) => a.code ?? 'no code')),
    otherClientErrors: count((a) => typeof a.status === 'number' && a.status >= 400 && a.status < 500 && a.status !== 429),
    serverErrors: count((a) => typeof a.status === 'number' && a.status >= 500),
    timeouts: count((a) => a.status === 'timeout' || a.status === 'error'),
    connectionErrors: count((a) => a.status === 'error'),
    timeoutsBy: {
      never: count((a) => (a.status === 'timeout' || a.status === 'error') && a.connection === 'never'),
      new: count((a) => (a.status === 'timeout' || a.status === 'error') && a.connection === 'new'),
      reused: count((a) => (a.status === 'timeout' || a.status === 'error') && a.connection === 'reused'),
    },
    opened: count((a) => a.connection === 'new'),
    listenOverflows: overflowsBefore === null || overflowsAfter === null ? null : overflowsAfter - overflowsBefore,
    intakeSaw: {
      posts: intakeAfter.posts - intakeBefore.posts,
      over2_5s: intakeAfter.over2_5s - intakeBefore.over2_5s,
      over10s: intakeAfter.over10s - intakeBefore.over10s,
    },
    generatorLagP99Ms: round(generatorLag.percentile(99) / 1e6),
    generatorLagMaxMs: round(generatorLag.max / 1e6),
    acceptedRate: mine.length / seconds,
    postP50: quantile(latencies, 0.5),
    postP99: quantile(latencies, 0.99),
    dispatchedP50: quantile(dispatched, 0.5),
    dispatchedP99: quantile(dispatched, 0.99),
    handlingP50: quantile(handling, 0.5),
    handlingP99: quantile(handling, 0.99),
    completionRate,
    backlogAtEnd,
    drainSeconds,
    backlogLeft: mine.filter((c) => c.completedAt === undefined).length,
    notDispatched: mine.filter((c) => c.dispatchedSeenAt === undefined).length,
    notAnnounced: mine.filter((c) => c.dispatchedSeenAt !== undefined && c.completedAt === undefined).length,
    cpuSeconds,
    engineCpuSeconds: Object.fromEntries(Object.keys(enginesAfter).map((k) => [k, round((enginesAfter[k] - (enginesBefore[k] ?? 0)) / TICKS_PER_SECOND)])),
    machineBusy: busyShare(busyBefore, busyAfter),
  };
}

/** TcpExt ListenOverflows of /proc/net/netstat (Linux); null elsewhere. */
function listenOverflows(): number | null {
  try {
    const lines = fs.readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]!.split(' ');
    const values = lines[1]!.split(' ');
    const i = names.indexOf('ListenOverflows');
    return i > 0 ? Number(values[i]) : null;
  } catch {
    return null;
  }
}

interface IntakeView {
  readonly posts: number;
  readonly over2_5s: number;
  readonly over10s: number;
}

/** POSTs counted by intake's request-time histogram, summed over its instances: all, and those that took more than 2.5 s and 10 s. */
async function intakeView(ports: readonly number[]): Promise<IntakeView> {
  const view = { posts: 0, over2_5s: 0, over10s: 0 };
  for (const port of ports) {
    const text = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.text(), () => '');
    for (const m of text.matchAll(/^http_request_duration_seconds_bucket\{([^}]*)\} (\d+)/gm)) {
      const labels = m[1]!;
      if (!labels.includes('method="POST"')) continue;
      const le = /le="([^"]+)"/.exec(labels)?.[1];
      const n = Number(m[2]);
      if (le === '+Inf') {
        view.posts += n;
        view.over2_5s += n;
        view.over10s += n;
      } else if (le === '2.5') view.over2_5s -= n;
      else if (le === '10') view.over10s -= n;
    }
  }
  return view;
}

interface Context {
  /** intake's ports: with several instances, cases go to each in turn (as a load balancer would). */
  readonly ports: number[];
  readonly agent: http.Agent;
  readonly observer: Observer;
  cpu(): Promise<Record<string, number>>;
  budgetLeft(): number;
}

// ---- the run ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = Date.now();
  const budgetLeft = () => MAX_SECONDS * 1000 - (Date.now() - startedAt);
  const run = randomUUID().slice(0, 8);
  const db = await createTestDatabase();
  const topicPrefix = `${uniqueName('bench-e2e')}.`;
  const taskQueue = `bench-e2e-cases-${run}`;
  const trivialQueue = `bench-e2e-trivial-${run}`;
  const env: NodeJS.ProcessEnv = {
    ...serviceEnv({ database: db.name, topicPrefix, taskQueue }),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    ...(KEY_RATE ? { INTAKE_KEY_RATE_PER_MINUTE: KEY_RATE } : {}),
    // intake's load shedding as deployed (its default), unless the run sets it
    INTAKE_SHED_LAG_MS: process.env.INTAKE_SHED_LAG_MS ?? '1000',
    // case-worker's worker sizes and its Temporal SDK metrics endpoint, when the run sets them
    ...(process.env.CASE_WORKER_TUNING ? { CASE_WORKER_TUNING: process.env.CASE_WORKER_TUNING } : {}),
    ...(process.env.TEMPORAL_WORKER_METRICS_ADDRESS ? { TEMPORAL_WORKER_METRICS_ADDRESS: process.env.TEMPORAL_WORKER_METRICS_ADDRESS } : {}),
  };
  const kafka = testKafka(`bench-e2e-${run}`);
  const address = env.TEMPORAL_ADDRESS ?? engines().temporalAddress;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const services: ServiceProcess[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const observer = new Observer(kafka, (['intake', 'dispatch', 'case-worker'] as const).map((s) => `${topicPrefix}${TOPICS[s]}`));
  const insertPool = new Pool({ ...db.connection, max: 20 });
  const trivialIds: string[] = [];
  let bare: INestApplication | undefined;
  let trivialWorker: { worker: Worker; running: Promise<void>; connection: NativeConnection } | undefined;
  try {
    log(`run ${run}: rates ${RATES.join(', ')}/s for ${STEP_SECONDS} s each, storm ${STORM_RATE}/s for ${STORM_SECONDS} s, drains bounded by ${DRAIN_SECONDS} s (storm ${STORM_DRAIN_SECONDS} s), whole run bounded by ${MAX_SECONDS} s`);

    // the baselines first, on an idle system
    {
      const nc = await NativeConnection.connect({ address });
      const worker = await Worker.create({ connection: nc, taskQueue: trivialQueue, workflowsPath: require.resolve('../apps/case-worker/test/support/trivial.workflow') });
      trivialWorker = { worker, running: worker.run(), connection: nc };
    }
    let t = 0;
    const trivial = await closedLoop(32, BASELINE_SECONDS, async () => {
      const workflowId = `bench-e2e-trivial-${run}-${t++}`;
      await client.workflow.start('trivialWorkflow', { taskQueue: trivialQueue, workflowId });
      trivialIds.push(workflowId);
    });
    log(`baseline: trivial workflow starts ${trivial.rate.toFixed(1)}/s`);
    trivialWorker.worker.shutdown();
    await trivialWorker.running;
    await trivialWorker.connection.close();
    trivialWorker = undefined;

    bare = await NestFactory.create(BareModule, { logger: false });
    bare.useGlobalPipes(strictValidationPipe());
    await bare.listen(0, '127.0.0.1');
    const barePort = (bare.getHttpServer().address() as { port: number }).port;
    const bareHttp = await closedLoop(16, BASELINE_SECONDS, async () => {
      const a = await post(barePort, agent, 'hotline', {});
      if (a.status !== 201) throw new Error(String(a.status));
    });
    await bare.close();
    bare = undefined;
    log(`baseline: bare HTTP ${bareHttp.rate.toFixed(0)}/s, p50 ${bareHttp.p50.toFixed(1)} ms, p99 ${bareHttp.p99.toFixed(1)} ms`);

    await insertPool.query('CREATE TABLE bench_insert (id uuid PRIMARY KEY, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    const insert = await closedLoop(16, BASELINE_SECONDS, async () => {
      await insertPool.query('INSERT INTO bench_insert (id, data) VALUES ($1, $2)', [randomUUID(), appeal('hotline')]);
    });
    log(`baseline: plain INSERT ${insert.rate.toFixed(0)}/s, p50 ${insert.p50.toFixed(1)} ms, p99 ${insert.p99.toFixed(1)} ms`);

    // the system
    const t1 = Date.now();
    for (let i = 0; i < INSTANCES; i++) for (const s of ONLY_INTAKE ? (['intake'] as const) : SERVICES) services.push(startServiceProcess(s, env));
    const ports = await Promise.all(services.map((s) => s.ready));
    const intakePorts = ports.filter((_, k) => services[k].name === 'intake');
    await observer.start();
    log(`services up in ${((Date.now() - t1) / 1000).toFixed(1)} s (${INSTANCES} instance(s) of each; intake on 127.0.0.1:${intakePorts.join(', ')})`);
    const cpu = async () => {
      const out: Record<string, number> = {};
      for (const s of services) out[s.name] = (out[s.name] ?? 0) + (await s.usage()).cpuMs; // summed over instances
      return out;
    };
    const ctx: Context = { ports: intakePorts, agent, observer, cpu, budgetLeft };

    // warm up: a few cases through the whole pipeline before anything is timed
    const warm = await step('warm-up', 5, 4, ONLY_INTAKE ? 0 : 60, ctx);
    log(`warm-up: ${warm.created} cases, ${warm.backlogLeft} left`);

    const results: StepResult[] = [];
    for (const rate of RATES) {
      if (budgetLeft() < (STEP_SECONDS + 120) * 1000) {
        log(`no time left for ${rate}/s`);
        break;
      }
      log(`offering ${rate} cases/s for ${STEP_SECONDS} s`);
      const r = await step(`${rate}/s`, rate, STEP_SECONDS, ONLY_INTAKE ? 0 : DRAIN_SECONDS, ctx);
      results.push(r);
      log(describeStep(r));
    }
    if (STORM_RATE > 0 && budgetLeft() > (STORM_SECONDS + 120) * 1000) {
      log(`the storm: ${STORM_RATE} cases/s for ${STORM_SECONDS} s`);
      const r = await step(`storm ${STORM_RATE}/s`, STORM_RATE, STORM_SECONDS, ONLY_INTAKE ? 0 : Math.min(STORM_DRAIN_SECONDS, budgetLeft() / 1000 - 90), ctx);
      results.push(r);
      log(describeStep(r));
    }
    const memory: Record<string, number> = {};
    for (const s of services) memory[s.name] = (memory[s.name] ?? 0) + (await s.usage()).rssMb;

    printTable(results, { trivial: trivial.rate, bareP99: bareHttp.p99, bareRate: bareHttp.rate, insertRate: insert.rate, insertP99: insert.p99 });
    console.log(
      JSON.stringify(
        {
          instances: INSTANCES,
          baselines: { trivialWorkflowStartsPerSecond: round(trivial.rate), bareHttp: roundAll(bareHttp), plainInsert: roundAll(insert) },
          steps: results.map((r) => roundAll(r)),
          serviceRssMb: memory,
          machine: { cpus: os.cpus().length, loadavg: os.loadavg().map(round) },
        },
        null,
        2,
      ),
    );
  } finally {
    await observer.stop();
    await Promise.all(services.map((s) => s.stop().catch(() => undefined)));
    if (trivialWorker) {
      trivialWorker.worker.shutdown();
      await trivialWorker.running.catch(() => undefined);
      await trivialWorker.connection.close().catch(() => undefined);
    }
    await bare?.close().catch(() => undefined);
    agent.destroy();
    await insertPool.end().catch(() => undefined);
    await terminateRunning(client, taskQueue);
    await connection.close();
    await deleteTopics(kafka, topicPrefix);
    await db.drop();
    log('cleaned up: services stopped, workflows of the run terminated, topics deleted, database dropped');
  }
}

/** Terminates the run's open case workflows (a batch operation by task queue, bounded). */
async function terminateRunning(client: Client, taskQueue: string): Promise<void> {
  const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
  try {
    await client.workflowService.startBatchOperation({
      namespace: 'default',
      jobId: randomUUID(),
      visibilityQuery: query,
      reason: 'benchmark over',
      terminationOperation: { identity: 'bench:e2e' },
    });
    for (let i = 0; i < 120; i++) {
      const { count } = await client.workflow.count(query);
      if (count === 0) return;
      await sleep(1000);
    }
    log('some workflows of the run are still running after 120 s');
  } catch (err) {
    log(`batch termination failed (${String((err as Error).message)}); terminating one by one`);
    const bound = Date.now() + 300_000;
    for await (const w of client.workflow.list({ query })) {
      if (Date.now() > bound) break;
      await client.workflow.getHandle(w.workflowId, w.runId).terminate('benchmark over').catch(() => undefined);
    }
  }
}

async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine, timeout: 30_000 });
  } catch (err) {
    log(`could not delete the run's topics: ${String((err as Error).message)}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// ---- the report ---------------------------------------------------------------------------------

function describeStep(r: StepResult): string {
  return (
    `${r.name}: ${r.created} created (${r.acceptedRate.toFixed(1)}/s), ${r.limited} x 429${r.limited ? ` (${Object.entries(r.limitedBy).map(([code, n]) => `${code} ${n}`).join(', ')})` : ''}, ${r.serverErrors} x 5xx, ${r.timeouts} time-outs (${r.connectionErrors} of them failed connections; on a connection that never got through ${r.timeoutsBy.never}, a new one ${r.timeoutsBy.new}, a kept-alive one ${r.timeoutsBy.reused}), ${r.notSent} not sent; ${r.opened} connections opened, ` +
    `${r.listenOverflows ?? '?'} dropped by the kernel for a full accept queue (machine-wide); ` +
    `intake itself timed ${r.intakeSaw.posts} POSTs from when it read them, ${r.intakeSaw.over2_5s} over 2.5 s and ${r.intakeSaw.over10s} over 10 s; generator's own loop lag p99/max ${r.generatorLagP99Ms}/${r.generatorLagMaxMs} ms; ` +
    `POST p50/p99 ${ms(r.postP50)}/${ms(r.postP99)}; received->dispatched ${ms(r.dispatchedP50)}/${ms(r.dispatchedP99)}; received->handling deadline ${ms(r.handlingP50)}/${ms(r.handlingP99)}; ` +
    `completed ${r.completionRate.toFixed(1)}/s; backlog at end ${r.backlogAtEnd}, drained ${r.drainSeconds === null ? 'not within the bound' : `in ${r.drainSeconds.toFixed(1)} s`}, left ${r.backlogLeft} ` +
    `(${r.notDispatched} not dispatched, ${r.notAnnounced} dispatched without all deadlines); CPU s ${JSON.stringify(r.cpuSeconds)}, engines' CPU s ${JSON.stringify(r.engineCpuSeconds)}, machine busy ${(r.machineBusy * 100).toFixed(0)} %`
  );
}

function printTable(results: StepResult[], base: { trivial: number; bareP99: number; bareRate: number; insertRate: number; insertP99: number }): void {
  const lines = [
    '',
    `baselines (same run): trivial workflow starts ${base.trivial.toFixed(1)}/s; bare HTTP ${base.bareRate.toFixed(0)}/s, p99 ${ms(base.bareP99)}; plain INSERT ${base.insertRate.toFixed(0)}/s, p99 ${ms(base.insertP99)}`,
    '',
    '| offered | accepted | 429 / 5xx / time-outs | POST p50 / p99 | POST p99 ÷ bare p99 | received -> dispatched p50 / p99 | received -> handling deadline set p50 / p99 | completed | completed ÷ trivial starts | backlog at end / left | drain |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} for ${r.seconds} s | ${r.acceptedRate.toFixed(1)}/s | ${r.limited} / ${r.serverErrors} / ${r.timeouts} | ${ms(r.postP50)} / ${ms(r.postP99)} | ${(r.postP99 / base.bareP99).toFixed(1)} | ` +
        `${ms(r.dispatchedP50)} / ${ms(r.dispatchedP99)} | ${ms(r.handlingP50)} / ${ms(r.handlingP99)} | ${r.completionRate.toFixed(1)}/s | ${(r.completionRate / base.trivial).toFixed(2)} | ` +
        `${r.backlogAtEnd} / ${r.backlogLeft} | ${r.drainSeconds === null ? 'not drained' : `${r.drainSeconds.toFixed(1)} s`} |`,
    ),
    '',
    '| step | CPU seconds per service | CPU seconds of the engines (machine-wide) | machine busy |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${Object.entries(r.cpuSeconds).map(([k, v]) => `${k} ${v}`).join(', ')} | ${Object.entries(r.engineCpuSeconds).map(([k, v]) => `${k} ${v}`).join(', ')} | ${(r.machineBusy * 100).toFixed(0)} % |`,
    ),
    '',
    'completed: cases dispatched with all four deadlines announced per second, counted over the last three quarters of the step;',
    'backlog at end: accepted cases not complete when the offered load stopped; left: not complete when the drain bound passed.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

// ---- small helpers ------------------------------------------------------------------------------

/** Linux's clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's times. */
const TICKS_PER_SECOND = 100;

/**
 * CPU ticks of the engines' processes, summed by engine: every PostgreSQL process (its backends
 * included), the Kafka broker and the Temporal server, told by their command lines. Machine-wide:
 * on a shared machine other users' work on the same engines counts too, and a backend that exits
 * during a step takes its ticks with it.
 */
function engineTicks(): Record<string, number> {
  const ticks: Record<string, number> = { postgres: 0, kafka: 0, temporal: 0 };
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const engine = /^postgres(:| )|\/postgres /.test(cmd) ? 'postgres' : cmd.includes('kafka.Kafka') ? 'kafka' : /temporal server start-dev/.test(cmd) ? 'temporal' : undefined;
      if (!engine) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks[engine] += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

function busyShare(a: { busy: number; total: number }, b: { busy: number; total: number }): number {
  const total = b.total - a.total;
  return total > 0 ? (b.busy - a.busy) / total : 0;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function ms(x: number): string {
  if (Number.isNaN(x)) return '-';
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function roundAll<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])) as T;
}

function sleep(msToWait: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msToWait));
}

function log(message: string): void {
  console.error(`[bench:e2e] ${new Date().toISOString().slice(11, 19)} ${message}`);
}

if (process.argv[2] === 'service') {
  runService(process.argv[3] as Service).catch((err) => {
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
