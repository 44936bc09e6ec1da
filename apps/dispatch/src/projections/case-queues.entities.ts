import { Column, Entity, PrimaryColumn } from 'typeorm';

// The centre's desks as TypeORM entities, for their row reads (cases/queues.ts). The tables are
// made by dispatch's migrations (migrations.ts) and written by the case-queues projection in SQL,
// in the transaction of its checkpoint (case-queues.projection.ts).

/** One case and what waits for a dispatcher on it (case_queue). */
@Entity({ name: 'case_queue' })
export class CaseQueueEntry {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'category_code', type: 'text', nullable: true }) categoryCode!: string | null;
  @Column({ type: 'text', nullable: true }) urgency!: string | null;
  @Column({ name: 'township_code', type: 'text', nullable: true }) townshipCode!: string | null;
  @Column({ name: 'primary_unit_code', type: 'text', nullable: true }) primaryUnitCode!: string | null;
  @Column({ name: 'cooperating_unit_codes', type: 'jsonb' }) cooperatingUnitCodes!: string[];
  @Column({ type: 'jsonb', nullable: true }) basis!: unknown;
  @Column({ name: 'triage_reason', type: 'text', nullable: true }) triageReason!: string | null;
  @Column({ type: 'boolean' }) final!: boolean;
  @Column({ name: 'transfer_count', type: 'integer' }) transferCount!: number;
  @Column({ type: 'boolean' }) paused!: boolean;
  @Column({ name: 'pending_transfer', type: 'jsonb', nullable: true }) pendingTransfer!: Record<string, unknown> | null;
  @Column({ name: 'pending_review', type: 'jsonb', nullable: true }) pendingReview!: Record<string, unknown> | null;
  @Column({ name: 'pending_extension', type: 'jsonb', nullable: true }) pendingExtension!: Record<string, unknown> | null;
  @Column({ name: 'pending_pause', type: 'jsonb', nullable: true }) pendingPause!: Record<string, unknown> | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The transfers counted against a unit that asked (unit_transfers). */
@Entity({ name: 'unit_transfers' })
export class UnitTransferCount {
  @PrimaryColumn({ name: 'unit_code', type: 'text' }) unitCode!: string;
  @Column({ type: 'integer' }) requested!: number;
  @Column({ type: 'integer' }) approved!: number;
  @Column({ type: 'integer' }) rejected!: number;
}

/** Dispatch's entities, as its app module gives them to the DataSource. */
export const DISPATCH_ENTITIES = [CaseQueueEntry, UnitTransferCount];
