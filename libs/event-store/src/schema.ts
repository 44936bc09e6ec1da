import type { Pool, PoolClient } from 'pg';

// the schema's tables are made by numbered migrations: migrations.ts

/** A service's schema name, checked before it is interpolated into SQL. */
export function schemaIdent(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return `"${schema}"`;
}

/** The pool had no connection to give within the bound inTransaction was given; nothing was begun. */
export class ConnectionWaitExceeded extends Error {
  constructor(readonly waitedMs: number) {
    super(`no database connection within ${waitedMs} ms`);
  }
}

/** A client of the pool within `withinMs`; one handed over later is given back at once. */
async function connectWithin(pool: Pool, withinMs: number): Promise<PoolClient> {
  const pending = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ConnectionWaitExceeded(withinMs)), withinMs)));
  try {
    return await Promise.race([pending, late]);
  } catch (err) {
    if (err instanceof ConnectionWaitExceeded) pending.then((client) => client.release(), () => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs fn in a transaction on a client of its own; rolls back on any error. With `connectWithinMs`,
 * a wait for a client longer than that throws ConnectionWaitExceeded (a request that would rather
 * be refused than answered late).
 */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, options: { connectWithinMs?: number } = {}): Promise<T> {
  const client = options.connectWithinMs ? await connectWithin(pool, options.connectWithinMs) : await pool.connect();
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
