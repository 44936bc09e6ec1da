import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { listeningPort, startTestServer, timeSkippingEnvironment, TEST_SERVER_START_TIMEOUT_MS } from './support/time-skipping';

// The launcher of Temporal's time-skipping test server that the case-worker tests use: it waits for the JVM
// with its own bound, finds the port the server bound, and leaves no process behind.

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function script(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-server-'));
  const file = path.join(dir, 'server');
  fs.writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  return file;
}

it('reads the port a process listens on from the socket table, and nothing before it listens', async () => {
  const server = net.createServer();
  expect(listeningPort(process.pid)).toBeUndefined();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    expect(listeningPort(process.pid)).toBe((server.address() as net.AddressInfo).port);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

it('starts the Java server on a port of its choosing, gives a time-skipping environment, and stops the JVM at teardown', async () => {
  const env = await timeSkippingEnvironment();
  let pid: number | undefined;
  try {
    expect(env.supportsTimeSkipping).toBe(true);
    const before = await env.currentTimeMs();
    await env.sleep(3 * 24 * 3_600_000);
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(3 * 24 * 3_600_000);
    const port = Number(env.address.split(':').pop());
    pid = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map(Number)
      .find((p) => listeningPort(p) === port);
    expect(pid).toBeDefined();
  } finally {
    await env.teardown();
  }
  if (pid === undefined) throw new Error('no process listened on the environment\'s port');
  expect(alive(pid)).toBe(false);
}, TEST_SERVER_START_TIMEOUT_MS + 30_000);

it('fails with what the server printed when it exits before it listens', async () => {
  const exe = script('echo "java.net.BindException: Address already in use" >&2; exit 3');
  await expect(startTestServer(exe, 30_000)).rejects.toThrow(/exited \(3\) before it listened; its output:\njava.net.BindException: Address already in use/);
});

it('stops a server that does not listen within its bound', async () => {
  const pidFile = path.join(os.tmpdir(), `test-server-${process.pid}-${Date.now()}.pid`);
  const exe = script(`echo $$ > ${pidFile}; exec sleep 60`);
  await expect(startTestServer(exe, 1_000)).rejects.toThrow(/did not listen within 1000 ms/);
  expect(alive(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(false);
});

it('says so when the server cannot be started at all', async () => {
  await expect(startTestServer(path.join(os.tmpdir(), 'no-such-test-server'), 1_000)).rejects.toThrow(/could not be started: spawn .*ENOENT/);
});
