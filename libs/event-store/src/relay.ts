import type { Pool, PoolClient } from 'pg';
import type { Producer } from 'kafkajs';
import { CLOUDEVENTS_CONTENT_TYPE, type CloudEvent } from '@county/contracts';
import { Checkpoints } from './checkpoints';
import { EventStore, type StoredEvent } from './event-store';
import { silentLog, type Log } from './log';
import { IdlePace, Wakeup } from './wakeup';

export interface RelayOptions {
  readonly pool: Pool;
  readonly store: EventStore;
  readonly producer: Producer;
  readonly topic: string;
  readonly subscriber?: string;
  readonly batchSize?: number;
  readonly idleMs?: number;
  /** The longest pause between polls of an idle relay (1000 ms); an append of this process wakes it at once. */
  readonly maxIdleMs?: number;
  readonly log?: Log;
}

/** The Kafka message of an event: key = case id, value = the CloudEvent (structured mode). */
export function toKafkaMessage(event: CloudEvent): { key: string; value: string; headers: Record<string, string> } {
  const { position: _position, ...envelope } = event as StoredEvent;
  return {
    key: event.subject,
    value: JSON.stringify(envelope),
    headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE, ce_id: event.id, ce_type: event.type },
  };
}

/**
 * Publishes a service's committed events to its Kafka topic, in the store's read order, and
 * moves its checkpoint only after Kafka acknowledged them. A crash between the two publishes
 * the batch again (consumers dedupe by event id); it never loses an event. Only one relay per
 * schema publishes at a time (a PostgreSQL advisory lock elects it); the others stand by.
 */
export class OutboxRelay {
  private readonly checkpoints: Checkpoints;
  private readonly subscriber: string;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly log: Log;
  private readonly wakeup: Wakeup;
  private readonly pace: IdlePace;
  private unsubscribe?: () => void;
  private leader?: PoolClient;
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly o: RelayOptions) {
    this.checkpoints = new Checkpoints(o.store.schema);
    this.subscriber = o.subscriber ?? 'kafka-relay';
    this.batchSize = o.batchSize ?? 500;
    this.idleMs = o.idleMs ?? 50;
    this.log = o.log ?? silentLog;
    this.wakeup = new Wakeup();
    this.pace = new IdlePace(this.idleMs, Math.max(this.idleMs, o.maxIdleMs ?? 1000));
  }

  /** Publishes one batch; returns how many events it published (0 when caught up). */
  async runOnce(): Promise<number> {
    const from = await this.checkpoints.read(this.o.pool, this.subscriber);
    const batch = await this.o.store.readAll(from, this.batchSize);
    if (batch.length === 0) return 0;
    await this.o.producer.send({ topic: this.o.topic, acks: -1, messages: batch.map(toKafkaMessage) });
    await this.checkpoints.store(this.o.pool, this.subscriber, batch[batch.length - 1].position);
    this.log.debug({ count: batch.length, topic: this.o.topic }, 'relayed events');
    return batch.length;
  }

  /** Publishes until caught up. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.runOnce(); n > 0; n = await this.runOnce()) total += n;
    return total;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.o.store.onAppend(() => {
      this.pace.reset();
      this.wakeup.wake();
    });
    this.loop = this.run();
  }

  private async tryLead(): Promise<boolean> {
    if (this.leader) return true;
    const client = await this.o.pool.connect();
    const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`relay:${this.o.store.schema}:${this.subscriber}`]);
    if (r.rows[0].ok) {
      this.leader = client;
      this.log.info({ topic: this.o.topic }, 'outbox relay is the leader');
      return true;
    }
    client.release();
    return false;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!(await this.tryLead())) {
          await this.wakeup.wait(this.idleMs * 4);
          continue;
        }
        const n = await this.runOnce();
        failures = 0;
        if (n < this.batchSize && this.running) await this.wakeup.wait(this.pace.next(n));
      } catch (err) {
        failures += 1;
        this.log.error({ err, topic: this.o.topic, failures }, 'outbox relay batch failed; retrying');
        this.leader?.release(true);
        this.leader = undefined;
        if (this.running) await this.wakeup.wait(Math.min(5000, 100 * 2 ** failures));
      }
    }
  }

  /** Stops after the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeup.wake();
    await this.loop;
    if (this.leader) {
      await this.leader.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      this.leader.release();
      this.leader = undefined;
    }
  }
}
