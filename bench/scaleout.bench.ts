/**
 * One instance against two of every service (npm run bench:scaleout).
 *
 * Runs bench:e2e (bench/e2e.bench.ts) once with BENCH_INSTANCES=1 and once with 2, each in a
 * process of its own with its own database, topics and task queue, and prints their steps side by
 * side; then runs the kill -9 scenario of test/e2e/scale-out.e2e-spec.ts (two instances of every
 * service, one of each killed under load) and prints the takeover times it measured: relay
 * leader, consumer groups, and the worker finishing the cases that were on their way.
 *
 * Settings: BENCH_SCALEOUT_INSTANCES (1,2); every BENCH_* setting of bench:e2e goes through to it
 * (BENCH_RATES, BENCH_STEP_SECONDS, BENCH_STORM_RATE, ...); BENCH_SCALEOUT_KILL=0 skips the kill
 * scenario. Each child is bounded (BENCH_MAX_SECONDS of bench:e2e, 15 minutes for the kill run).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
const COUNTS = (process.env.BENCH_SCALEOUT_INSTANCES ?? '1,2').split(',').filter(Boolean).map(Number);
const KILL = process.env.BENCH_SCALEOUT_KILL !== '0';

interface Step {
  name: string;
  seconds: number;
  acceptedRate: number;
  completionRate: number;
  postP50: number;
  postP99: number;
  dispatchedP50: number;
  dispatchedP99: number;
  handlingP50: number;
  handlingP99: number;
  serverErrors: number;
  timeouts: number;
  limited: number;
  backlogLeft: number;
  drainSeconds: number | null;
  cpuSeconds: Record<string, number>;
  machineBusy: number;
}
interface E2eReport {
  instances?: number;
  baselines: { trivialWorkflowStartsPerSecond: number; bareHttp: { rate: number; p99: number }; plainInsert: { rate: number } };
  steps: Step[];
  serviceRssMb: Record<string, number>;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, boundMs: number): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString('utf8');
      process.stderr.write(b);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), boundMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

/** The JSON report bench:e2e prints last. */
function lastJson(stdout: string): E2eReport {
  const at = stdout.lastIndexOf('\n{\n');
  if (at < 0) throw new Error('bench:e2e printed no JSON report');
  return JSON.parse(stdout.slice(at + 1)) as E2eReport;
}

const ms = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const reports: { n: number; report: E2eReport }[] = [];
  const maxSeconds = Number(process.env.BENCH_MAX_SECONDS ?? 3600);
  for (const n of COUNTS) {
    log(`bench:e2e with ${n} instance(s) of every service`);
    const r = await run(process.execPath, ['-r', './scripts/register.js', 'bench/e2e.bench.ts'], { ...process.env, BENCH_INSTANCES: String(n) }, (maxSeconds + 300) * 1000);
    if (r.code !== 0) throw new Error(`bench:e2e with ${n} instance(s) failed (exit ${r.code})`);
    reports.push({ n, report: lastJson(r.stdout) });
  }

  let takeover: Record<string, unknown> | undefined;
  if (KILL) {
    log('the kill -9 scenario: two instances of every service, one of each killed under load');
    const out = path.join(root, '.cache', 'scale-out.json');
    fs.rmSync(out, { force: true });
    const r = await run(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--maxWorkers=1', '--selectProjects', 'integration', '--testPathPatterns', 'test/e2e/scale-out'], process.env, 15 * 60_000);
    if (r.code === 0 && fs.existsSync(out)) takeover = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    else log(`the kill scenario failed (exit ${r.code}); no takeover figures`);
  }

  const names = reports[0]?.report.steps.map((s) => s.name) ?? [];
  const lines = ['', '## bench:scaleout: instances of every service, side by side (same machine, one after the other)', ''];
  lines.push(
    `baselines of each run (trivial workflow starts/s; bare HTTP/s; plain INSERT/s): ${reports
      .map(({ n, report: { baselines: b } }) => `${n} instance(s): ${b.trivialWorkflowStartsPerSecond} / ${Math.round(b.bareHttp.rate)} / ${Math.round(b.plainInsert.rate)}`)
      .join('; ')}`,
    '',
    `| step | ${reports.map(({ n }) => `${n}×: accepted / completed per s`).join(' | ')} | ${reports.map(({ n }) => `${n}×: dispatched p50 / p99`).join(' | ')} | ${reports.map(({ n }) => `${n}×: handling deadline p50 / p99`).join(' | ')} | ${reports.map(({ n }) => `${n}×: 5xx / time-outs / left / drain`).join(' | ')} | ${reports.map(({ n }) => `${n}×: CPU s (all services) / machine busy`).join(' | ')} |`,
    `| --- |${' --- |'.repeat(reports.length * 5)}`,
  );
  for (const name of names) {
    const steps = reports.map(({ report }) => report.steps.find((s) => s.name === name));
    const cell = (f: (s: Step) => string) => steps.map((s) => (s ? f(s) : '-')).join(' | ');
    lines.push(
      `| ${name} | ${cell((s) => `${s.acceptedRate.toFixed(1)} / ${s.completionRate.toFixed(1)}`)} | ${cell((s) => `${ms(s.dispatchedP50)} / ${ms(s.dispatchedP99)}`)} | ${cell((s) => `${ms(s.handlingP50)} / ${ms(s.handlingP99)}`)} | ` +
        `${cell((s) => `${s.serverErrors} / ${s.timeouts} / ${s.backlogLeft} / ${s.drainSeconds === null ? 'not drained' : `${s.drainSeconds.toFixed(1)} s`}`)} | ${cell((s) => `${sum(s.cpuSeconds).toFixed(1)} / ${Math.round(s.machineBusy * 100)} %`)} |`,
    );
  }
  lines.push('', `memory (RSS MB, all instances): ${reports.map(({ n, report }) => `${n}×: ${JSON.stringify(report.serviceRssMb)}`).join('; ')}`);
  if (takeover) {
    lines.push(
      '',
      '### takeover after kill -9 of one instance of each service (2 instances, under load)',
      '',
      `| relay leader (ms) | ${Object.entries(takeover.relayLeaderTakeoverMs as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
      '| --- | --- |',
      `| consumer group rebalanced (ms) | ${Object.entries(takeover.consumerGroupTakeoverMs as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
      `| worker: cases on their way at the kill, all at their deadlines after (ms) | ${takeover.casesOnTheirWayAtKill} cases, ${takeover.inFlightCasesDoneAfterKillMs} |`,
      `| cases accepted / lost / effects doubled | ${takeover.casesAccepted} / ${takeover.casesLost} / ${takeover.effectsDoubled} |`,
    );
  }
  lines.push('');
  process.stdout.write(lines.join('\n'));
  console.log(JSON.stringify({ runs: reports.map(({ n, report }) => ({ instances: n, ...report })), takeover }, null, 2));
}

function log(message: string): void {
  console.error(`[bench:scaleout] ${new Date().toISOString().slice(11, 19)} ${message}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
