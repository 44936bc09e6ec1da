// Starts every service and the console as child processes, waits until each answers /health,
// prints every URL, and supervises them: a service that exits while the system is up is restarted with a growing
// back-off (1 s, 2 s, 4 s ... at most 30 s; reset once it has run for a minute), and the log says
// so; the others keep running. Ctrl-C (SIGINT/SIGTERM) stops them all, each shutting down
// gracefully.
//
//   node scripts/run-services.js [--instances N] [--port-base B] [--services a,b]
//
// --instances N (or COUNTY_INSTANCES): N processes of every service. They share the service's
//   database schema, consumer groups and Temporal task queue; one relay per schema leads.
// Ports: instance i (0, 1, ...) of a service listens on B + (its offset) + 100 * i, where the
//   offsets are intake 1, dispatch 2, handling 3, evaluation 4, case-worker 5 and B is 3000
//   (--port-base or COUNTY_PORT_BASE). So two instances take 3001-3005 and 3101-3105.
// --services (or COUNTY_SERVICES): a comma-separated subset to start; the console (one process on
//   the base port, 3000, in front of the first instance of each service) starts unless a subset
//   leaves it out.
// COUNTY_PIPELINE_NICE (10): the pipeline's services run at this nice value, intake and the console
//   at 0, so that the front door is answered first when they share the machine (scripts/priority.js).
const { spawn } = require('node:child_process');
const path = require('node:path');
const net = require('node:net');
const { atPriority, niceOf } = require('./priority');

const root = path.join(__dirname, '..');
/** Each service and its port offset from the base (DESIGN.md section 6: 3001-3005). */
const SERVICES = [
  ['intake', 1],
  ['dispatch', 2],
  ['handling', 3],
  ['evaluation', 4],
  ['case-worker', 5],
];
/** The console (apps/console): one process on the base port whatever the instances. */
const CONSOLE = { service: 'console', offset: 0, entry: 'apps/console/src/server/main.ts' };
const INSTANCE_PORT_STEP = 100;
const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const STEADY_AFTER_MS = 60_000;

function parseArgs(argv, env) {
  const opts = {
    instances: Number(env.COUNTY_INSTANCES ?? 1),
    portBase: Number(env.COUNTY_PORT_BASE ?? 3000),
    services: env.COUNTY_SERVICES ? env.COUNTY_SERVICES.split(',') : [...SERVICES.map(([n]) => n), CONSOLE.service],
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--instances') opts.instances = Number(value());
    else if (flag === '--port-base') opts.portBase = Number(value());
    else if (flag === '--services') opts.services = value().split(',');
    else throw new Error(`unknown option ${argv[i]} (known: --instances N, --port-base B, --services a,b)`);
  }
  if (!Number.isInteger(opts.instances) || opts.instances < 1 || opts.instances > 9) throw new Error('--instances must be a whole number from 1 to 9');
  if (!Number.isInteger(opts.portBase) || opts.portBase < 1 || opts.portBase + 5 + INSTANCE_PORT_STEP * (opts.instances - 1) > 65535) throw new Error('--port-base must leave room for every port');
  const known = new Set([...SERVICES.map(([n]) => n), CONSOLE.service]);
  const unknown = opts.services.filter((s) => !known.has(s));
  if (unknown.length) throw new Error(`unknown service(s) ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return opts;
}

/** Every service process to run: one per service and instance, with its name and port (the console apart: consoleProcess). */
function plan(opts) {
  const procs = [];
  for (let i = 0; i < opts.instances; i++) {
    for (const [name, offset] of SERVICES) {
      if (!opts.services.includes(name)) continue;
      procs.push({ service: name, instance: i, label: opts.instances > 1 ? `${name}#${i + 1}` : name, port: opts.portBase + offset + INSTANCE_PORT_STEP * i });
    }
  }
  return procs;
}

/** The console's process, when it is to run: on the base port, proxying to instance 0 of each service. */
function consoleProcess(opts) {
  if (!opts.services.includes(CONSOLE.service)) return undefined;
  const env = { PORT: String(opts.portBase + CONSOLE.offset) };
  for (const [name, offset] of SERVICES) env[`CONSOLE_${name.toUpperCase().replace('-', '_')}_URL`] = `http://127.0.0.1:${opts.portBase + offset}`;
  return { service: CONSOLE.service, instance: 0, label: CONSOLE.service, port: opts.portBase + CONSOLE.offset, entry: CONSOLE.entry, env };
}

function portTaken(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

async function healthy(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return res.status === 200;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (line) => console.log(`[run-services] ${line}`);

async function main() {
  const opts = parseArgs(process.argv.slice(2), process.env);
  const ui = consoleProcess(opts);
  const procs = [...plan(opts), ...(ui ? [ui] : [])];
  for (const p of procs) niceOf(p.service); // a bad COUNTY_PIPELINE_NICE stops it here, before anything starts
  for (const p of procs) {
    if (await portTaken(p.port)) {
      console.error(`port ${p.port} (${p.label}) is taken: is the system already running? Stop it first (or the process on that port), or choose --port-base.`);
      process.exit(1);
    }
  }

  let stopping = false;
  const timers = new Set();

  function launch(p) {
    const { command, args } = atPriority(p.service, process.execPath, ['-r', './scripts/register.js', p.entry ?? `apps/${p.service}/src/main.ts`]);
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, PORT: String(p.port), ...p.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    p.child = child;
    p.startedAt = Date.now();
    const nice = niceOf(p.service);
    say(`${p.label} started (pid ${child.pid}, port ${p.port}${nice ? `, nice ${nice}` : ''})`);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      // one that ran steadily for a while starts again quickly; one that keeps failing waits longer each time
      if (Date.now() - p.startedAt > STEADY_AFTER_MS) p.backoff = undefined;
      const delay = p.backoff ?? BACKOFF_START_MS;
      p.backoff = Math.min(delay * 2, BACKOFF_MAX_MS);
      p.restarts = (p.restarts ?? 0) + 1;
      say(`${p.label} exited (${signal ?? `code ${code}`}); restarting it in ${delay / 1000} s (restart ${p.restarts}); the others keep running`);
      const t = setTimeout(() => {
        timers.delete(t);
        if (!stopping) launch(p);
      }, delay);
      timers.add(t);
    });
  }

  function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    for (const t of timers) clearTimeout(t);
    const running = procs.filter((p) => p.child && p.child.exitCode === null && p.child.signalCode === null);
    for (const p of running) p.child.kill('SIGTERM');
    Promise.all(running.map((p) => new Promise((r) => (p.child.exitCode !== null || p.child.signalCode !== null ? r() : p.child.on('exit', r))))).then(() => process.exit(code));
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  for (const p of procs) launch(p);

  const deadline = Date.now() + 180_000 * Math.max(1, opts.instances / 2);
  for (const p of procs) {
    while (!(await healthy(p.port))) {
      if (stopping) return;
      if (Date.now() > deadline) {
        console.error(`${p.label} did not become healthy on port ${p.port} in time`);
        return stop(1);
      }
      await sleep(250);
    }
  }
  const lines = [
    '',
    `The system is up (${opts.instances} instance${opts.instances > 1 ? 's' : ''} of each service):`,
    ...(ui ? [`  ${ui.label.padEnd(14)} http://127.0.0.1:${ui.port}   (the workbench: sign in as a seeded user)`] : []),
    ...procs.filter((p) => p !== ui).map((p) => `  ${p.label.padEnd(14)} http://127.0.0.1:${p.port}   API docs http://127.0.0.1:${p.port}/docs   health /health   metrics /metrics`),
    '  Temporal UI    http://127.0.0.1:8233   (workflows case-<caseId>)',
    '  Kafka          127.0.0.1:9092          (topics county.<service>.events, see libs/contracts/asyncapi.yaml)',
    '  PostgreSQL     postgres://county:county@127.0.0.1:5432/county',
    '',
    'A service that exits is restarted with back-off. Ctrl-C stops the services; `npm run infra:down` stops the engines.',
    '',
  ];
  console.log(lines.join('\n'));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}

module.exports = { parseArgs, plan, consoleProcess, SERVICES, CONSOLE, INSTANCE_PORT_STEP };
