import type { Pool, PoolClient } from 'pg';

/** A service's schema name, checked before it is interpolated into SQL. */
export function schemaIdent(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return `"${schema}"`;
}

/**
 * Versioned, forward-only schema changes of one component in one schema. Each step runs once,
 * in order, in a transaction, recorded in <schema>.schema_migrations; several processes may
 * migrate at once (an advisory lock makes them take turns).
 */
export async function migrate(pool: Pool, schema: string, component: string, steps: readonly string[]): Promise<void> {
  const s = schemaIdent(schema);
  await inTransaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      component  text    NOT NULL,
      version    integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version))`);
    const done = await db.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${s}.schema_migrations WHERE component = $1`, [component]);
    for (let v = (done.rows[0].v ?? 0) + 1; v <= steps.length; v++) {
      await db.query(steps[v - 1].replaceAll('{schema}', s));
      await db.query(`INSERT INTO ${s}.schema_migrations (component, version) VALUES ($1, $2)`, [component, v]);
    }
  });
}

/**
 * The event store of one service, in its own schema:
 * - events: append-only; (transaction_id, global_position) is the global order in which
 *   subscribers read, and an event is read only once every transaction below it has ended;
 *   subject is the case id (the Kafka key), which may differ from the stream id;
 * - checkpoints: how far each subscriber (the Kafka relay, each projection) has read;
 * - processed_events: the inbox of the idempotent consumer (one row per consumer and event id).
 */
const EVENT_STORE_STEPS = [
  `CREATE TABLE IF NOT EXISTS {schema}.events (
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
    CREATE INDEX IF NOT EXISTS events_read_order ON {schema}.events (transaction_id, global_position);
    CREATE TABLE IF NOT EXISTS {schema}.checkpoints (
      subscriber      text PRIMARY KEY,
      transaction_id  xid8   NOT NULL,
      global_position bigint NOT NULL,
      updated_at      timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS {schema}.processed_events (
      consumer     text NOT NULL,
      event_id     uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    );`,
  `ALTER TABLE {schema}.events ADD COLUMN IF NOT EXISTS subject text;
    UPDATE {schema}.events SET subject = stream_id WHERE subject IS NULL;
    ALTER TABLE {schema}.events ALTER COLUMN subject SET NOT NULL;`,
];

export async function migrateEventStore(pool: Pool, schema: string): Promise<void> {
  await migrate(pool, schema, 'event-store', EVENT_STORE_STEPS);
}

/** Runs fn in a transaction on a client of its own; rolls back on any error. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
