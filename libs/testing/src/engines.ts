import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the engines of an integration test run. Filled by the jest global setup (local engines
 * from deploy/local, or testcontainers where a Docker engine is reachable) through env vars,
 * so that every test file reads the same addresses.
 */
export interface Engines {
  readonly mode: 'local' | 'containers';
  readonly postgres: { host: string; port: number; user: string; password: string; database: string };
  readonly kafkaBrokers: string[];
  readonly temporalAddress: string;
}

export function engines(): Engines {
  const env = process.env;
  return {
    mode: env.COUNTY_TEST_ENGINES_MODE === 'containers' ? 'containers' : 'local',
    postgres: {
      host: env.PGHOST ?? '127.0.0.1',
      port: Number(env.PGPORT ?? 5432),
      user: env.PGUSER ?? 'county',
      password: env.PGPASSWORD ?? 'county',
      database: env.PGDATABASE ?? 'county',
    },
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  };
}

/**
 * The environment a service started by a test runs with: the test engines, its own database,
 * topic prefix and task queue, a free port on 127.0.0.1, quiet logs.
 */
export function serviceEnv(isolation: { database: string; topicPrefix: string; taskQueue?: string }): NodeJS.ProcessEnv {
  const e = engines();
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    PGHOST: e.postgres.host,
    PGPORT: String(e.postgres.port),
    PGUSER: e.postgres.user,
    PGPASSWORD: e.postgres.password,
    PGDATABASE: isolation.database,
    KAFKA_BROKERS: e.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: isolation.topicPrefix,
    TEMPORAL_ADDRESS: e.temporalAddress,
    ...(isolation.taskQueue !== undefined && { TEMPORAL_TASK_QUEUE: isolation.taskQueue }),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // no load shedding: a service in a test shares its process with the test's own work (module
    // loading, compiling), whose pauses are not the service's; load-shedding.int-spec and the
    // benchmarks turn it on
    INTAKE_SHED_LAG_MS: '0',
  };
}

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The folder where deploy/local keeps engines, builds and data. */
export function enginesHome(): string {
  return execFileSync('bash', [path.join(repoRoot, 'deploy/local/infra.sh'), 'home'], { encoding: 'utf8' }).trim();
}

/** Temporal's Java time-skipping test server, installed by deploy/local (infra.sh install). */
export function timeSkippingServerPath(): string {
  const exe = process.env.TEMPORAL_TEST_SERVER ?? path.join(enginesHome(), 'bin', 'temporal-test-server');
  if (!fs.existsSync(exe)) throw new Error(`Temporal's test server is not installed at ${exe}: run npm run infra:up`);
  return exe;
}
