import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { CloudEvent } from '@county/contracts';
import { handleOnce } from '@county/event-store';
import { CONFIG, Consumers, PG_POOL, type ServiceConfig } from '@county/service-kit';
import type { Reopen } from '../domain/dispatch-case';

export const REOPENS_CONSUMER = 'reopens';

/** A reopen as the centre shows it: what the decider reads, and why. */
export interface ReopenView extends Reopen {
  readonly reason: string;
}

type Row = { unit_code: string; redo_count: number; reason: string; reopened_at: Date };

function toView(r: Row): ReopenView {
  return { unitCode: r.unit_code, redoCount: r.redo_count, reason: r.reason, reopenedAt: new Date(r.reopened_at).toISOString() };
}

/**
 * Consumes case.reopened.v1 idempotently (handleOnce) into dispatch.case_reopens and reads it back
 * for the unit's requests, the review queue and the case view. A redelivered or older reopen
 * changes nothing (the highest redoCount wins).
 */
@Injectable()
export class Reopens implements OnModuleInit {
  constructor(
    private readonly consumers: Consumers,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      purpose: REOPENS_CONSUMER,
      from: ['evaluation'],
      handle: async (event, _delivery, log) => {
        if (event.type === 'case.closed.v1') {
          const outcome = await this.recordClosure(event);
          log.info({ duplicate: outcome.duplicate }, 'closure recorded');
          return;
        }
        if (event.type !== 'case.reopened.v1') return;
        const outcome = await this.record(event);
        log.info({ duplicate: outcome.duplicate }, 'reopen recorded');
      },
    });
  }

  record(event: CloudEvent) {
    const d = (event.data ?? {}) as { caseId?: unknown; unitCode?: unknown; redoCount?: unknown; reason?: unknown };
    if (typeof d.unitCode !== 'string' || typeof d.redoCount !== 'number' || !Number.isInteger(d.redoCount) || d.redoCount < 1) {
      throw new Error('case.reopened.v1 without unitCode or a whole redoCount >= 1');
    }
    const reason = typeof d.reason === 'string' ? d.reason : 'unresolved';
    return handleOnce(this.pool, this.config.schema, REOPENS_CONSUMER, event.id, async (db) => {
      await db.query(
        `INSERT INTO dispatch.case_reopens AS r (case_id, unit_code, redo_count, reason, reopened_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO UPDATE SET unit_code = EXCLUDED.unit_code, redo_count = EXCLUDED.redo_count, reason = EXCLUDED.reason, reopened_at = EXCLUDED.reopened_at
         WHERE EXCLUDED.redo_count > r.redo_count`,
        [event.subject, d.unitCode, d.redoCount, reason, event.time],
      );
    });
  }

  /** The loop of the case is closed (evaluation's case.closed.v1): the centre's views say so. */
  recordClosure(event: CloudEvent) {
    return handleOnce(this.pool, this.config.schema, REOPENS_CONSUMER, event.id, async (db) => {
      await db.query('INSERT INTO dispatch.case_closures (case_id, closed_at) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING', [event.subject, event.time]);
    });
  }

  async closed(caseId: string, db: Pool | PoolClient = this.pool): Promise<boolean> {
    const r = await db.query('SELECT 1 FROM dispatch.case_closures WHERE case_id = $1', [caseId]);
    return r.rows.length > 0;
  }

  /** Which of these cases are closed. */
  async closedOf(caseIds: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const r = await this.pool.query<{ case_id: string }>('SELECT case_id FROM dispatch.case_closures WHERE case_id = ANY($1::text[])', [[...caseIds]]);
    return new Set(r.rows.map((x) => x.case_id));
  }

  /** The case's last reopen, if it was reopened. */
  async of(caseId: string, db: Pool | PoolClient = this.pool): Promise<ReopenView | undefined> {
    const r = await db.query<Row>('SELECT unit_code, redo_count, reason, reopened_at FROM dispatch.case_reopens WHERE case_id = $1', [caseId]);
    return r.rows[0] ? toView(r.rows[0]) : undefined;
  }

  /** The last reopen of each of these cases. */
  async ofCases(caseIds: readonly string[]): Promise<Map<string, ReopenView>> {
    if (caseIds.length === 0) return new Map();
    const r = await this.pool.query<Row & { case_id: string }>('SELECT case_id, unit_code, redo_count, reason, reopened_at FROM dispatch.case_reopens WHERE case_id = ANY($1::text[])', [[...caseIds]]);
    return new Map(r.rows.map((x) => [x.case_id, toView(x)]));
  }
}
