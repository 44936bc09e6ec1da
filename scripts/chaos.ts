// npm run chaos: crashes under load, checked from outside.
//
// While a steady load of cases goes through intake's HTTP API, each service in turn is killed
// (SIGKILL) and started again; then (with CHAOS_ENGINES=restart, on a private set of engines
// only) PostgreSQL, Kafka and Temporal are restarted one at a time. Afterwards, from the topics
// and the read models: every case intake accepted (201) is dispatched and its workflow announced
// its deadlines; nothing is doubled; each case's events keep their order on every topic.
//
// Settings (environment): CHAOS_RATE cases/s (30), CHAOS_SECONDS of load (300),
// CHAOS_ENGINES=restart to restart the engines too, CHAOS_BASE_PORT for the services (4101..),
// and the engines' addresses as the services read them (PGHOST, PGPORT, KAFKA_BROKERS,
// TEMPORAL_ADDRESS). Engine restarts go through deploy/local/infra.sh with the COUNTY_* variables
// of a private set of engines, and are refused on the default ports.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { SERVICE_NAMES, TOPICS, type ServiceName } from '@county/contracts';
import { uniqueName } from '@county/testing';

const root = path.resolve(__dirname, '..');
const run = promisify(execFile);

export interface ChaosOptions {
  /** Cases per second sent to intake. */
  readonly rate: number;
  /** How long the load runs, in seconds. */
  readonly seconds: number;
  /** Restart PostgreSQL, Kafka and Temporal too (a private set of engines only). */
  readonly restartEngines: boolean;
  /** First HTTP port of the five services (0: free ports chosen by the system). */
  readonly basePort: number;
  readonly env: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** How long to wait at most, after the load, for every case to be through (ms). */
  readonly settleMs?: number;
  /** The wait ends early when no case got through for this long (ms): what is left then is lost. */
  readonly stallMs?: number;
}

export interface ChaosReport {
  /**
   * Each fault: when it was injected, whether the load still ran then, how long until every
   * service was healthy again (or, if not within its slot, how long the run waited), and for an
   * engine restart how long until the engine itself answered again.
   */
  readonly faults: {
    readonly fault: string;
    readonly at: string;
    readonly recoverySeconds: number;
    readonly recovered: boolean;
    readonly duringLoad: boolean;
    readonly engineBackSeconds?: number;
    /** Seconds from the fault until each service first answered ok (null: not before the next fault). */
    readonly perService: Record<string, number | null>;
  }[];
  readonly accepted: number;
  readonly refused: number;
  /** The answers that were not 201, by status ("429", "503", ...) or "no answer" (time-out, connection refused). */
  readonly notAccepted: Record<string, number>;
  readonly lost: number;
  readonly lostCases: string[];
  /** Of the lost cases, those never dispatched (the others were dispatched but had no deadline announced). */
  readonly lostNotDispatched: number;
  readonly duplicated: number;
  readonly duplicates: string[];
  readonly outOfOrder: string[];
  readonly readModelMismatches: string[];
  readonly longestRecoverySeconds: number;
  /** Exits nobody caused (a service that gave up by itself), each restarted as a supervisor would. */
  readonly unexpectedExits: string[];
  /** Cases intake stored whose 201 never reached the load driver (killed or timed out mid-request). */
  readonly storedWithoutAnswer: number;
}

interface RunningService {
  readonly name: ServiceName;
  readonly port: number;
  process: ChildProcess;
  /** Set while this run kills the process on purpose. */
  killing?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function appeal(n: number): Record<string, unknown> {
  return {
    channel: 'hotline',
    channelReference: `CHAOS-${n}-${randomBytes(3).toString('hex')}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    description: 'Cars block the fire lane at the gate of the compound',
    location: { gridCode: 'QH-CG-04-04' },
    // a resident of its own each, so that no case is taken for a repeat of another
    resident: { name: '张三', phone: `13${String(100_000_000 + ((n * 7919) % 900_000_000)).padStart(9, '0')}` },
    receivedAt: new Date(Date.now() - 1000).toISOString(),
  };
}

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const tag = uniqueName('chaos');
  const env = o.env;
  const pg = { host: env.PGHOST ?? '127.0.0.1', port: Number(env.PGPORT ?? 5432), user: env.PGUSER ?? 'county', password: env.PGPASSWORD ?? 'county' };
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topicPrefix = `${tag}.`;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `${tag}-`));
  if (o.restartEngines) {
    const defaults = env.COUNTY_PG_PORT === undefined || env.COUNTY_PG_PORT === '5432' || env.COUNTY_KAFKA_PORT === undefined || env.COUNTY_KAFKA_PORT === '9092' || env.COUNTY_TEMPORAL_PORT === undefined || env.COUNTY_TEMPORAL_PORT === '7233';
    if (defaults || !env.COUNTY_ENGINES_STATE) throw new Error('engine restarts need a private set of engines: set COUNTY_ENGINES_STATE and COUNTY_PG_PORT, COUNTY_KAFKA_PORT, COUNTY_TEMPORAL_PORT away from the defaults');
  }

  const admin = new Client({ ...pg, database: env.PGDATABASE_ADMIN ?? 'county' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${tag}`);
  await admin.end();

  const serviceEnv = (port: number): NodeJS.ProcessEnv => ({
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PGDATABASE: tag,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    TEMPORAL_TASK_QUEUE: `${tag}-cases`,
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
  const services: RunningService[] = [];
  const unexpectedExits: string[] = [];
  let stopping = false;
  const start = (name: ServiceName, port: number): ChildProcess => {
    const out = fs.openSync(path.join(logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, ['-r', path.join(root, 'scripts/register.js'), path.join(root, `apps/${name}/src/main.ts`)], {
      cwd: root,
      env: serviceEnv(port),
      stdio: ['ignore', out, out],
    });
    child.once('exit', (code, signal) => {
      const s = services.find((x) => x.process === child);
      if (stopping || !s || s.killing) return;
      // nobody killed it: say so, and start it again as npm start's supervisor would
      unexpectedExits.push(`${name} exited by itself (${signal ?? `code ${code}`}) at ${new Date().toISOString()}`);
      log(`chaos: ${name} exited by itself (${signal ?? `code ${code}`}); starting it again`);
      setTimeout(() => {
        if (!stopping) s.process = start(name, port);
      }, 1000);
    });
    return child;
  };
  const url = (s: RunningService) => `http://127.0.0.1:${s.port}`;
  /** What each service's /health said last, so that a wait that runs out says who was not healthy and why. */
  const lastHealth = new Map<ServiceName, string>();
  /** The kind of each service's last answer (its status and what it names), to log each change while the run waits. */
  const lastKind = new Map<ServiceName, string>();
  /** When each service first answered ok since the last fault. */
  const healthyAgain = new Map<ServiceName, number>();
  const said = (name: ServiceName, kind: string, what: string) => {
    lastHealth.set(name, what);
    if (lastKind.get(name) !== kind) log(`chaos: ${name} /health: ${what.slice(0, 400)}`);
    lastKind.set(name, kind);
  };
  const healthy = async (s: RunningService) => {
    try {
      const res = await fetch(`${url(s)}/health`, { signal: AbortSignal.timeout(5000) });
      const text = await res.text();
      const body = JSON.parse(text) as { status?: string; error?: Record<string, unknown>; starting?: string[]; warnings?: { component: string }[] };
      const ok = res.status === 200 && body.status === 'ok';
      if (ok && !healthyAgain.has(s.name)) healthyAgain.set(s.name, Date.now());
      const kind = [res.status, body.status, ...Object.keys(body.error ?? {}), ...(body.starting ?? []), ...(body.warnings ?? []).map((w) => w.component)].join(' ');
      said(s.name, kind, ok ? 'ok' : `${res.status} ${text.slice(0, 600)}`);
      return ok ? true : undefined;
    } catch (err) {
      said(s.name, 'no answer', `no answer: ${String((err as Error)?.message ?? err)}`);
      return undefined;
    }
  };
  const allHealthy = (timeoutMs = 300_000) =>
    until('every service healthy', async () => ((await Promise.all(services.map((s) => healthy(s)))).every(Boolean) ? true : undefined), timeoutMs).catch((err: Error) => {
      throw new Error(`${err.message}; last /health of each: ${services.map((s) => `${s.name}: ${lastHealth.get(s.name) ?? '-'}`).join(' | ')}`);
    });

  const kafka = new Kafka({ clientId: tag, brokers, logLevel: logLevel.NOTHING, retry: { retries: 20 } });
  const accepted: string[] = [];
  let refused = 0;
  const notAccepted: Record<string, number> = {};
  const notAcceptedBecause = (why: string) => {
    refused += 1;
    notAccepted[why] = (notAccepted[why] ?? 0) + 1;
  };
  const faults: ChaosReport['faults'] = [];
  try {
    // one at a time: dispatch's topics and case-worker's task queue exist before cases arrive
    for (const [i, name] of (['case-worker', 'handling', 'evaluation', 'dispatch', 'intake'] as ServiceName[]).entries()) {
      const port = o.basePort ? o.basePort + i : await freePort();
      const s: RunningService = { name, port, process: start(name, port) };
      services.push(s);
      await until(`${name} healthy`, () => healthy(s), 180_000);
    }
    log(`chaos: five services up (database ${tag}, logs in ${logDir}); load ${o.rate} cases/s for ${o.seconds} s`);

    // the load: one POST every 1/rate s, never waiting for the answer before the next
    const intake = services.find((s) => s.name === 'intake')!;
    let loading = true;
    const inFlight = new Set<Promise<void>>();
    const loadBegan = Date.now();
    const load = (async () => {
      const began = loadBegan;
      for (let n = 0; loading && Date.now() - began < o.seconds * 1000; n++) {
        const due = began + (n * 1000) / o.rate;
        if (due > Date.now()) await sleep(due - Date.now());
        const p = (async () => {
          try {
            const res = await fetch(`${url(intake)}/api/v1/cases`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-api-key': 'dev-hotline-key' },
              body: JSON.stringify(appeal(n)),
              signal: AbortSignal.timeout(15_000),
            });
            const body = (await res.json().catch(() => ({}))) as { caseId?: string };
            if (res.status === 201 && body.caseId) accepted.push(body.caseId);
            else notAcceptedBecause(String(res.status));
          } catch {
            notAcceptedBecause('no answer'); // intake was down (killed) or too slow: not accepted, so not owed
          }
        })();
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      await Promise.all(inFlight);
    })();

    // the faults, at fixed times inside the load window: engine restarts early (they take longest
    // to recover from), then a kill -9 of each service. Before each fault the run waits for every
    // service to be healthy again, but never past the next fault's time: a fault whose recovery
    // outlasts its slot is reported as not recovered, and the next one is injected on time, so
    // that every fault falls while the load runs.
    const kills = SERVICE_NAMES.map((s) => `kill -9 ${s}`);
    const restarts = o.restartEngines ? ['restart postgres', 'restart kafka', 'restart temporal'] : [];
    const plan: string[] = [];
    for (let i = 0; i < Math.max(kills.length, restarts.length); i++) plan.push(...(restarts[i] ? [restarts[i]] : []), ...(kills[i] ? [kills[i]] : []));
    const slot = (o.seconds * 1000) / (plan.length + 1);
    const loadEnds = loadBegan + o.seconds * 1000;
    for (const [i, fault] of plan.entries()) {
      const due = loadBegan + slot * (i + 0.5);
      if (due > Date.now()) await sleep(due - Date.now());
      const at = new Date();
      log(`chaos: ${fault} at ${at.toISOString()} (${accepted.length} accepted so far; ${Math.round((loadEnds - at.getTime()) / 1000)} s of load left)`);
      healthyAgain.clear();
      let engineBackSeconds: number | undefined;
      if (fault.startsWith('kill -9 ')) {
        const s = services.find((x) => x.name === fault.slice('kill -9 '.length))!;
        s.killing = true;
        const exited = new Promise((r) => s.process.once('exit', r));
        s.process.kill('SIGKILL');
        await exited;
        s.killing = false;
        s.process = start(s.name, s.port);
      } else {
        const engine = fault.slice('restart '.length);
        await run('bash', [path.join(root, 'deploy/local/infra.sh'), 'restart', engine], { env, timeout: 180_000 });
        engineBackSeconds = (Date.now() - at.getTime()) / 1000;
        log(`chaos: ${engine} answers again after ${engineBackSeconds.toFixed(1)} s`);
      }
      // recovered: every service healthy, waited for until the next fault is due (at least 30 s)
      const nextDue = loadBegan + slot * (i + 1.5);
      const recovered = await allHealthy(Math.max(30_000, nextDue - Date.now())).then(
        () => true,
        (err: Error) => {
          log(`chaos: not recovered from ${fault} before the next fault: ${err.message.slice(0, 1500)}`);
          return false;
        },
      );
      const recoverySeconds = (Date.now() - at.getTime()) / 1000;
      const perService = Object.fromEntries(services.map((s) => [s.name, ((t) => (t === undefined ? null : (t - at.getTime()) / 1000))(healthyAgain.get(s.name))]));
      faults.push({ fault, at: at.toISOString(), recoverySeconds, recovered, duringLoad: at.getTime() < loadEnds, perService, ...(engineBackSeconds !== undefined && { engineBackSeconds }) });
      log(`chaos: ${recovered ? 'recovered' : 'NOT recovered'} from ${fault} ${recovered ? 'in' : 'after'} ${recoverySeconds.toFixed(1)} s`);
    }
    // after the last fault, everything must come back before the checks (bounded)
    if (!faults.every((f) => f.recovered)) await allHealthy().catch((err: Error) => log(`chaos: not every service is healthy after the faults: ${err.message.slice(0, 1500)}`));
    await load;
    loading = false;
    log(`chaos: load done: ${accepted.length} accepted, ${refused} not accepted; checking from outside`);

    return await check();
  } finally {
    stopping = true;
    for (const s of services) {
      if (s.process.exitCode === null && s.process.signalCode === null) {
        const exited = new Promise((r) => s.process.once('exit', r));
        s.process.kill('SIGTERM');
        await Promise.race([exited, sleep(20_000)]);
        if (s.process.exitCode === null && s.process.signalCode === null) s.process.kill('SIGKILL');
      }
    }
    const a = new Client({ ...pg, database: env.PGDATABASE_ADMIN ?? 'county' });
    await a.connect().then(() => a.query(`DROP DATABASE IF EXISTS ${tag} WITH (FORCE)`)).catch(() => undefined);
    await a.end().catch(() => undefined);
    const ka = kafka.admin();
    await ka.connect().then(async () => {
      const mine = (await ka.listTopics()).filter((t) => t.startsWith(topicPrefix) || t.includes(`.${topicPrefix}`));
      if (mine.length) await ka.deleteTopics({ topics: mine });
    }).catch(() => undefined);
    await ka.disconnect().catch(() => undefined);
  }

  async function check(): Promise<ChaosReport> {
    type Seen = { topic: string; key: string; id: string; type: string; sequence: number; data: Record<string, unknown> };
    const seen: Seen[] = [];
    const consumer = kafka.consumer({ groupId: `${tag}.checker`, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topics: SERVICE_NAMES.map((s) => `${topicPrefix}${TOPICS[s]}`), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const e = JSON.parse(message.value?.toString() ?? '{}') as { id: string; type: string; sequence: number; data: Record<string, unknown> };
        seen.push({ topic, key: message.key?.toString() ?? '', id: e.id, type: e.type, sequence: e.sequence, data: e.data });
      },
    });
    const through = (caseId: string, by: Map<string, Seen[]>) => {
      const mine = by.get(caseId) ?? [];
      return mine.some((x) => x.type === 'case.dispatched.v1') && mine.some((x) => x.type === 'case.deadline-set.v1');
    };
    const byCase = () => {
      const m = new Map<string, Seen[]>();
      for (const x of seen) m.set(x.key, [...(m.get(x.key) ?? []), x]);
      return m;
    };
    // the cases still in the pipeline (the workflow engine works through a backlog) are waited
    // for as long as cases keep getting through, up to settleMs; a wait that stalls ends early
    const settleBy = Date.now() + (o.settleMs ?? 300_000);
    const stallMs = o.stallMs ?? 120_000;
    let lostCases = accepted;
    let progressAt = Date.now();
    let told = Date.now();
    for (let left = accepted.length; Date.now() < settleBy && Date.now() - progressAt < stallMs; ) {
      const m = byCase();
      lostCases = accepted.filter((c) => !through(c, m));
      if (lostCases.length === 0) break;
      if (lostCases.length < left) progressAt = Date.now();
      left = lostCases.length;
      if (Date.now() - told >= 30_000) {
        told = Date.now();
        log(`chaos: ${accepted.length - left} of ${accepted.length} accepted cases through (dispatched, deadlines announced); waiting`);
      }
      await sleep(1000);
    }
    await sleep(2000); // late redeliveries still count against duplicates
    await consumer.disconnect();
    const m = byCase();

    // doubled effects: two different event ids for what must happen once
    const duplicates: string[] = [];
    for (const c of accepted) {
      const mine = m.get(c) ?? [];
      const distinct = (type: string, part: (x: Seen) => string = () => '') => {
        const ids = new Map<string, Set<string>>();
        for (const x of mine.filter((y) => y.type === type)) ids.set(part(x), (ids.get(part(x)) ?? new Set()).add(x.id));
        return [...ids].filter(([, s]) => s.size > 1).map(([k, s]) => `${c} ${type}${k ? ` ${k}` : ''} x${s.size}`);
      };
      duplicates.push(...distinct('case.received.v1'), ...distinct('case.dispatched.v1'), ...distinct('case.deadline-set.v1', (x) => `${String(x.data.clock)}@${String(x.data.deadline)}`));
      const clocks = new Map<string, Set<string>>();
      for (const x of mine.filter((y) => y.type === 'case.deadline-set.v1')) clocks.set(String(x.data.clock), (clocks.get(String(x.data.clock)) ?? new Set()).add(x.id));
      for (const [clock, ids] of clocks) if (ids.size > 1) duplicates.push(`${c} case.deadline-set.v1 clock ${clock} set ${ids.size} times`);
    }

    // per-case order: the first delivery of each event of a case on a topic comes in stream order
    const outOfOrder: string[] = [];
    for (const [key, events] of m) {
      for (const topic of new Set(events.map((e) => e.topic))) {
        const firsts: number[] = [];
        const ids = new Set<string>();
        for (const e of events.filter((x) => x.topic === topic)) {
          if (ids.has(e.id)) continue;
          ids.add(e.id);
          firsts.push(e.sequence);
        }
        if (firsts.some((s, i) => i > 0 && s < firsts[i - 1])) outOfOrder.push(`${key} on ${topic}: ${firsts.join(',')}`);
      }
    }

    // read models against events
    const readModelMismatches: string[] = [];
    let storedWithoutAnswer = 0;
    const db = new Client({ ...pg, database: tag });
    await db.connect();
    try {
      const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
      const [a, b] = [
        await count('SELECT count(*)::int AS n FROM dispatch.case_queue'),
        await count(`SELECT count(DISTINCT subject)::int AS n FROM dispatch.events WHERE event_type = 'case.dispatched.v1'`),
      ];
      if (a !== b) readModelMismatches.push(`dispatch case queue: ${a} rows, ${b} dispatched cases in the events`);
      // a request in flight when intake was killed (or one that timed out) may be stored without
      // its 201 reaching the caller: not lost, not doubled, but the caller must retry with its
      // Idempotency-Key; counted apart
      storedWithoutAnswer = (await count(`SELECT count(DISTINCT subject)::int AS n FROM intake.events WHERE event_type = 'case.received.v1'`)) - accepted.length;
    } finally {
      await db.end();
    }
    const longestRecoverySeconds = Math.max(0, ...faults.map((f) => f.recoverySeconds));
    const notDispatched = lostCases.filter((c) => !(m.get(c) ?? []).some((x) => x.type === 'case.dispatched.v1')).length;
    return {
      faults,
      accepted: accepted.length,
      refused,
      notAccepted,
      lost: lostCases.length,
      lostCases: lostCases.slice(0, 20),
      lostNotDispatched: notDispatched,
      duplicated: duplicates.length,
      duplicates: duplicates.slice(0, 20),
      outOfOrder: outOfOrder.slice(0, 20),
      readModelMismatches,
      longestRecoverySeconds,
      unexpectedExits,
      storedWithoutAnswer,
    };
  }
}

export function formatReport(r: ChaosReport): string {
  return [
    `faults injected:  ${r.faults.length}, ${r.faults.filter((f) => f.duringLoad).length} of them during the load`,
    ...r.faults.map(
      (f) =>
        `  ${f.fault.padEnd(18)} at ${f.at}${f.duringLoad ? '' : ' (after the load)'}: ${f.recovered ? `recovered in ${f.recoverySeconds.toFixed(1)} s` : `NOT recovered within ${f.recoverySeconds.toFixed(1)} s`}${f.engineBackSeconds !== undefined ? ` (engine answering after ${f.engineBackSeconds.toFixed(1)} s)` : ''}; ok again: ${Object.entries(f.perService).map(([s, t]) => `${s} ${t === null ? '-' : t.toFixed(1)}`).join(', ')}`,
    ),
    `cases accepted:   ${r.accepted} (201; ${r.refused} requests not answered 201, of which ${r.storedWithoutAnswer} were stored all the same)`,
    `not accepted:     ${Object.entries(r.notAccepted).map(([why, n]) => `${why}: ${n}`).join(', ') || 'none'}`,
    `lost:             ${r.lost}${r.lost ? ` (${r.lostNotDispatched} never dispatched, ${r.lost - r.lostNotDispatched} dispatched without a deadline announced; ${r.lostCases.join(', ')})` : ''}`,
    `duplicated:       ${r.duplicated}${r.duplicates.length ? ` (${r.duplicates.join('; ')})` : ''}`,
    `out of order:     ${r.outOfOrder.length}${r.outOfOrder.length ? ` (${r.outOfOrder.join('; ')})` : ''}`,
    `read models:      ${r.readModelMismatches.length ? r.readModelMismatches.join('; ') : 'counts equal to events'}`,
    `longest recovery: ${r.longestRecoverySeconds.toFixed(1)} s`,
    `exits nobody caused: ${r.unexpectedExits.length}${r.unexpectedExits.length ? ` (${r.unexpectedExits.join('; ')})` : ''}`,
  ].join('\n');
}

if (require.main === module) {
  runChaos({
    rate: Number(process.env.CHAOS_RATE ?? 30),
    seconds: Number(process.env.CHAOS_SECONDS ?? 300),
    restartEngines: process.env.CHAOS_ENGINES === 'restart',
    basePort: Number(process.env.CHAOS_BASE_PORT ?? 4101),
    settleMs: Number(process.env.CHAOS_SETTLE_SECONDS ?? 1800) * 1000,
    env: process.env,
  }).then(
    (r) => {
      process.stdout.write(`${formatReport(r)}\n`);
      process.exit(r.lost === 0 && r.duplicated === 0 && r.outOfOrder.length === 0 && r.readModelMismatches.length === 0 ? 0 : 1);
    },
    (err: unknown) => {
      process.stderr.write(`chaos: ${String((err as Error)?.stack ?? err)}\n`);
      process.exit(1);
    },
  );
}
