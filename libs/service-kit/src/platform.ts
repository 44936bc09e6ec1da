import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import * as crypto from 'node:crypto';
import { Pool } from 'pg';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { SERVICE_NAMES, type ServiceName } from '@county/contracts';
import { EventStore, OutboxRelay, createKafka, createProducer, ensureTopics, migrateEventStore } from '@county/event-store';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { loadConfig, topicFor, type ServiceConfig } from './config';
import { EventTransport } from './event-transport';
import { Metrics, MetricsController } from './metrics';
import { CONSUMER_GROUPS, HealthController, HEALTH_CHECKS, HealthWarnings } from './health';
import { CONFIG, EVENT_STORE, KAFKA, PG_POOL } from './tokens';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** Extra tables of a service (read models, reference tables), created after the event store. */
export type Migration = (pool: Pool) => Promise<void>;
export const MIGRATIONS = Symbol('MIGRATIONS');

@Injectable()
export class Database implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
    @Inject(MIGRATIONS) private readonly migrations: Migration[],
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.migrateOnStart) await this.migrate();
    else await this.checkMigrated();
  }

  /**
   * Applies the event store's and the service's own migrations (idempotent). Replicas starting at
   * once take turns: a session-level advisory lock, held on a connection of its own for the whole
   * run, because two sessions running the same `CREATE TABLE IF NOT EXISTS` at one moment can both
   * pass the check and one then fails on the catalogue's unique index. (The event store's own steps
   * take a lock of another name inside their transaction, so the two never wait on each other.)
   */
  async migrate(): Promise<void> {
    const holder = await this.pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate-service:${this.config.schema}`]);
      try {
        await migrateEventStore(this.pool, this.config.schema);
        for (const m of this.migrations) await m(this.pool);
      } finally {
        await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate-service:${this.config.schema}`]);
      }
    } finally {
      holder.release();
    }
  }

  /** With MIGRATE_ON_START=false: the migration job must have created the schema; say so clearly if not. */
  private async checkMigrated(): Promise<void> {
    const r = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schema_migrations'`,
      [this.config.schema],
    );
    if (r.rows[0].n === 0) {
      throw new Error(
        `schema ${this.config.schema} has not been migrated and MIGRATE_ON_START is false: run the migration job (main.ts --migrate-only) first`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

/** Creates every topic up front and relays this service's committed events to its topic. */
@Injectable()
export class Outbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private producer?: Producer;
  private relay?: OutboxRelay;

  constructor(
    @Inject(CONFIG) private readonly config: ServiceConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(ROOT_LOGGER) private readonly log: Logger,
    private readonly warnings: HealthWarnings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.warnings.register('outbox-relay', () => {
      const s = this.relay?.status();
      return s?.failingSince ? `cannot publish since ${s.failingSince.toISOString()}: ${s.lastError}` : undefined;
    });
    await ensureTopics(this.kafka, SERVICE_NAMES.map((s) => topicFor(this.config, s)));
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    this.relay = new OutboxRelay({
      pool: this.pool,
      store: this.store,
      producer: this.producer,
      topic: topicFor(this.config, this.config.service),
      log: this.log.child({ component: 'outbox-relay' }),
    });
    await this.relay.start();
  }

  /** Publishes whatever is committed and not yet relayed (used by tests and at shutdown). */
  async drain(): Promise<number> {
    return this.relay ? this.relay.drain() : 0;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect().catch(() => undefined);
  }
}

export interface PlatformOptions {
  readonly service: ServiceName;
  readonly migrations?: Migration[];
  /** Extra health checks (e.g. Temporal for case-worker). */
  readonly healthChecks?: DynamicModule['providers'];
  readonly env?: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

/** Config, PostgreSQL, the event store, Kafka (outbox relay and consumers), /health and /metrics. */
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const config = loadConfig(options.service, options.env);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        TerminusModule,
        LoggerModule.forRoot({
          pinoHttp: {
            logger: options.logger,
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
            genReqId: (req) => String(req.headers['x-correlation-id'] ?? req.headers['x-request-id'] ?? crypto.randomUUID()),
            customProps: (req) => ({ correlationId: req.id }),
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: options.logger },
        { provide: MIGRATIONS, useValue: options.migrations ?? [] },
        {
          provide: PG_POOL,
          useFactory: () => {
            const pool = new Pool(config.postgres);
            // an idle connection that the server drops must not take the process down
            pool.on('error', (err) => options.logger.warn({ err }, 'idle database connection lost'));
            // nor one that is checked out (a transaction, a lock held between batches): the pool
            // listens only to idle clients, so every client gets a listener of its own; the query
            // in flight fails and its caller retries on a new connection
            pool.on('connect', (client) => {
              client.on('error', (err) => options.logger.warn({ err }, 'database connection lost'));
            });
            return pool;
          },
        },
        { provide: EVENT_STORE, useFactory: (pool: Pool) => new EventStore(pool, config.schema, config.service), inject: [PG_POOL] },
        { provide: KAFKA, useFactory: () => createKafka(config.kafka) },
        { provide: HEALTH_CHECKS, useValue: [] },
        ...(options.healthChecks ?? []),
        Database,
        Outbox,
        {
          // the Kafka consumers: a custom transport strategy, connected by createService (bootstrap.ts)
          provide: EventTransport,
          useFactory: (pool: Pool, kafka: Kafka, metrics: Metrics, warnings: HealthWarnings) =>
            new EventTransport({ config, kafka, pool, log: options.logger, metrics, warnings }),
          inject: [PG_POOL, KAFKA, Metrics, HealthWarnings],
        },
        Metrics,
        HealthWarnings,
        { provide: CONSUMER_GROUPS, useExisting: EventTransport },
      ],
      exports: [
        CONFIG, ROOT_LOGGER, PG_POOL, EVENT_STORE, KAFKA, Database, Outbox, EventTransport, Metrics, HealthWarnings,
        ...(options.healthChecks ?? []).map((p) => (typeof p === 'function' ? p : (p as { provide: unknown }).provide as never)),
      ],
    };
  }
}
