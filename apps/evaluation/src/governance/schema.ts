import type { QueryRunner } from 'typeorm';
import { NumberedMigration } from '@county/event-store';

/**
 * A proactive task's progress is read from the consumed events of its subject
 * (proactive-task-<taskId>): handling's and case-worker's, found by this index.
 */
export class ConsumedEventsBySubject extends NumberedMigration {
  readonly component = 'evaluation';
  readonly version = 2;
  readonly title = 'consumed-events-subject';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS consumed_events_subject ON ${s}.consumed_events (subject)`);
  }
}
