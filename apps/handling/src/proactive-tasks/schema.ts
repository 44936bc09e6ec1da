import type { QueryRunner } from 'typeorm';
import { NumberedMigration } from '@county/event-store';

/**
 * Handling's tables of proactive tasks (未诉先办):
 * - proactive_tasks: each task evaluation routed to a unit (proactive-task.opened.v1, consumed),
 *   with what the unit did on it (handling's own proactive-task.* events, written with them);
 * - proactive_task_clocks: the task's warnings and overdue mark from its workflow (case-worker),
 *   kept apart so that they apply in whatever order the two topics arrive;
 * - proactive_task_notes: the texts of progress notes and closure reports, which the events
 *   leave out (they may hold personal data).
 */
export class ProactiveTaskTables extends NumberedMigration {
  readonly component = 'handling';
  readonly version = 2;
  readonly title = 'proactive-tasks';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`
    CREATE TABLE IF NOT EXISTS ${s}.proactive_tasks (
      task_id                text PRIMARY KEY,
      unit_code              text        NOT NULL,
      cooperating_unit_codes text[]      NOT NULL,
      hotspot_id             text        NOT NULL,
      category_code          text        NOT NULL,
      place_kind             text        NOT NULL,
      place_code             text        NOT NULL,
      township_code          text,
      period                 text        NOT NULL,
      linked_case_ids        text[]      NOT NULL,
      deadline               timestamptz NOT NULL,
      opened_at              timestamptz NOT NULL,
      signed_at              timestamptz,
      last_progress_at       timestamptz,
      closed_at              timestamptz,
      late                   boolean
    );
    CREATE INDEX IF NOT EXISTS proactive_tasks_inbox ON ${s}.proactive_tasks (unit_code, opened_at DESC, task_id DESC);
    CREATE TABLE IF NOT EXISTS ${s}.proactive_task_clocks (
      task_id       text PRIMARY KEY,
      warning_level text,
      overdue       boolean NOT NULL DEFAULT false
    );
    CREATE TABLE IF NOT EXISTS ${s}.proactive_task_notes (
      note_id   uuid PRIMARY KEY,
      task_id   text        NOT NULL,
      unit_code text        NOT NULL,
      kind      text        NOT NULL,
      text      text        NOT NULL,
      noted_at  timestamptz NOT NULL
    );
    CREATE INDEX IF NOT EXISTS proactive_task_notes_task ON ${s}.proactive_task_notes (task_id, noted_at);
  `);
  }
}
