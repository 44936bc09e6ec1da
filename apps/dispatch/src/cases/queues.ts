import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { CaseStatus } from '@county/contracts';
import { caseStatusOf } from '../domain/dispatch-case';
import { CaseQueueEntry, UnitTransferCount } from '../projections/case-queues.entities';
import { Reopens, type ReopenView } from '../reopens/reopens';

export type Desk = 'triage' | 'transfer' | 'review' | 'extension' | 'pause';

const WHERE: Record<Desk, string> = {
  triage: "q.status = 'triage'",
  transfer: 'q.pending_transfer IS NOT NULL',
  review: 'q.pending_review IS NOT NULL',
  extension: 'q.pending_extension IS NOT NULL',
  pause: 'q.pending_pause IS NOT NULL',
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

/** Reads the centre's desks (read model built by the case-queues projection), oldest first, through their repositories. */
@Injectable()
export class Queues {
  private readonly entries: Repository<CaseQueueEntry>;
  private readonly transfers: Repository<UnitTransferCount>;

  constructor(
    dataSource: DataSource,
    private readonly reopens: Reopens,
  ) {
    this.entries = dataSource.getRepository(CaseQueueEntry);
    this.transfers = dataSource.getRepository(UnitTransferCount);
  }

  async list(desk: Desk, limit: number, unitCode?: string): Promise<QueueRow[]> {
    const q = this.entries.createQueryBuilder('q').where(WHERE[desk]);
    if (unitCode) q.andWhere('q.primary_unit_code = :unitCode', { unitCode });
    const rows = await q.orderBy('q.updated_at').addOrderBy('q.case_id').limit(limit).getMany();
    const ids = rows.map((r) => r.caseId);
    const [reopens, closed] = await Promise.all([this.reopens.ofCases(ids), this.reopens.closedOf(ids)]);
    return rows.map((r) => ({
      caseId: r.caseId,
      status: caseStatusOf({
        inTriage: r.status === 'triage',
        transferRequested: r.pendingTransfer !== null,
        resultWaitsForReview: r.pendingReview !== null,
        resultApproved: r.status === 'resolved',
        // approved, then reopened: the row has not moved since the approval
        reopened: r.status === 'resolved' && (reopens.get(r.caseId)?.reopenedAt ?? '') > r.updatedAt.toISOString(),
        closed: closed.has(r.caseId),
      }),
      categoryCode: r.categoryCode,
      urgency: r.urgency,
      townshipCode: r.townshipCode,
      primaryUnitCode: r.primaryUnitCode,
      cooperatingUnitCodes: r.cooperatingUnitCodes,
      triageReason: r.triageReason,
      transferCount: r.transferCount,
      final: r.final,
      paused: r.paused,
      pending: {
        ...(r.pendingTransfer && { transfer: r.pendingTransfer }),
        ...(r.pendingReview && { review: r.pendingReview }),
        ...(r.pendingExtension && { extension: r.pendingExtension }),
        ...(r.pendingPause && { pause: r.pendingPause }),
      },
      reopen: reopens.get(r.caseId) ?? null,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  async unitTransfers(unitCode: string): Promise<{ unitCode: string; requested: number; approved: number; rejected: number }> {
    const row = (await this.transfers.findOneBy({ unitCode })) ?? { requested: 0, approved: 0, rejected: 0 };
    return { unitCode, requested: row.requested, approved: row.approved, rejected: row.rejected };
  }
}
