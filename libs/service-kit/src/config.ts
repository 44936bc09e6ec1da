import type { ClientConfig } from 'pg';
import { TOPICS, type ServiceName } from '@county/contracts';

/** Default HTTP ports (the README's table of what runs where). */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  intake: 3001,
  dispatch: 3002,
  handling: 3003,
  evaluation: 3004,
  'case-worker': 3005,
};

export interface ServiceConfig {
  readonly service: ServiceName;
  /** PostgreSQL schema owned by this service. */
  readonly schema: string;
  readonly port: number;
  readonly postgres: ClientConfig & { max: number };
  readonly kafka: { readonly brokers: string[]; readonly clientId: string; readonly topicPrefix: string };
  readonly temporal: { readonly address: string; readonly namespace: string; readonly taskQueue: string };
  readonly logLevel: string;
  /** Secret of the keyed hash that turns a resident's phone into a pseudonymous id. */
  readonly residentIdKey: string;
  /**
   * Whether the service applies its schema migrations when it starts (MIGRATE_ON_START, default
   * true). Off where a migration job has run them (`main.ts --migrate-only`), so that replicas
   * starting together do not race; the service then only checks that its schema is there.
   */
  readonly migrateOnStart: boolean;
}

/** Every environment variable a service reads (docker-compose.yml sets only these). */
export const CONFIG_ENV_VARS = [
  'PORT', 'HOST', 'PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PG_POOL_SIZE',
  'KAFKA_BROKERS', 'KAFKA_TOPIC_PREFIX', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE',
  'LOG_LEVEL', 'RESIDENT_ID_KEY', 'NODE_ENV', 'MIGRATE_ON_START',
  // bearer tokens of people (libs/auth; read by dispatch, handling and evaluation, which must share the secret)
  'AUTH_TOKEN_SECRET', 'AUTH_TOKEN_TTL_SECONDS',
  // read by one service each (see that app's README)
  'INTAKE_SEED_DEV_KEYS', 'INTAKE_REPEAT_DISTANCE_METERS', 'INTAKE_KEY_RATE_PER_MINUTE', 'INTAKE_KEY_BURST', 'INTAKE_MAX_IN_FLIGHT', 'INTAKE_SHED_LAG_MS', 'INTAKE_CONNECTION_WAIT_MS', 'INTAKE_JURISDICTION_ID',
  'HANDLING_DUE_SOON_HOURS', 'HANDLING_DEV_TOKENS',
  'CASE_WORKER_TUNING', 'CASE_WORKFLOW_START_DELAY_MS', 'TEMPORAL_WORKER_METRICS_ADDRESS',
  'EVALUATION_CALLBACK_TOKEN', 'EVALUATION_MAX_VISIT_ATTEMPTS', 'EVALUATION_THREE_RATE_WEIGHTS', 'EVALUATION_SPIKE_RULE', 'EVALUATION_LIST_SIZE',
  'EVALUATION_LIST_RULE', 'EVALUATION_WHAT_IF_MAX_EVENTS', 'EVALUATION_WHAT_IF_TIMEOUT_MS',
] as const;

/**
 * Configuration from the environment; every variable has a default that fits deploy/local.
 * docker-compose.yml sets the same variables.
 */
export function loadConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return {
    service,
    schema: service.replace('-', '_'),
    port: Number(env.PORT ?? DEFAULT_PORTS[service]),
    postgres: {
      host: env.PGHOST ?? '127.0.0.1',
      port: Number(env.PGPORT ?? 5432),
      user: env.PGUSER ?? 'county',
      password: env.PGPASSWORD ?? 'county',
      database: env.PGDATABASE ?? 'county',
      max: Number(env.PG_POOL_SIZE ?? 20),
    },
    kafka: {
      brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
      clientId: `county-${service}`,
      topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    },
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'case-workflows',
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    residentIdKey: env.RESIDENT_ID_KEY ?? 'local-development-key-change-me',
    migrateOnStart: !/^(false|0|no)$/i.test(env.MIGRATE_ON_START ?? 'true'),
  };
}

/** The topic a service publishes to, with the optional prefix (tests isolate themselves with one). */
export function topicFor(config: Pick<ServiceConfig, 'kafka'>, producer: ServiceName): string {
  return `${config.kafka.topicPrefix}${TOPICS[producer]}`;
}

/** The consumer group of a service's consumer, with the same prefix. */
export function groupFor(config: Pick<ServiceConfig, 'kafka' | 'service'>, purpose: string): string {
  return `${config.kafka.topicPrefix}${config.service}.${purpose}`;
}
