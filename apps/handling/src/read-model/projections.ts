import type { PoolClient } from 'pg';
import type { HandlingEvent } from '@county/contracts';
import type { Projection, StoredEvent } from '@county/event-store';

/** Where each unit stands on each of its cases, from handling's own events. */
export const taskProjection: Projection = {
  name: 'tasks',
  async reset(db) {
    await db.query('TRUNCATE handling.tasks');
  },
  async apply(stored: StoredEvent, db: PoolClient) {
    const event = stored as unknown as HandlingEvent & { time: string };
    const set = TASK_UPDATES[event.type];
    if (!set) return;
    const data = event.data as { caseId: string; unitCode: string; note?: string; contactedAt?: string; signedAt?: string };
    await db.query(`INSERT INTO handling.tasks (case_id, unit_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [data.caseId, data.unitCode]);
    const value = event.type === 'case.first-contact-recorded.v1' ? data.contactedAt : event.type === 'case.signed-for.v1' ? data.signedAt : stored.time;
    const params = [data.caseId, data.unitCode, value, ...(set.includes('$4') ? [data.note ?? null] : [])];
    await db.query(`UPDATE handling.tasks SET ${set} WHERE case_id = $1 AND unit_code = $2`, params);
  },
};

const TASK_UPDATES: Partial<Record<HandlingEvent['type'], string>> = {
  'case.signed-for.v1': 'signed_at = $3, signings = signings + 1',
  'case.first-contact-recorded.v1': 'first_contact_at = $3',
  'case.progress-noted.v1': 'last_progress_at = $3, last_progress_note = $4, progress_notes = progress_notes + 1',
  'case.transfer-requested.v1': 'transfer_requested_at = $3, transfer_requests = transfer_requests + 1',
  'case.extension-requested.v1': 'extension_requested_at = $3, extension_requests = extension_requests + 1',
  'case.pause-requested.v1': 'pause_requested_at = $3',
  'case.resume-requested.v1': 'resume_requested_at = $3',
  'case.result-submitted.v1': 'result_submitted_at = $3, results = results + 1',
  'case.part-submitted.v1': 'part_submitted_at = $3, parts = parts + 1',
};

/** Every whistle and where each called department stands on it. */
export const whistleProjection: Projection = {
  name: 'whistles',
  async reset(db) {
    await db.query('TRUNCATE handling.whistles, handling.whistle_departments');
  },
  async apply(stored: StoredEvent, db: PoolClient) {
    const event = stored as unknown as HandlingEvent;
    switch (event.type) {
      case 'whistle.blown.v1': {
        const d = event.data;
        await db.query(
          `INSERT INTO handling.whistles (whistle_id, case_id, caller_unit_code, reason, needs, urgency, blown_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [d.whistleId, d.caseId, d.callerUnitCode, d.reason, d.needs, d.urgency, stored.time],
        );
        for (const code of d.calledDepartmentCodes) {
          await db.query(
            `INSERT INTO handling.whistle_departments (whistle_id, department_code, case_id, blown_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
            [d.whistleId, code, d.caseId, stored.time],
          );
        }
        return;
      }
      case 'whistle.answered.v1':
        return departmentUpdate(db, event.data, 'answered_at = $3', [stored.time]);
      case 'whistle.reported-on-site.v1':
        return departmentUpdate(db, event.data, 'reported_at = $3', [event.data.reportedAt]);
      case 'whistle.part-finished.v1':
        return departmentUpdate(db, event.data, 'finished_at = $3', [stored.time]);
      case 'whistle.released.v1':
        return departmentUpdate(db, event.data, 'released_at = $3', [stored.time]);
      case 'whistle.answer-rated.v1':
        return departmentUpdate(db, event.data, 'rating = $3, comment = $4', [event.data.rating, event.data.comment]);
      default:
        return;
    }
  },
};

async function departmentUpdate(db: PoolClient, d: { whistleId: string; departmentCode: string }, set: string, values: unknown[]): Promise<void> {
  await db.query(`UPDATE handling.whistle_departments SET ${set} WHERE whistle_id = $1 AND department_code = $2`, [d.whistleId, d.departmentCode, ...values]);
}

export const HANDLING_PROJECTIONS: readonly Projection[] = [taskProjection, whistleProjection];
