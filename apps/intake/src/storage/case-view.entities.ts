import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseViewRow, CaseViewStatus, TimelineRow } from './case-view';

// The case read model as TypeORM entities, for its row reads (cases/case-queries.ts). Its tables
// are made by intake's migrations (storage/migrations.ts), never by TypeORM; the writes stay SQL
// in the event's transaction (storage/case-view.ts). Properties are named as the columns, so an
// entity is a CaseViewRow.

/** One case as callers may see it (intake.case_view). */
@Entity({ name: 'case_view' })
export class CaseViewRecord implements CaseViewRow {
  @PrimaryColumn({ type: 'text' }) case_id!: string;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'text' }) channel_reference!: string;
  @Column({ type: 'text' }) appeal_type!: string;
  @Column({ type: 'text' }) category_code!: string;
  @Column({ type: 'text' }) urgency!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text', nullable: true }) grid_code!: string | null;
  @Column({ type: 'text', nullable: true }) community_code!: string | null;
  @Column({ type: 'text', nullable: true }) township_code!: string | null;
  @Column({ type: 'double precision', nullable: true }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude!: number | null;
  @Column({ type: 'boolean' }) location_resolved!: boolean;
  @Column({ type: 'text', nullable: true }) resident_id!: string | null;
  @Column({ type: 'jsonb' }) attachments!: string[];
  @Column({ type: 'timestamptz' }) received_at!: Date;
  @Column({ type: 'timestamptz' }) recorded_at!: Date;
  @Column({ type: 'timestamptz' }) updated_at!: Date;
  @Column({ type: 'text' }) status!: CaseViewStatus;
  @Column({ type: 'text', nullable: true }) merged_into!: string | null;
  @Column({ type: 'integer' }) repeat_count!: number;
  @Column({ type: 'text', nullable: true }) responsible_unit!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) deadline!: Date | null;
}

/** One step of a case's public timeline (intake.case_timeline), keyed by the event that made it. */
@Entity({ name: 'case_timeline' })
export class CaseTimelineStep implements TimelineRow {
  @PrimaryColumn({ type: 'text' }) event_id!: string;
  @Column({ type: 'text' }) case_id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) step!: string;
  @Column({ type: 'jsonb' }) detail!: Record<string, unknown>;
}

/** A channel's own reference of a case (intake.channel_references); the answer kept for a retry is left to SQL. */
@Entity({ name: 'channel_references' })
export class ChannelReferenceRecord {
  @PrimaryColumn({ type: 'text' }) channel!: string;
  @PrimaryColumn({ type: 'text' }) reference!: string;
  @Column({ type: 'text' }) case_id!: string;
}

/** Intake's entities, as its app module gives them to the DataSource. */
export const INTAKE_ENTITIES = [CaseViewRecord, CaseTimelineStep, ChannelReferenceRecord];
