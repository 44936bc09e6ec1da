import type { Pool } from 'pg';

/**
 * A proactive task's progress is read from the consumed events of its subject
 * (proactive-task-<taskId>): handling's and case-worker's, found by this index.
 */
export async function migrateGovernance(pool: Pool): Promise<void> {
  await pool.query(`CREATE INDEX IF NOT EXISTS consumed_events_subject ON evaluation.consumed_events (subject)`);
}
