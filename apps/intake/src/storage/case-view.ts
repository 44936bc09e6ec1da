import type { PoolClient } from 'pg';
import type { CaseMergeUndoneData, CaseMergedData, CaseReceivedData, CaseRepeatAppealRecordedData, CloudEvent } from '@county/contracts';

/**
 * The case read model (case_view and its public timeline). Intake's own events are applied in
 * the transaction that appends them (an inline projection: a caller reads its case at once);
 * other services' events arrive through the status consumer (case-status.consumer.ts).
 */

export type CaseViewStatus = 'received' | 'dispatched' | 'closed';

export async function applyIntakeEvent(event: CloudEvent, db: PoolClient): Promise<void> {
  switch (event.type) {
    case 'case.received.v1': {
      const d = event.data as CaseReceivedData;
      // one round trip: the view row and the first step of the timeline
      await db.query(
        `WITH view AS (
           INSERT INTO intake.case_view (case_id, channel, channel_reference, appeal_type, category_code, urgency, description, address, grid_code,
             community_code, township_code, latitude, longitude, location_resolved, resident_id, attachments, received_at, recorded_at, updated_at, status)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$18,'received') ON CONFLICT (case_id) DO NOTHING)
         INSERT INTO intake.case_timeline (event_id, case_id, at, step, detail) VALUES ($19, $1, $17, 'received', $20) ON CONFLICT DO NOTHING`,
        [
          d.caseId, d.channel, d.channelReference, d.appealType, d.categoryCode, d.urgency, d.description, d.location.address ?? null,
          d.location.gridCode ?? null, d.location.communityCode ?? null, d.location.townshipCode ?? null, d.location.latitude ?? null,
          d.location.longitude ?? null, d.location.resolved, d.resident.residentId ?? null, JSON.stringify(d.attachments), d.receivedAt, event.time,
          event.id, JSON.stringify({ channel: d.channel }),
        ],
      );
      return;
    }
    case 'case.repeat-appeal-recorded.v1': {
      const d = event.data as CaseRepeatAppealRecordedData;
      await db.query('UPDATE intake.case_view SET repeat_count = $2, updated_at = $3 WHERE case_id = $1', [d.caseId, d.repeatCount, event.time]);
      await timeline(db, event, d.caseId, event.time, 'repeat-appeal-recorded', { channel: d.channel, repeatCount: d.repeatCount });
      return;
    }
    case 'case.merged.v1': {
      const d = event.data as CaseMergedData;
      await db.query('UPDATE intake.case_view SET merged_into = $2, updated_at = $3 WHERE case_id = $1', [d.caseId, d.intoCaseId, event.time]);
      await timeline(db, event, d.caseId, event.time, 'merged', { intoCaseId: d.intoCaseId });
      return;
    }
    case 'case.merge-undone.v1': {
      const d = event.data as CaseMergeUndoneData;
      await db.query('UPDATE intake.case_view SET merged_into = NULL, updated_at = $2 WHERE case_id = $1', [d.caseId, event.time]);
      await timeline(db, event, d.caseId, event.time, 'merge-undone', { intoCaseId: d.intoCaseId });
      return;
    }
  }
}

export async function timeline(db: PoolClient, event: CloudEvent, caseId: string, at: string, step: string, detail: Record<string, unknown>): Promise<void> {
  await db.query('INSERT INTO intake.case_timeline (event_id, case_id, at, step, detail) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
    event.id,
    caseId,
    at,
    step,
    JSON.stringify(detail),
  ]);
}

export interface CaseViewRow {
  seq: string;
  case_id: string;
  channel: string;
  channel_reference: string;
  appeal_type: string;
  category_code: string;
  urgency: string;
  description: string;
  address: string | null;
  grid_code: string | null;
  community_code: string | null;
  township_code: string | null;
  latitude: number | null;
  longitude: number | null;
  location_resolved: boolean;
  resident_id: string | null;
  attachments: string[];
  received_at: Date;
  recorded_at: Date;
  updated_at: Date;
  status: CaseViewStatus;
  merged_into: string | null;
  repeat_count: number;
  responsible_unit: string | null;
  deadline: Date | null;
}

export interface TimelineRow {
  at: Date;
  step: string;
  detail: Record<string, unknown>;
}
