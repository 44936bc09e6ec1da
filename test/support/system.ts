import type { INestApplication } from '@nestjs/common';
import { Outbox } from '@county/service-kit';
import { createTestDatabase, serviceEnv, uniqueName, type TestDatabase } from '@county/testing';
import { startIntake } from '../../apps/intake/src/main';
import { startDispatch } from '../../apps/dispatch/src/main';
import { startHandling } from '../../apps/handling/src/main';
import { startEvaluation } from '../../apps/evaluation/src/main';
import { startCaseWorker } from '../../apps/case-worker/src/main';

const STARTERS = {
  intake: startIntake,
  dispatch: startDispatch,
  handling: startHandling,
  evaluation: startEvaluation,
  'case-worker': startCaseWorker,
} as const;

export type ServiceKey = keyof typeof STARTERS;

export interface RunningSystem {
  readonly db: TestDatabase;
  readonly env: NodeJS.ProcessEnv;
  readonly topicPrefix: string;
  readonly taskQueue: string;
  readonly apps: Partial<Record<ServiceKey, INestApplication>>;
  url(service: ServiceKey): string;
  stop(): Promise<void>;
}

/**
 * Starts services in this process against the real engines, isolated from every other test by
 * their own database, topic prefix and task queue, each on a free port.
 */
export async function startSystem(services: ServiceKey[]): Promise<RunningSystem> {
  const db = await createTestDatabase();
  const topicPrefix = `${uniqueName('e2e')}.`;
  const taskQueue = uniqueName('cases');
  const env = serviceEnv({ database: db.name, topicPrefix, taskQueue });
  const apps: Partial<Record<ServiceKey, INestApplication>> = {};
  const ports: Partial<Record<ServiceKey, number>> = {};
  try {
    for (const s of services) {
      const app = await STARTERS[s](env);
      apps[s] = app;
      ports[s] = (app.getHttpServer().address() as { port: number }).port;
    }
  } catch (err) {
    // stop what did start, or the test run hangs on its open consumers and pools
    for (const s of [...services].reverse()) await apps[s]?.close().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw err;
  }
  return {
    db,
    env,
    topicPrefix,
    taskQueue,
    apps,
    url: (s) => `http://127.0.0.1:${ports[s]}`,
    async stop() {
      // each part timed: a stop that comes near its test's hook bound says which part holds it
      const took: string[] = [];
      let current = '';
      const report = setTimeout(() => process.stderr.write(`slow stop of test services (${db.name}): still ${current} after 30 s; done: ${took.join(', ') || 'nothing'}\n`), 30_000);
      report.unref();
      const timed = async (what: string, work: () => Promise<unknown>) => {
        const began = Date.now();
        current = what;
        await work();
        took.push(`${what} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
      };
      try {
        for (const s of [...services].reverse()) await timed(`closing ${s}`, () => apps[s]?.close() ?? Promise.resolve());
        await timed('dropping the database', () => db.drop());
      } finally {
        clearTimeout(report);
      }
    },
  };
}

/** Publishes what a service has committed and not yet relayed (no waiting on the relay's timer). */
export async function drainOutbox(system: RunningSystem, service: ServiceKey): Promise<void> {
  await system.apps[service]!.get(Outbox).drain();
}
