import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ErrorCodes, DomainError } from '@county/contracts';
import { unitByCode } from '@county/reference';
import type { CaseViewRow } from '../storage/case-view';
import { CaseTimelineStep, CaseViewRecord, ChannelReferenceRecord } from '../storage/case-view.entities';

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

/** Reads of intake's case read model, through its TypeORM repositories. */
@Injectable()
export class CaseQueries {
  private readonly views: Repository<CaseViewRecord>;
  private readonly steps: Repository<CaseTimelineStep>;
  private readonly references: Repository<ChannelReferenceRecord>;

  constructor(dataSource: DataSource) {
    this.views = dataSource.getRepository(CaseViewRecord);
    this.steps = dataSource.getRepository(CaseTimelineStep);
    this.references = dataSource.getRepository(ChannelReferenceRecord);
  }

  async row(caseId: string): Promise<CaseViewRow | undefined> {
    return (await this.views.findOneBy({ case_id: caseId })) ?? undefined;
  }

  /** The case; with `channel`, only when that channel filed it (else it is not found). */
  async detail(caseId: string, channel?: string): Promise<CaseDetail> {
    const row = await this.row(caseId);
    if (!row || (channel !== undefined && row.channel !== channel)) throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `no case ${caseId}`, 'not-found');
    const steps = await this.steps.find({ select: { at: true, step: true, detail: true }, where: { case_id: caseId }, order: { at: 'ASC', event_id: 'ASC' } });
    return {
      ...summaryOf(row),
      description: row.description,
      attachments: row.attachments,
      timeline: steps.map((s) => ({ at: s.at.toISOString(), step: s.step, detail: s.detail })),
    };
  }

  /** The case an Open311 token (the channel reference Open311 requests are filed under) led to. */
  async caseOfToken(token: string): Promise<string | undefined> {
    const found = await this.references
      .createQueryBuilder('r')
      .select('r.case_id', 'case_id')
      .where('r.reference = :token', { token })
      .andWhere(`r.reference LIKE 'o311-%'`)
      .getRawOne<{ case_id: string }>();
    return found?.case_id;
  }

  /** Newest first; `afterSeq` continues after the last row of the previous page. */
  async list(filter: CaseFilter, limit: number, afterSeq?: string): Promise<{ rows: CaseViewRow[]; nextSeq?: string }> {
    const q = this.views.createQueryBuilder('v');
    if (filter.status) q.andWhere(STATUS_SQL[filter.status]);
    if (filter.statuses?.length) q.andWhere(`(${filter.statuses.map((s) => STATUS_SQL[s]).join(' OR ')})`);
    if (filter.channel) q.andWhere('v.channel = :channel', { channel: filter.channel });
    if (filter.channelReference) q.andWhere('v.channel_reference = :channelReference', { channelReference: filter.channelReference });
    if (filter.categoryCode) q.andWhere('v.category_code = :categoryCode', { categoryCode: filter.categoryCode });
    if (filter.categoryCodes?.length) q.andWhere('v.category_code = ANY(:categoryCodes)', { categoryCodes: filter.categoryCodes });
    if (filter.caseIds?.length) q.andWhere('v.case_id = ANY(:caseIds)', { caseIds: filter.caseIds });
    if (filter.townshipCode) q.andWhere('v.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    if (filter.receivedFrom) q.andWhere('v.received_at >= :receivedFrom', { receivedFrom: filter.receivedFrom });
    if (filter.receivedTo) q.andWhere('v.received_at <= :receivedTo', { receivedTo: filter.receivedTo });
    if (filter.updatedFrom) q.andWhere('v.updated_at >= :updatedFrom', { updatedFrom: filter.updatedFrom });
    if (afterSeq) q.andWhere('v.seq < :afterSeq', { afterSeq });
    const found = await q.orderBy('v.seq', 'DESC').limit(limit + 1).getMany();
    const rows = found.slice(0, limit);
    return { rows, ...(found.length > limit && { nextSeq: rows[rows.length - 1].seq }) };
  }
}
