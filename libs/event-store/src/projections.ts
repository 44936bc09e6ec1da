import type { Pool, PoolClient } from 'pg';
import { Checkpoints } from './checkpoints';
import { EventStore, START, type Position, type StoredEvent } from './event-store';
import { silentLog, type Log } from './log';
import { inTransaction } from './schema';
import { IdlePace, Wakeup } from './wakeup';

/**
 * A read model built from a service's own events. apply() runs in the same transaction as the
 * projection's checkpoint, so each event is applied exactly once; reset() empties the read model
 * so that it can be rebuilt from the events.
 */
export interface Projection {
  readonly name: string;
  /**
   * Prepares the read model, under a lock of its own (optional). A service's read-model tables
   * are not made here but by its numbered migrations, which run once, before anything reads.
   */
  init?(db: PoolClient): Promise<void>;
  reset(db: PoolClient): Promise<void>;
  apply(event: StoredEvent, db: PoolClient): Promise<void>;
}

export interface ProjectionRunnerOptions {
  readonly pool: Pool;
  readonly store: EventStore;
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  readonly idleMs?: number;
  /** The longest pause between polls when idle (1000 ms); an append of this process wakes the runner at once. */
  readonly maxIdleMs?: number;
  readonly log?: Log;
}

export class ProjectionRunner {
  private readonly checkpoints: Checkpoints;
  private readonly wakeup: Wakeup;
  private readonly log: Log;
  private running = false;
  private loop?: Promise<void>;
  private unsubscribe?: () => void;

  constructor(private readonly o: ProjectionRunnerOptions) {
    this.checkpoints = new Checkpoints(o.store.schema);
    this.wakeup = new Wakeup();
    this.log = o.log ?? silentLog;
  }

  private subscriber(p: Projection): string {
    return `projection:${p.name}`;
  }

  async init(): Promise<void> {
    for (const p of this.o.projections) {
      if (!p.init) continue;
      const init = p.init.bind(p);
      await inTransaction(this.o.pool, async (db) => {
        await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`init:${this.o.store.schema}:${p.name}`]);
        await init(db);
      });
    }
  }

  /** Applies one batch to one projection; returns how many events it applied. */
  async step(p: Projection): Promise<number> {
    return inTransaction(this.o.pool, async (db) => {
      // the lock on the checkpoint row makes concurrent runners (and a rebuild) take turns
      const from = await this.checkpoints.read(db, this.subscriber(p), true);
      return this.applyBatch(p, db, from);
    });
  }

  private async applyBatch(p: Projection, db: PoolClient, from: Position): Promise<number> {
    const batch = await this.o.store.readAll(from, this.o.batchSize ?? 500, db);
    for (const event of batch) await p.apply(event, db);
    if (batch.length) await this.checkpoints.store(db, this.subscriber(p), batch[batch.length - 1].position);
    return batch.length;
  }

  /** Brings every projection up to the last committed event. */
  async catchUp(): Promise<void> {
    await this.catchUpCounting();
  }

  /** catchUp, returning how many events were applied. */
  private async catchUpCounting(): Promise<number> {
    let applied = 0;
    for (const p of this.o.projections) for (let n = await this.step(p); n > 0; n = await this.step(p)) applied += n;
    return applied;
  }

  /**
   * Empties a read model and builds it again from every event, safe beside a running loop (of
   * this process or another): reset and replay run in one transaction under the lock of the
   * projection's checkpoint row, so a live step waits and then goes on from where the replay
   * ended; readers see the old rows until the new ones commit.
   */
  async rebuild(name: string): Promise<void> {
    const p = this.o.projections.find((x) => x.name === name);
    if (!p) throw new Error(`no projection named ${name}`);
    await inTransaction(this.o.pool, async (db) => {
      await this.checkpoints.read(db, this.subscriber(p), true);
      await p.reset(db);
      await this.checkpoints.reset(db, this.subscriber(p));
      let from: Position = START;
      for (;;) {
        const n = await this.applyBatch(p, db, from);
        if (n === 0) break;
        from = await this.checkpoints.read(db, this.subscriber(p));
      }
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const idleMs = this.o.idleMs ?? 100;
    const pace = new IdlePace(idleMs, Math.max(idleMs, this.o.maxIdleMs ?? 1000));
    this.unsubscribe = this.o.store.onAppend(() => {
      pace.reset();
      this.wakeup.wake();
    });
    this.loop = (async () => {
      while (this.running) {
        let applied = 0;
        try {
          applied = await this.catchUpCounting();
        } catch (err) {
          this.log.error({ err }, 'projection batch failed; retrying');
        }
        if (this.running) await this.wakeup.wait(pace.next(applied));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeup.wake();
    await this.loop;
  }
}
