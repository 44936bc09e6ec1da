import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SearchAttributeType } from '@temporalio/common';
import { timeSkippingServerPath } from '@county/testing';
import { SA } from '../../src/workflows/definitions';

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.DATETIME]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.BOOL]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/**
 * How long the test server may take to start and answer. The SDK's own launcher gives the JVM 5 s, which a
 * loaded machine does not meet; this bound is only reached when the server is really broken.
 */
export const TEST_SERVER_START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_MS = 100;

/**
 * Temporal's time-skipping test server, with the case workflow's search attributes registered.
 *
 * The Java server is started here rather than by the SDK: it is told to bind port 0 (so no port is picked in
 * advance that someone else could take), the port it bound is read from the kernel's socket table, and the
 * environment connects once the server answers, within TEST_SERVER_START_TIMEOUT_MS. `teardown()` stops the
 * server's process.
 */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const server = await startTestServer(timeSkippingServerPath(), TEST_SERVER_START_TIMEOUT_MS);
  let env: TestWorkflowEnvironment;
  try {
    env = await connectTimeSkipping(server.address);
  } catch (err) {
    await server.stop();
    throw err;
  }
  const closeConnections = env.teardown.bind(env);
  env.teardown = async () => {
    try {
      await closeConnections();
    } finally {
      await server.stop();
    }
  };
  try {
    const searchAttributes = Object.fromEntries(Object.values(SA).map((key) => [key.name, INDEXED[key.type]]));
    await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}

/** The SDK's `create` is private in its typings; it is what `createTimeSkipping` calls once its own server runs. */
type CreateEnvironment = (opts: {
  server: { type: 'existing' };
  address: string;
  namespace: string;
  supportsTimeSkipping: boolean;
}) => Promise<TestWorkflowEnvironment>;

async function connectTimeSkipping(address: string): Promise<TestWorkflowEnvironment> {
  const create = (TestWorkflowEnvironment as unknown as { create?: CreateEnvironment }).create?.bind(TestWorkflowEnvironment);
  if (!create) throw new Error('@temporalio/testing no longer has TestWorkflowEnvironment.create: see test/support/time-skipping.ts');
  const env = await create({ server: { type: 'existing' }, address, namespace: 'default', supportsTimeSkipping: true });
  if (!env.supportsTimeSkipping) throw new Error('the test environment does not skip time');
  return env;
}

export interface TestServerProcess {
  readonly pid: number;
  /** host:port the server listens on. */
  readonly address: string;
  /** Stops the server's process and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the Java test server on port 0 and resolves once it answers gRPC on the port it bound.
 * Fails, naming the reason and the server's output, if it exits or does not answer within `timeoutMs`.
 */
export async function startTestServer(executable: string, timeoutMs: number): Promise<TestServerProcess> {
  const deadline = Date.now() + timeoutMs;
  const child = spawn(executable, ['0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // 'close' comes once the process has exited and all it printed has been read.
  let closed = false;
  const gone = new Promise<void>((resolve) =>
    child.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (closed) return;
    let escalate: NodeJS.Timeout | undefined;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      escalate = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    }
    await gone;
    clearTimeout(escalate);
  };
  const fail = async (why: string): Promise<never> => {
    await stop();
    throw new Error(`Temporal's test server (${executable}) ${why}${output.trim() ? `; its output:\n${output.trim()}` : ''}`);
  };

  const pid = child.pid;
  if (pid === undefined) {
    // No process: spawn reports why on its 'error' event, in the next tick.
    process.removeListener('exit', killOnExit);
    const why = await new Promise<Error>((resolve) => (spawnError ? resolve(spawnError) : child.once('error', resolve)));
    throw new Error(`Temporal's test server (${executable}) could not be started: ${why.message}`);
  }
  let port: number | undefined;
  while (port === undefined) {
    if (closed) return fail(`exited (${child.exitCode ?? child.signalCode}) before it listened`);
    if (Date.now() > deadline) return fail(`did not listen within ${timeoutMs} ms`);
    port = listeningPort(pid);
    if (port === undefined) await delay(POLL_MS);
  }
  const address = `127.0.0.1:${port}`;
  try {
    const connection = await Connection.connect({ address, connectTimeout: Math.max(deadline - Date.now(), 1000) });
    await connection.close();
  } catch (err) {
    return fail(`listened on ${address} but did not answer within ${timeoutMs} ms: ${(err as Error).message}`);
  }
  return { pid, address, stop };
}

/**
 * The TCP port a process listens on, read from Linux's /proc: the socket inodes among its open files, matched
 * against the listening sockets of its network namespace. Undefined while it does not listen yet.
 */
export function listeningPort(pid: number): number | undefined {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      fs
        .readdirSync(`/proc/${pid}/fd`)
        .map((fd) => safeReadlink(`/proc/${pid}/fd/${fd}`))
        .flatMap((target) => /^socket:\[(\d+)\]$/.exec(target ?? '')?.slice(1) ?? []),
    );
  } catch {
    return undefined;
  }
  if (inodes.size === 0) return undefined;
  for (const table of ['tcp', 'tcp6']) {
    let rows: string[];
    try {
      rows = fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const row of rows) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const cols = row.trim().split(/\s+/);
      const LISTEN = '0A';
      if (cols.length > 9 && cols[3] === LISTEN && inodes.has(cols[9])) return parseInt(cols[1].split(':')[1], 16);
    }
  }
  return undefined;
}

function safeReadlink(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
