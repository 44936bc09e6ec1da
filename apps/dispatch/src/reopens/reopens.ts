import { Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Pool, PoolClient } from 'pg';
import type { CaseClosedData, CaseReopenedData, CloudEvent } from '@county/contracts';
import { ConsumerGroup, EventContext, PG_POOL } from '@county/service-kit';
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
 * Consumes evaluation's case.reopened.v1 and case.closed.v1 (each once, in the transaction that
 * records the event id) into dispatch.case_reopens and dispatch.case_closures.
 */
@ConsumerGroup({ purpose: REOPENS_CONSUMER, from: ['evaluation'] })
export class ReopensConsumer {
  /** A redelivered or older reopen changes nothing (the highest redoCount wins). */
  @EventPattern('case.reopened.v1')
  async record(@Payload() event: CloudEvent<'case.reopened.v1', CaseReopenedData>, @Ctx() { db, log }: EventContext): Promise<void> {
    const d = event.data;
    if (d.redoCount < 1) throw new Error('case.reopened.v1 without a whole redoCount >= 1');
    await db.query(
      `INSERT INTO dispatch.case_reopens AS r (case_id, unit_code, redo_count, reason, reopened_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id) DO UPDATE SET unit_code = EXCLUDED.unit_code, redo_count = EXCLUDED.redo_count, reason = EXCLUDED.reason, reopened_at = EXCLUDED.reopened_at
       WHERE EXCLUDED.redo_count > r.redo_count`,
      [event.subject, d.unitCode, d.redoCount, d.reason ?? 'unresolved', event.time],
    );
    log.info('reopen recorded');
  }

  /** The loop of the case is closed: the centre's views say so. */
  @EventPattern('case.closed.v1')
  async recordClosure(@Payload() event: CloudEvent<'case.closed.v1', CaseClosedData>, @Ctx() { db, log }: EventContext): Promise<void> {
    await db.query('INSERT INTO dispatch.case_closures (case_id, closed_at) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING', [event.subject, event.time]);
    log.info('closure recorded');
  }
}

/** Reads the centre's record of reopened and closed cases, for the unit's requests, the review queue and the case view. */
@Injectable()
export class Reopens {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

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
