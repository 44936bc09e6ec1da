import type { Pool, PoolClient } from 'pg';
import { ConcurrencyError } from './errors';
import { inTransaction, schemaIdent } from './schema';

export type HandledOnce<T> = { readonly duplicate: true } | { readonly duplicate: false; readonly result: T };

/**
 * Runs a handler's effect and records the event id as processed by `consumer` in ONE
 * transaction: a redelivered event finds its id and changes nothing. A version conflict inside
 * the handler rolls everything back and is retried (bounded).
 */
export async function handleOnce<T>(
  pool: Pool,
  schema: string,
  consumer: string,
  eventId: string,
  effect: (db: PoolClient) => Promise<T>,
  maxAttempts = 5,
): Promise<HandledOnce<T>> {
  const t = `${schemaIdent(schema)}.processed_events`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (db) => {
        const seen = await db.query(`INSERT INTO ${t} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [consumer, eventId]);
        if (seen.rowCount === 0) return { duplicate: true } as const;
        return { duplicate: false, result: await effect(db) } as const;
      });
    } catch (err) {
      if (err instanceof ConcurrencyError && attempt < maxAttempts) continue;
      throw err;
    }
  }
}

/**
 * For an effect outside the database that is idempotent itself (a signal the receiver
 * deduplicates by event id): skips an event already recorded as processed, runs the effect with
 * no transaction open, then records the event id. No connection is held and no transaction stays
 * open while the effect waits on the network, so a slow effect never holds back the readers of
 * the global event order (which only read below the oldest running transaction). A crash between
 * the effect and the record runs the effect again on redelivery: that is why it must be idempotent.
 */
export async function handleOnceOutside<T>(pool: Pool, schema: string, consumer: string, eventId: string, effect: () => Promise<T>): Promise<HandledOnce<T>> {
  const t = `${schemaIdent(schema)}.processed_events`;
  const seen = await pool.query(`SELECT 1 FROM ${t} WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
  if (seen.rowCount) return { duplicate: true };
  const result = await effect();
  await pool.query(`INSERT INTO ${t} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [consumer, eventId]);
  return { duplicate: false, result };
}
