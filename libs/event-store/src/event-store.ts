import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { CloudEvent, EventMetadata, NewEvent, ServiceName } from '@county/contracts';
import { ConcurrencyError, type ExpectedVersion } from './errors';
import { inTransaction, schemaIdent } from './schema';

/** Where a subscriber has read to: (transaction id, global position), both as decimal strings. */
export interface Position {
  readonly transactionId: string;
  readonly globalPosition: string;
}

export const START: Position = { transactionId: '0', globalPosition: '0' };

export interface StoredEvent extends CloudEvent {
  readonly position: Position;
}

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  readonly metadata: EventMetadata;
  /** Event ids chosen by the caller (stable under retries); random when absent. */
  readonly ids?: readonly string[];
  /** The CloudEvents subject (and Kafka key): the case id. Defaults to the stream id. */
  readonly subject?: string;
  /** Append inside the caller's transaction; otherwise the append is a transaction of its own. */
  readonly client?: PoolClient;
}

export interface AppendResult {
  readonly nextVersion: number;
  readonly events: readonly CloudEvent[];
}

type Row = {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  subject: string;
  event_id: string;
  event_type: string;
  source: ServiceName;
  event_time: Date;
  correlation_id: string;
  causation_id: string;
  data: unknown;
};

const COLUMNS =
  'global_position, transaction_id::text AS transaction_id, stream_id, stream_version, subject, event_id, event_type, source, event_time, correlation_id, causation_id, data';

function toEvent(row: Row): StoredEvent {
  return {
    specversion: '1.0',
    id: row.event_id,
    source: row.source,
    type: row.event_type,
    subject: row.subject,
    time: row.event_time.toISOString(),
    datacontenttype: 'application/json',
    data: row.data,
    sequence: row.stream_version,
    correlationid: row.correlation_id,
    causationid: row.causation_id,
    position: { transactionId: row.transaction_id, globalPosition: row.global_position },
  };
}

/**
 * A service's append-only event store on PostgreSQL. Streams are keyed by case id (or another
 * aggregate id); appends check the expected version and never overwrite.
 */
export class EventStore {
  private readonly t: string;
  private readonly appendListeners = new Set<() => void>();

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
    readonly source: ServiceName,
  ) {
    this.t = `${schemaIdent(schema)}.events`;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const result = options.client
      ? await this.appendWith(options.client, streamId, events, options)
      : await inTransaction(this.pool, (client) => this.appendWith(client, streamId, events, options));
    for (const listener of this.appendListeners) listener();
    return result;
  }

  /**
   * Tells the subscribers of this process (the outbox relay, projections) that an append is on
   * its way to commit, so that they poll at once instead of at their idle pace. Returns the
   * unsubscribe function.
   */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  private async appendWith(client: PoolClient, streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    // Reading the stream's head also assigns this transaction its id (pg_current_xact_id).
    const head = await client.query<{ version: number | null; head_tx: string | null; me: string }>(
      `SELECT max(stream_version) AS version,
              (SELECT transaction_id::text FROM ${this.t} WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1) AS head_tx,
              pg_current_xact_id()::text AS me
         FROM ${this.t} WHERE stream_id = $1`,
      [streamId],
    );
    const current = head.rows[0].version ?? 0;
    const { expectedVersion } = options;
    if (expectedVersion === 'no_stream' && current !== 0) throw new ConcurrencyError(streamId, expectedVersion, current);
    if (typeof expectedVersion === 'number' && current !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, current);
    // Subscribers read in (transaction id, position) order. A transaction whose id is older than
    // the one that wrote the stream's head would be read before that head: refuse, the caller retries.
    const headTx = head.rows[0].head_tx;
    if (headTx !== null && BigInt(headTx) > BigInt(head.rows[0].me)) throw new ConcurrencyError(streamId, expectedVersion, current);

    const { metadata } = options;
    const subject = options.subject ?? streamId;
    const ids = events.map((_, i) => options.ids?.[i] ?? randomUUID());
    const versions = events.map((_, i) => current + i + 1);
    try {
      await client.query(
        `INSERT INTO ${this.t} (stream_id, stream_version, subject, event_id, event_type, source, event_time, correlation_id, causation_id, data)
         SELECT $1, v, $10, id, type, $5, $6, $7, $8, data
           FROM unnest($2::int[], $3::uuid[], $4::text[], $9::jsonb[]) AS e(v, id, type, data)`,
        [streamId, versions, ids, events.map((e) => e.type), this.source, metadata.time, metadata.correlationId, metadata.causationId, events.map((e) => JSON.stringify(e.data)), subject],
      );
    } catch (err) {
      if ((err as { code?: string; constraint?: string }).code === '23505' && /stream_id_stream_version/.test((err as { constraint?: string }).constraint ?? '')) {
        throw new ConcurrencyError(streamId, expectedVersion, current);
      }
      throw err;
    }
    return {
      nextVersion: current + events.length,
      events: events.map((e, i) => ({
        specversion: '1.0',
        id: ids[i],
        source: this.source,
        type: e.type,
        subject,
        time: new Date(metadata.time).toISOString(),
        datacontenttype: 'application/json',
        data: e.data,
        sequence: versions[i],
        correlationid: metadata.correlationId,
        causationid: metadata.causationId,
      })),
    };
  }

  async readStream(streamId: string, client?: PoolClient): Promise<{ version: number; events: StoredEvent[] }> {
    const result = await (client ?? this.pool).query<Row>(`SELECT ${COLUMNS} FROM ${this.t} WHERE stream_id = $1 ORDER BY stream_version`, [streamId]);
    const events = result.rows.map(toEvent);
    return { version: events.length ? events[events.length - 1].sequence : 0, events };
  }

  /**
   * Committed events after a position, in the global read order. Only events of transactions
   * older than every transaction still running are returned, so nothing can later commit
   * behind a position once it has been read.
   */
  async readAll(after: Position, limit: number, client?: PoolClient): Promise<StoredEvent[]> {
    const result = await (client ?? this.pool).query<Row>(
      `SELECT ${COLUMNS} FROM ${this.t}
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      [after.transactionId, after.globalPosition, limit],
    );
    return result.rows.map(toEvent);
  }
}
