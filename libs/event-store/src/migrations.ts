import type { Pool } from 'pg';
import { DataSource, MigrationExecutor, type MigrationInterface, type QueryRunner } from 'typeorm';
import { schemaIdent } from './schema';

/**
 * The rank of a migration's component in the order of one schema: the event store's tables come
 * first, the service's own (read models, reference tables) after them, whichever were added later.
 */
export const MIGRATION_RANK = { 'event-store': 1, service: 2 } as const;

/**
 * One forward-only schema change of one component (the event store, or a service) in one schema,
 * as a TypeORM migration. Its number is `version` (1, 2, 3 ... per component, never reused); the
 * TypeORM name ends with a 13-digit number built from the component's rank and the version, so
 * that TypeORM orders the event store's steps before the service's. The schema is the
 * DataSource's (`schema` option), so one migration serves every schema it is run in.
 *
 * Each step is also recorded in `<schema>.schema_migrations (component, version)`, the record that
 * databases migrated before TypeORM already have.
 *
 * A released migration never changes: change the schema by adding the next version.
 */
export abstract class NumberedMigration implements MigrationInterface {
  /** 'event-store' or the service's name. */
  abstract readonly component: string;
  abstract readonly version: number;
  /** What the step does, in a word or two ('tables', 'subject-column'). */
  abstract readonly title: string;
  /** Runs the step's SQL; `schema` is the quoted schema name to write before every table. */
  protected abstract change(db: QueryRunner, schema: string): Promise<void>;

  get name(): string {
    const rank = this.component === 'event-store' ? MIGRATION_RANK['event-store'] : MIGRATION_RANK.service;
    return `${this.component}-${String(this.version).padStart(4, '0')}-${this.title}-${rank * 1e12 + this.version}`;
  }

  async up(db: QueryRunner): Promise<void> {
    const schema = schemaIdent(schemaOf(db.connection));
    await this.change(db, schema);
    await db.query(`INSERT INTO ${schema}.schema_migrations (component, version) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [this.component, this.version]);
  }

  async down(): Promise<void> {
    throw new Error(`${this.name}: migrations are forward-only; add a new one instead`);
  }
}

/** A class of a migration, as TypeORM's `migrations` option takes them. */
export type MigrationClass = new () => NumberedMigration;

function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('the DataSource has no schema option: each service migrates its own schema');
  return schema;
}

/**
 * The event store of one service, in its own schema:
 * - events: append-only; (transaction_id, global_position) is the global order in which
 *   subscribers read, and an event is read only once every transaction below it has ended;
 *   subject is the case id (the Kafka key), which may differ from the stream id;
 * - checkpoints: how far each subscriber (the Kafka relay, each projection) has read;
 * - processed_events: the inbox of the idempotent consumer (one row per consumer and event id);
 * - schema_migrations: the components' steps applied in this schema.
 * IF NOT EXISTS throughout: a schema created before these were TypeORM migrations is taken as it is.
 */
export class EventStoreTables extends NumberedMigration {
  readonly component = 'event-store';
  readonly version = 1;
  readonly title = 'tables';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        component  text    NOT NULL,
        version    integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version));
      CREATE TABLE IF NOT EXISTS ${s}.events (
        global_position bigserial PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version > 0),
        event_id        uuid        NOT NULL UNIQUE,
        event_type      text        NOT NULL,
        source          text        NOT NULL,
        event_time      timestamptz NOT NULL,
        correlation_id  text        NOT NULL,
        causation_id    text        NOT NULL,
        data            jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_version)
      );
      CREATE INDEX IF NOT EXISTS events_read_order ON ${s}.events (transaction_id, global_position);
      CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
        subscriber      text PRIMARY KEY,
        transaction_id  xid8   NOT NULL,
        global_position bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${s}.processed_events (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );`);
  }
}

/** The case id (Kafka key) of each event, apart from its stream; older events take their stream's id. */
export class EventStoreSubjectColumn extends NumberedMigration {
  readonly component = 'event-store';
  readonly version = 2;
  readonly title = 'subject-column';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`
      ALTER TABLE ${s}.events ADD COLUMN IF NOT EXISTS subject text;
      UPDATE ${s}.events SET subject = stream_id WHERE subject IS NULL;
      ALTER TABLE ${s}.events ALTER COLUMN subject SET NOT NULL;`);
  }
}

/** The event store's migrations, first in every service's schema. */
export const EVENT_STORE_MIGRATIONS: readonly MigrationClass[] = [EventStoreTables, EventStoreSubjectColumn];

/** The TypeORM table recording which migrations ran in a schema (`<schema>.migrations`). */
export const MIGRATIONS_TABLE = 'migrations';

const lockKey = (schema: string) => `migrate:${schema}`;

/**
 * Applies the DataSource's pending migrations to its schema, in one transaction, under a
 * session-level PostgreSQL advisory lock on the schema (TypeORM takes none itself): instances that
 * start together take turns, and the later ones find nothing pending. Returns the names applied.
 * The lock key is the one the pre-TypeORM migrations took, so old and new instances of a rolling
 * upgrade take turns too. The schema itself is created here, before TypeORM's own table in it.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  const db = dataSource.createQueryRunner();
  await db.connect();
  try {
    await db.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey(schema)]);
    try {
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${schemaIdent(schema)}`);
      const executor = new MigrationExecutor(dataSource, db);
      executor.transaction = 'all';
      return (await executor.executePendingMigrations()).map((m) => m.name);
    } finally {
      await db.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey(schema)]).catch(() => undefined);
    }
  } finally {
    await db.release();
  }
}

export interface MigrationState {
  readonly name: string;
  readonly applied: boolean;
}

/**
 * Every migration of the DataSource, in order, and whether it has been applied to its schema.
 * Reads only: a schema that does not exist yet has every migration pending.
 */
export async function migrationStates(dataSource: DataSource): Promise<MigrationState[]> {
  const schema = schemaOf(dataSource);
  const names = [...dataSource.migrations]
    .map((m) => (m as NumberedMigration).name)
    .sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13)));
  const exists = await dataSource.query<Array<{ t: string | null }>>(`SELECT to_regclass($1) AS t`, [`${schemaIdent(schema)}.${MIGRATIONS_TABLE}`]);
  const done = new Set<string>();
  if (exists[0]?.t) {
    const rows = await dataSource.query<Array<{ name: string }>>(`SELECT name FROM ${schemaIdent(schema)}.${MIGRATIONS_TABLE}`);
    for (const r of rows) done.add(r.name);
  }
  return names.map((name) => ({ name, applied: done.has(name) }));
}

/** The names of the migrations not yet applied to the DataSource's schema. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  return (await migrationStates(dataSource)).filter((m) => !m.applied).map((m) => m.name);
}

/**
 * A short-lived DataSource of its own on the database of `pool` (scripts and tests that work on a
 * pool without a service around it); services use their one DataSource instead.
 */
export function dataSourceLike(pool: Pool, schema: string, migrations: readonly MigrationClass[]): DataSource {
  const o = pool.options;
  return new DataSource({
    type: 'postgres',
    host: o.host,
    port: o.port,
    username: o.user,
    password: typeof o.password === 'string' ? o.password : undefined,
    database: o.database,
    schema,
    poolSize: 2,
    migrations: [...migrations],
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    poolErrorHandler: () => undefined,
  });
}

/** Applies the event store's migrations to `schema` of the pool's database (tests and tools without a service). */
export async function migrateEventStore(pool: Pool, schema: string): Promise<void> {
  const dataSource = dataSourceLike(pool, schema, EVENT_STORE_MIGRATIONS);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
