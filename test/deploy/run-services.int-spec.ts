// `npm start` supervises its services: one killed with kill -9 is restarted (with back-off, and the
// log says so); the supervisor itself stops them all on SIGTERM.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createTestDatabase, serviceEnv, uniqueName, type TestDatabase } from '@county/testing';
import { freePort, healthy, repoRoot, watch, type Watched } from '../support/processes';

let db: TestDatabase;
let supervisor: Watched | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  if (supervisor && supervisor.child.exitCode === null) {
    supervisor.child.kill('SIGTERM');
    await supervisor.exited(30_000).catch(() => supervisor?.child.kill('SIGKILL'));
  }
  await db?.drop();
});

it('restarts a service that was killed, with back-off and a log line, and stops everything on SIGTERM', async () => {
  // a base whose intake port (base + 1) is free
  const base = (await freePort()) - 1;
  const env = { ...serviceEnv({ database: db.name, topicPrefix: `${uniqueName('sup')}.` }), COUNTY_SERVICES: 'intake' };
  supervisor = watch(spawn(process.execPath, ['scripts/run-services.js', '--port-base', String(base)], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const url = `http://127.0.0.1:${base + 1}`;

  const first = await supervisor.waitFor(/intake started \(pid (\d+), port (\d+)\)/, 10_000);
  expect(Number(first[2])).toBe(base + 1);
  await supervisor.waitFor(/The system is up \(1 instance of each service\)/, 120_000);
  expect(await healthy(url)).toBe(true);

  const mark = supervisor.output().length;
  process.kill(Number(first[1]), 'SIGKILL');
  await supervisor.waitFor(/intake exited \(SIGKILL\); restarting it in 1 s \(restart 1\); the others keep running/, 10_000, mark);
  const second = await supervisor.waitFor(/intake started \(pid (\d+), port (\d+)\)/, 10_000, mark);
  expect(second[1]).not.toBe(first[1]);
  const deadline = Date.now() + 90_000;
  while (!(await healthy(url))) {
    if (Date.now() > deadline) throw new Error(`the restarted intake did not answer /health:\n${supervisor.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(supervisor.child.exitCode).toBeNull();

  supervisor.child.kill('SIGTERM');
  expect(await supervisor.exited(30_000)).toBe(0);
  expect(() => process.kill(Number(second[1]), 0)).toThrow(); // the service went with it
}, 240_000);

/** The nice value of every thread of a process (Linux: /proc/<pid>/task/<tid>/stat, field 19). */
function threadNices(pid: number): number[] {
  return fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

it('runs the pipeline behind intake at a lower priority, every thread of it, so that intake is answered first on a shared machine', async () => {
  const base = (await freePort()) - 1;
  const env = { ...serviceEnv({ database: db.name, topicPrefix: `${uniqueName('nice')}.` }), COUNTY_SERVICES: 'intake,dispatch' };
  supervisor = watch(spawn(process.execPath, ['scripts/run-services.js', '--port-base', String(base)], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const intake = await supervisor.waitFor(/intake started \(pid (\d+), port \d+\)\n/, 10_000);
  const dispatch = await supervisor.waitFor(/dispatch started \(pid (\d+), port \d+, nice 10\)/, 10_000);
  await supervisor.waitFor(/The system is up \(1 instance of each service\)/, 180_000);
  // the pid the supervisor names is the service's own (nice(1) runs node in its place), and it answers
  expect(await healthy(`http://127.0.0.1:${base + 2}`)).toBe(true);
  expect(fs.readFileSync(`/proc/${dispatch[1]}/cmdline`, 'utf8')).toContain('apps/dispatch/src/main.ts');
  // nice(1) adds to the priority it was started at: this test's own (0 unless the run itself is niced)
  const ours = os.getPriority();
  expect(new Set(threadNices(Number(dispatch[1])))).toEqual(new Set([Math.min(19, ours + 10)]));
  expect(new Set(threadNices(Number(intake[1])))).toEqual(new Set([ours]));

  supervisor.child.kill('SIGTERM');
  expect(await supervisor.exited(30_000)).toBe(0);
  expect(() => process.kill(Number(dispatch[1]), 0)).toThrow();
}, 240_000);
