import type { Pool, PoolClient } from 'pg';
import { START, type Position } from './event-store';
import { schemaIdent } from './schema';

/** How far a subscriber (the relay, a projection) has read a service's events. */
export class Checkpoints {
  private readonly t: string;

  constructor(schema: string) {
    this.t = `${schemaIdent(schema)}.checkpoints`;
  }

  /** Reads the checkpoint; with forUpdate, locks it for the rest of the caller's transaction. */
  async read(db: Pool | PoolClient, subscriber: string, forUpdate = false): Promise<Position> {
    if (forUpdate) {
      await db.query(`INSERT INTO ${this.t} (subscriber, transaction_id, global_position) VALUES ($1, '0', 0) ON CONFLICT DO NOTHING`, [subscriber]);
    }
    const r = await db.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM ${this.t} WHERE subscriber = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [subscriber],
    );
    const row = r.rows[0];
    return row ? { transactionId: row.transaction_id, globalPosition: row.global_position } : START;
  }

  async store(db: Pool | PoolClient, subscriber: string, position: Position): Promise<void> {
    await db.query(
      `INSERT INTO ${this.t} (subscriber, transaction_id, global_position, updated_at) VALUES ($1, $2::xid8, $3, now())
       ON CONFLICT (subscriber) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
      [subscriber, position.transactionId, position.globalPosition],
    );
  }

  /**
   * Moves a checkpoint back to the start. The row is kept (never deleted), so that a subscriber
   * waiting on its lock reads the start once the reset commits, instead of finding no row,
   * reading from the start without any lock and applying everything a second time.
   */
  async reset(db: Pool | PoolClient, subscriber: string): Promise<void> {
    await db.query(
      `INSERT INTO ${this.t} (subscriber, transaction_id, global_position, updated_at) VALUES ($1, '0', 0, now())
       ON CONFLICT (subscriber) DO UPDATE SET transaction_id = '0', global_position = 0, updated_at = now()`,
      [subscriber],
    );
  }
}

export interface SubscriberLag {
  readonly subscriber: string;
  /** Committed events after the subscriber's checkpoint (counted up to 100,000). */
  readonly pending: number;
  /** Age of the oldest of them (0 when there is none). */
  readonly lagSeconds: number;
}

/**
 * How far behind each subscriber of a schema's events is: the relay (kafka-relay) and every
 * projection with a checkpoint, plus any subscriber named that has none yet. An event that a
 * long transaction elsewhere in the cluster keeps invisible counts as pending, so its age shows
 * how long delivery has been held back.
 */
export async function subscriberLag(db: Pool | PoolClient, schema: string, subscribers: readonly string[] = []): Promise<SubscriberLag[]> {
  const s = schemaIdent(schema);
  const r = await db.query<{ subscriber: string; pending: number; lag: number | null }>(
    `WITH subs AS (
       SELECT subscriber, transaction_id, global_position FROM ${s}.checkpoints
       UNION ALL
       SELECT n, '0'::xid8, 0 FROM unnest($1::text[]) AS n WHERE n NOT IN (SELECT subscriber FROM ${s}.checkpoints)
     )
     SELECT subs.subscriber,
            (SELECT count(*)::int FROM (SELECT 1 FROM ${s}.events e WHERE (e.transaction_id, e.global_position) > (subs.transaction_id, subs.global_position) LIMIT 100000) x) AS pending,
            (SELECT EXTRACT(EPOCH FROM now() - e.recorded_at)::float8 FROM ${s}.events e
              WHERE (e.transaction_id, e.global_position) > (subs.transaction_id, subs.global_position)
              ORDER BY e.transaction_id, e.global_position LIMIT 1) AS lag
       FROM subs ORDER BY subs.subscriber`,
    [subscribers],
  );
  return r.rows.map((x) => ({ subscriber: x.subscriber, pending: x.pending, lagSeconds: Math.max(0, x.lag ?? 0) }));
}

/**
 * Age of the oldest transaction in the whole cluster that holds the read horizon back (its
 * snapshot or id is older than everything committed since): while it runs, no subscriber of any
 * database sees events committed after it started. Sessions of other roles are seen only with
 * pg_read_all_stats.
 */
export async function readHorizonAgeSeconds(db: Pool | PoolClient): Promise<number> {
  const r = await db.query<{ age: number | null }>(
    `SELECT EXTRACT(EPOCH FROM now() - min(xact_start))::float8 AS age FROM pg_stat_activity
      WHERE (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL) AND pid <> pg_backend_pid()`,
  );
  return Math.max(0, r.rows[0].age ?? 0);
}
