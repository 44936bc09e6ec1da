import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { ErrorCodes, DomainError } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import { unitByCode } from '@county/reference';
import type { CaseViewRow, TimelineRow } from '../storage/case-view';

/** What a resident (and the channel that filed the case) may see of a case. */
export type PublicStatus = 'received' | 'in-progress' | 'closed' | 'merged';

export interface CaseSummary {
  readonly caseId: string;
  readonly status: PublicStatus;
  readonly channel: string;
  readonly channelReference: string;
  readonly appealType: string;
  readonly categoryCode: string;
  readonly urgency: string;
  readonly receivedAt: string;
  readonly location: { resolved: boolean; gridCode?: string; communityCode?: string; townshipCode?: string; address?: string };
  readonly responsibleUnit: { code: string; name: string } | null;
  readonly deadline: string | null;
  readonly repeatCount: number;
  readonly mergedInto: string | null;
  readonly updatedAt: string;
}

export interface CaseDetail extends CaseSummary {
  readonly description: string;
  readonly attachments: string[];
  readonly timeline: { at: string; step: string; detail: Record<string, unknown> }[];
}

export interface CaseFilter {
  readonly status?: PublicStatus;
  readonly channel?: string;
  readonly categoryCode?: string;
  readonly townshipCode?: string;
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  readonly updatedFrom?: string;
  readonly caseIds?: readonly string[];
  readonly categoryCodes?: readonly string[];
  readonly statuses?: readonly PublicStatus[];
  readonly channelReference?: string;
}

export function publicStatus(row: Pick<CaseViewRow, 'status' | 'merged_into'>): PublicStatus {
  if (row.merged_into) return 'merged';
  return row.status === 'received' ? 'received' : row.status === 'dispatched' ? 'in-progress' : 'closed';
}

export function summaryOf(row: CaseViewRow): CaseSummary {
  const unit = row.responsible_unit ? unitByCode(row.responsible_unit) : undefined;
  return {
    caseId: row.case_id,
    status: publicStatus(row),
    channel: row.channel,
    channelReference: row.channel_reference,
    appealType: row.appeal_type,
    categoryCode: row.category_code,
    urgency: row.urgency,
    receivedAt: row.received_at.toISOString(),
    location: {
      resolved: row.location_resolved,
      ...(row.grid_code !== null && { gridCode: row.grid_code }),
      ...(row.community_code !== null && { communityCode: row.community_code }),
      ...(row.township_code !== null && { townshipCode: row.township_code }),
      ...(row.address !== null && { address: row.address }),
    },
    responsibleUnit: row.responsible_unit ? { code: row.responsible_unit, name: unit?.name.zh ?? row.responsible_unit } : null,
    deadline: row.deadline ? row.deadline.toISOString() : null,
    repeatCount: row.repeat_count,
    mergedInto: row.merged_into,
    updatedAt: row.updated_at.toISOString(),
  };
}

const STATUS_SQL: Record<PublicStatus, string> = {
  received: `(status = 'received' AND merged_into IS NULL)`,
  'in-progress': `(status = 'dispatched' AND merged_into IS NULL)`,
  closed: `(status = 'closed' AND merged_into IS NULL)`,
  merged: `(merged_into IS NOT NULL)`,
};

/** Reads of intake's case read model. */
@Injectable()
export class CaseQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async row(caseId: string): Promise<CaseViewRow | undefined> {
    const result = await this.pool.query<CaseViewRow>('SELECT * FROM intake.case_view WHERE case_id = $1', [caseId]);
    return result.rows[0];
  }

  /** The case; with `channel`, only when that channel filed it (else it is not found). */
  async detail(caseId: string, channel?: string): Promise<CaseDetail> {
    const row = await this.row(caseId);
    if (!row || (channel !== undefined && row.channel !== channel)) throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `no case ${caseId}`, 'not-found');
    const steps = await this.pool.query<TimelineRow>('SELECT at, step, detail FROM intake.case_timeline WHERE case_id = $1 ORDER BY at, event_id', [caseId]);
    return {
      ...summaryOf(row),
      description: row.description,
      attachments: row.attachments,
      timeline: steps.rows.map((s) => ({ at: s.at.toISOString(), step: s.step, detail: s.detail })),
    };
  }

  /** The case an Open311 token (the channel reference Open311 requests are filed under) led to. */
  async caseOfToken(token: string): Promise<string | undefined> {
    const result = await this.pool.query<{ case_id: string }>(`SELECT case_id FROM intake.channel_references WHERE reference = $1 AND reference LIKE 'o311-%'`, [token]);
    return result.rows[0]?.case_id;
  }

  /** Newest first; `afterSeq` continues after the last row of the previous page. */
  async list(filter: CaseFilter, limit: number, afterSeq?: string): Promise<{ rows: CaseViewRow[]; nextSeq?: string }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.status) where.push(STATUS_SQL[filter.status]);
    if (filter.statuses?.length) where.push(`(${filter.statuses.map((s) => STATUS_SQL[s]).join(' OR ')})`);
    if (filter.channel) add((p) => `channel = ${p}`, filter.channel);
    if (filter.channelReference) add((p) => `channel_reference = ${p}`, filter.channelReference);
    if (filter.categoryCode) add((p) => `category_code = ${p}`, filter.categoryCode);
    if (filter.categoryCodes?.length) add((p) => `category_code = ANY(${p})`, filter.categoryCodes);
    if (filter.caseIds?.length) add((p) => `case_id = ANY(${p})`, filter.caseIds);
    if (filter.townshipCode) add((p) => `township_code = ${p}`, filter.townshipCode);
    if (filter.receivedFrom) add((p) => `received_at >= ${p}`, filter.receivedFrom);
    if (filter.receivedTo) add((p) => `received_at <= ${p}`, filter.receivedTo);
    if (filter.updatedFrom) add((p) => `updated_at >= ${p}`, filter.updatedFrom);
    if (afterSeq) add((p) => `seq < ${p}`, afterSeq);
    params.push(limit + 1);
    const result = await this.pool.query<CaseViewRow>(
      `SELECT * FROM intake.case_view ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const rows = result.rows.slice(0, limit);
    return { rows, ...(result.rows.length > limit && { nextSeq: rows[rows.length - 1].seq }) };
  }
}
