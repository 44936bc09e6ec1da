import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { schemaIdent } from '@county/event-store';
import { CONFIG, PG_POOL, type ServiceConfig } from '@county/service-kit';
import type { CaseStatus } from '@county/contracts';
import { caseStatusOf } from '../domain/dispatch-case';
import { Reopens, type ReopenView } from '../reopens/reopens';

export type Desk = 'triage' | 'transfer' | 'review' | 'extension' | 'pause';

const WHERE: Record<Desk, string> = {
  triage: "status = 'triage'",
  transfer: 'pending_transfer IS NOT NULL',
  review: 'pending_review IS NOT NULL',
  extension: 'pending_extension IS NOT NULL',
  pause: 'pending_pause IS NOT NULL',
};

export interface QueueRow {
  readonly caseId: string;
  /** Where the case stands, in the platform's one vocabulary (a row on the review desk: result-submitted). */
  readonly status: CaseStatus;
  readonly categoryCode: string | null;
  readonly urgency: string | null;
  readonly townshipCode: string | null;
  readonly primaryUnitCode: string | null;
  readonly cooperatingUnitCodes: readonly string[];
  readonly triageReason: string | null;
  readonly transferCount: number;
  readonly final: boolean;
  readonly paused: boolean;
  readonly pending: Record<string, unknown>;
  /** The case's last reopen (重办): a result under review after it is the unit's second handling. */
  readonly reopen: ReopenView | null;
  /** The case version the row shows: send it as If-Match to act on exactly this state. */
  readonly version: number;
  readonly updatedAt: string;
}

/** Reads the centre's desks (read model built by the case-queues projection), oldest first. */
@Injectable()
export class Queues {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
    private readonly reopens: Reopens,
  ) {}

  async list(desk: Desk, limit: number, unitCode?: string): Promise<QueueRow[]> {
    const t = `${schemaIdent(this.config.schema)}.case_queue`;
    const params: unknown[] = [limit];
    let filter = '';
    if (unitCode) {
      params.push(unitCode);
      filter = ' AND primary_unit_code = $2';
    }
    const result = await this.pool.query(`SELECT * FROM ${t} WHERE ${WHERE[desk]}${filter} ORDER BY updated_at, case_id LIMIT $1`, params);
    const ids = result.rows.map((r) => r.case_id as string);
    const [reopens, closed] = await Promise.all([this.reopens.ofCases(ids), this.reopens.closedOf(ids)]);
    return result.rows.map((r) => ({
      caseId: r.case_id,
      status: caseStatusOf({
        inTriage: r.status === 'triage',
        transferRequested: r.pending_transfer !== null,
        resultWaitsForReview: r.pending_review !== null,
        resultApproved: r.status === 'resolved',
        // approved, then reopened: the row has not moved since the approval
        reopened: r.status === 'resolved' && (reopens.get(r.case_id)?.reopenedAt ?? '') > new Date(r.updated_at).toISOString(),
        closed: closed.has(r.case_id),
      }),
      categoryCode: r.category_code,
      urgency: r.urgency,
      townshipCode: r.township_code,
      primaryUnitCode: r.primary_unit_code,
      cooperatingUnitCodes: r.cooperating_unit_codes,
      triageReason: r.triage_reason,
      transferCount: r.transfer_count,
      final: r.final,
      paused: r.paused,
      pending: {
        ...(r.pending_transfer && { transfer: r.pending_transfer }),
        ...(r.pending_review && { review: r.pending_review }),
        ...(r.pending_extension && { extension: r.pending_extension }),
        ...(r.pending_pause && { pause: r.pending_pause }),
      },
      reopen: reopens.get(r.case_id) ?? null,
      version: r.version,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  async unitTransfers(unitCode: string): Promise<{ unitCode: string; requested: number; approved: number; rejected: number }> {
    const t = `${schemaIdent(this.config.schema)}.unit_transfers`;
    const r = await this.pool.query(`SELECT requested, approved, rejected FROM ${t} WHERE unit_code = $1`, [unitCode]);
    const row = r.rows[0] ?? { requested: 0, approved: 0, rejected: 0 };
    return { unitCode, requested: row.requested, approved: row.approved, rejected: row.rejected };
  }
}
