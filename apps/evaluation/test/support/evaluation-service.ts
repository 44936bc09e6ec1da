import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, serviceEnv, uniqueName, type TestDatabase } from '@county/testing';
import { startEvaluation } from '../../src/main';

export interface RunningEvaluation {
  readonly app: INestApplication;
  readonly db: TestDatabase;
  readonly topicPrefix: string;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts evaluation in this process against the real engines, isolated by its own database and topic prefix, on a free port. */
export async function startIsolatedEvaluation(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningEvaluation> {
  const db = await createTestDatabase();
  const topicPrefix = `${uniqueName('eval')}.`;
  const app = await startEvaluation({ ...serviceEnv({ database: db.name, topicPrefix }), ...extraEnv });
  const port = (app.getHttpServer().address() as { port: number }).port;
  return {
    app,
    db,
    topicPrefix,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      await db.drop();
    },
  };
}

/** The value, or a test failure naming what was missing. */
export function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected a ${what}`);
  return value;
}
