import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort, repoRoot } from './processes';

const run = promisify(execFile);

/**
 * A Kafka broker of a test's own (deploy/local's binaries, its data in a temporary folder, free
 * ports), so that the test can kill and restart it while everybody else's tests use the shared one.
 */
export interface PrivateKafka {
  readonly brokers: string[];
  /** kill -9 of the broker: it dies, as a crashed engine does. */
  kill(): Promise<void>;
  /** Starts it again (returns once it answers). */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
}

export async function startPrivateKafka(): Promise<PrivateKafka> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'county-kafka-'));
  for (const dir of ['data', 'logs', 'run']) fs.mkdirSync(path.join(state, dir));
  const [port, controller] = [await freePort(), await freePort()];
  const env = { ...process.env, COUNTY_ENGINES_STATE: state, COUNTY_KAFKA_PORT: String(port), COUNTY_KAFKA_CONTROLLER_PORT: String(controller) };
  const infra = (...args: string[]) => run('bash', [path.join(repoRoot, 'deploy/local/infra.sh'), ...args], { env, timeout: 600_000 });
  const pidFile = path.join(state, 'run', 'kafka.pid');
  // `restart kafka` starts the broker of this state folder alone (nothing of it runs yet)
  const start = async () => {
    await infra('restart', 'kafka');
  };
  await start();
  return {
    brokers: [`127.0.0.1:${port}`],
    async kill() {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the broker (pid ${pid}) did not die`);
    },
    start,
    async remove() {
      await infra('down').catch(() => undefined);
      fs.rmSync(state, { recursive: true, force: true });
    },
  };
}
