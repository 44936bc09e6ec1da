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

  async reset(db: Pool | PoolClient, subscriber: string): Promise<void> {
    await db.query(`DELETE FROM ${this.t} WHERE subscriber = $1`, [subscriber]);
  }
}
