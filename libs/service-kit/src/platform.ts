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
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { SERVICE_NAMES, type ServiceName } from '@county/contracts';
import { EventStore, OutboxRelay, createKafka, createProducer, ensureTopics, migrationStates, runMigrations, type MigrationClass } from '@county/event-store';
import { LoggerModule } from 'nestjs-pino';
import { loadConfig, topicFor, type ServiceConfig } from './config';
import { EventTransport } from './event-transport';
import { Metrics, MetricsController } from './metrics';
import { CONSUMER_GROUPS, HealthController, HealthMonitor, HEALTH_CHECKS, HealthWarnings } from './health';
import { correlationIdOf } from './errors.filter';
import { CONFIG, EVENT_STORE, KAFKA, PG_POOL } from './tokens';
import { createDataSource, poolOf, type EntityClass } from './database';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Work a service does once its schema is migrated, every time it migrates (e.g. intake's
 * development keys): data, never DDL (schema changes are numbered migrations).
 */
export type AfterMigrate = (pool: Pool) => Promise<void>;
export const AFTER_MIGRATE = Symbol('AFTER_MIGRATE');

@Injectable()
export class Database implements OnModuleInit, OnApplicationShutdown {
  readonly pool: Pool;

  constructor(
    readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ServiceConfig,
    @Inject(AFTER_MIGRATE) private readonly afterMigrate: AfterMigrate[],
    @Inject(ROOT_LOGGER) private readonly log: Logger,
  ) {
    this.pool = poolOf(dataSource);
  }

  async onModuleInit(): Promise<void> {
    if (this.config.migrateOnStart) await this.migrate();
    else await this.checkMigrated();
  }

  /**
   * Applies the pending migrations (the event store's, then the service's own) under an advisory
   * lock on the schema, so that instances starting together take turns; returns their names.
   */
  async migrate(): Promise<string[]> {
    const applied = await runMigrations(this.dataSource);
    if (applied.length) this.log.info({ schema: this.config.schema, applied }, `${this.config.service}: ${applied.length} migration(s) applied`);
    for (const step of this.afterMigrate) await step(this.pool);
    return applied;
  }

  /** With MIGRATE_ON_START=false: the migration job must have applied every migration; say so clearly if not. */
  private async checkMigrated(): Promise<void> {
    const states = await migrationStates(this.dataSource);
    const pending = states.filter((m) => !m.applied).map((m) => m.name);
    if (pending.length === states.length) {
      throw new Error(
        `schema ${this.config.schema} has not been migrated and MIGRATE_ON_START is false: run the migration job (main.ts --migrate-only) first`,
      );
    }
    if (pending.length) {
      throw new Error(
        `schema ${this.config.schema} lacks ${pending.length} migration(s) (${pending.join(', ')}) and MIGRATE_ON_START is false: run the migration job (main.ts --migrate-only) first`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
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
  /** The service's numbered migrations (the event store's come first by themselves). */
  readonly migrations?: readonly MigrationClass[];
  /** Data work after each migration run (never DDL). */
  readonly afterMigrate?: AfterMigrate[];
  /** The read models the service reads and writes through TypeORM repositories. */
  readonly entities?: readonly EntityClass[];
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
        LoggerModule.forRoot({
          pinoHttp: {
            logger: options.logger,
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
            // the same rule as the error bodies': a well-formed X-Correlation-Id (or X-Request-Id), else a fresh one;
            // a malformed header never reaches a log line
            genReqId: (req) => correlationIdOf({ headers: req.headers }),
            customProps: (req) => ({ correlationId: req.id }),
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: options.logger },
        { provide: AFTER_MIGRATE, useValue: options.afterMigrate ?? [] },
        {
          // the one connection pool of the service is the DataSource's
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(config, { migrations: options.migrations, entities: options.entities, logger: options.logger });
            await dataSource.initialize();
            return dataSource;
          },
        },
        { provide: PG_POOL, useFactory: (dataSource: DataSource) => poolOf(dataSource), inject: [DataSource] },
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
        HealthMonitor,
        { provide: CONSUMER_GROUPS, useExisting: EventTransport },
      ],
      exports: [
        CONFIG, ROOT_LOGGER, DataSource, PG_POOL, EVENT_STORE, KAFKA, Database, Outbox, EventTransport, Metrics, HealthWarnings, HealthMonitor,
        ...(options.healthChecks ?? []).map((p) => (typeof p === 'function' ? p : (p as { provide: unknown }).provide as never)),
      ],
    };
  }
}
