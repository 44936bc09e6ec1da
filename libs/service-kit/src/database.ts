import { Client, type Pool } from 'pg';
import { DataSource, type EntitySchema, type Logger as OrmLogger } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Logger } from 'pino';
import { EVENT_STORE_MIGRATIONS, MIGRATIONS_TABLE, type MigrationClass } from '@county/event-store';
import type { ServiceConfig } from './config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function | EntitySchema;

export interface DataSourceParts {
  /** The service's own migrations (after the event store's, which every service has). */
  readonly migrations?: readonly MigrationClass[];
  /** The read models the service reads and writes through TypeORM repositories. */
  readonly entities?: readonly EntityClass[];
  readonly logger: Logger;
}

/** Every migration of a service's schema, in order: the event store's, then the service's own. */
export function serviceMigrations(own: readonly MigrationClass[] = []): MigrationClass[] {
  return [...EVENT_STORE_MIGRATIONS, ...own];
}

/** TypeORM's log lines through the service's logger: warnings and errors only, never the queries. */
class PinoOrmLogger implements OrmLogger {
  constructor(private readonly out: Logger) {}
  logQuery(): void {
    // queries are not logged
  }
  logQueryError(error: string | Error, query: string): void {
    this.out.debug({ err: error, query: query.slice(0, 200) }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.out.warn({ ms: time, query: query.slice(0, 200) }, 'slow query');
  }
  logSchemaBuild(message: string): void {
    this.out.debug(message);
  }
  logMigration(message: string): void {
    this.out.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn(String(message));
    else this.out.debug(String(message));
  }
}

/**
 * The service's one TypeORM DataSource on its schema. Its pg pool (the driver's master pool) is
 * the only pool of the process: the event store, the idempotent consumers and the repositories
 * all run on its connections. Migrations are numbered classes run by runMigrations (never
 * `synchronize`).
 */
export function createDataSource(config: ServiceConfig, parts: DataSourceParts): DataSource {
  const log = parts.logger;
  // a connection the server cuts while it is checked out (a transaction, a lock held between
  // batches) must not take the process down: every client gets an error listener of its own; the
  // query in flight fails and its caller retries on a new connection
  class ListenedClient extends Client {
    constructor(options?: ConstructorParameters<typeof Client>[0]) {
      super(options);
      this.on('error', (err) => log.warn({ err }, 'database connection lost'));
    }
  }
  const pg = config.postgres;
  return new DataSource({
    type: 'postgres',
    host: pg.host,
    port: pg.port,
    username: pg.user,
    password: typeof pg.password === 'string' ? pg.password : undefined,
    database: pg.database,
    schema: config.schema,
    poolSize: pg.max,
    applicationName: `county-${config.service}`,
    extra: { Client: ListenedClient },
    // an idle connection that the server drops must not take the process down either
    // the error carries the pool's client (its whole state): log what went wrong, not the client
    poolErrorHandler: (err: unknown) => {
      const e = err as { message?: string; code?: string };
      log.warn({ err: { message: e?.message, code: e?.code } }, 'idle database connection lost');
    },
    entities: [...(parts.entities ?? [])],
    migrations: serviceMigrations(parts.migrations),
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logger: new PinoOrmLogger(log.child({ component: 'typeorm' })),
  });
}

/** The DataSource's own pg pool, on which SQL that is not TypeORM's runs. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}
