// Starts the five services and the console as child processes, waits until each answers /health, prints every
// URL, and stops them all on Ctrl-C (SIGINT/SIGTERM), letting each shut down gracefully.
const { spawn } = require('node:child_process');
const path = require('node:path');
const net = require('node:net');

const root = path.join(__dirname, '..');
const SERVICES = [
  ['intake', 3001],
  ['dispatch', 3002],
  ['handling', 3003],
  ['evaluation', 3004],
  ['case-worker', 3005],
  ['console', 3000, 'apps/console/src/server/main.ts'],
];

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

async function main() {
  for (const [name, port] of SERVICES) {
    if (await portTaken(port)) {
      console.error(`port ${port} (${name}) is taken: is the system already running? Stop it first (or the process on that port).`);
      process.exit(1);
    }
  }
  const children = SERVICES.map(([name, port, entry]) => {
    const child = spawn(process.execPath, ['-r', './scripts/register.js', entry ?? `apps/${name}/src/main.ts`], {
      cwd: root,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${name} exited (${signal ?? code}); stopping the others`);
        stop(1);
      }
    });
    return child;
  });

  let stopping = false;
  function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r))))).then(() => process.exit(code));
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const deadline = Date.now() + 180_000;
  for (const [name, port] of SERVICES) {
    while (!(await healthy(port))) {
      if (stopping) return;
      if (Date.now() > deadline) {
        console.error(`${name} did not become healthy on port ${port} within 180 s`);
        return stop(1);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const lines = [
    '',
    'The system is up:',
    '  console      http://127.0.0.1:3000   (the workbench: sign in as a seeded user)',
    ...SERVICES.filter(([name]) => name !== 'console').map(([name, port]) => `  ${name.padEnd(12)} http://127.0.0.1:${port}   API docs http://127.0.0.1:${port}/docs   health /health   metrics /metrics`),
    '  Temporal UI  http://127.0.0.1:8233   (workflows case-<caseId>)',
    '  Kafka        127.0.0.1:9092          (topics county.<service>.events, see libs/contracts/asyncapi.yaml)',
    '  PostgreSQL   postgres://county:county@127.0.0.1:5432/county',
    '',
    'Ctrl-C stops the services; `npm run infra:down` stops the engines.',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
