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
