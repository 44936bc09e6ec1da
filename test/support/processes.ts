import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

export const repoRoot = path.join(__dirname, '..', '..');

/** A child process whose output is kept, so that a test can wait for a line with a bound. */
export interface Watched {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the first match of re in the output (from `from` on), or throws after timeoutMs. */
  waitFor(re: RegExp, timeoutMs: number, from?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited, or throws after timeoutMs. */
  exited(timeoutMs: number): Promise<number | null>;
}

export function watch(child: ChildProcess): Watched {
  let text = '';
  child.stdout?.on('data', (b: Buffer) => (text += b.toString('utf8')));
  child.stderr?.on('data', (b: Buffer) => (text += b.toString('utf8')));
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    async waitFor(re, timeoutMs, from = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = text.slice(from).match(re);
        if (m) return m;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited before ${re} appeared:\n${text.slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`${re} did not appear within ${timeoutMs} ms:\n${text.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async exited(timeoutMs) {
      if (child.exitCode !== null) return child.exitCode;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`process did not exit within ${timeoutMs} ms`)), timeoutMs)));
      try {
        return await Promise.race([ended, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Starts a service's main.ts as its own process, as `npm start` does. */
export function spawnService(service: string, env: NodeJS.ProcessEnv, args: string[] = []): Watched {
  return watch(spawn(process.execPath, ['-r', './scripts/register.js', `apps/${service}/src/main.ts`, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/**
 * The address a service started with PORT=0 listens on, read from its "listening on" line. A port
 * picked beforehand (freePort) can be taken by any outgoing connection of the machine before a
 * slow-starting service binds it; a port the service's own listen picks cannot. The line is
 * logged at level info.
 */
export async function listeningUrl(proc: Watched, timeoutMs: number): Promise<string> {
  return (await proc.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs))[1];
}

/** A TCP port nobody listens on right now (the kernel picks it); another process may take it before it is used. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}
