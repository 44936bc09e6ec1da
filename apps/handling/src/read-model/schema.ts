import type { Pool } from 'pg';

/**
 * Handling's read models of what other services decided (written by the idempotent Kafka
 * consumer in centre-facts/), besides its event store. The read models of its own events are
 * the projections in read-model/projections.ts.
 */
export async function migrateHandling(pool: Pool): Promise<void> {
  await pool.query(`
    -- whistles and tasks of a case are found by subject (the case id)
    CREATE INDEX IF NOT EXISTS events_subject ON handling.events (subject);

    CREATE TABLE IF NOT EXISTS handling.cases (
      case_id       text PRIMARY KEY,
      category_code text,
      urgency       text,
      township_code text,
      description   text,
      address       text,
      received_at   timestamptz,
      dispatched_at timestamptz
    );
    -- evaluation closed the case's loop (case.closed.v1)
    ALTER TABLE handling.cases ADD COLUMN IF NOT EXISTS closed_at timestamptz;

    -- one row per case and unit the centre assigned it to; active = false once transferred away
    CREATE TABLE IF NOT EXISTS handling.assignments (
      case_id              text        NOT NULL,
      unit_code            text        NOT NULL,
      role                 text        NOT NULL,
      part                 text,
      active               boolean     NOT NULL,
      assigned_at          timestamptz NOT NULL,
      transfer_rulings     integer     NOT NULL DEFAULT 0,
      transfer_ruling      text,
      extension_rulings    integer     NOT NULL DEFAULT 0,
      extension_ruling     text,
      extra_working_days   integer     NOT NULL DEFAULT 0,
      result_rulings       integer     NOT NULL DEFAULT 0,
      result_approved      boolean     NOT NULL DEFAULT false,
      sent_back            boolean     NOT NULL DEFAULT false,
      sent_back_reason     text,
      paused               boolean     NOT NULL DEFAULT false,
      PRIMARY KEY (case_id, unit_code)
    );
    -- a reopened case (重办, evaluation's case.reopened.v1): approvals and reopens are counted, so that
    -- the two may arrive in either order; result_approved = approved more often than reopened
    ALTER TABLE handling.assignments ADD COLUMN IF NOT EXISTS result_approvals integer NOT NULL DEFAULT 0;
    ALTER TABLE handling.assignments ADD COLUMN IF NOT EXISTS redo_count integer NOT NULL DEFAULT 0;
    ALTER TABLE handling.assignments ADD COLUMN IF NOT EXISTS reopened_at timestamptz;
    ALTER TABLE handling.assignments ADD COLUMN IF NOT EXISTS reopen_reason text;
    UPDATE handling.assignments SET result_approvals = 1 WHERE result_approved AND result_approvals = 0;
    CREATE INDEX IF NOT EXISTS assignments_inbox ON handling.assignments (unit_code, active, assigned_at DESC, case_id DESC);

    -- deadlines from the case workflow; unit_code '' when a deadline names no unit
    CREATE TABLE IF NOT EXISTS handling.deadlines (
      case_id       text        NOT NULL,
      clock         text        NOT NULL,
      unit_code     text        NOT NULL DEFAULT '',
      deadline      timestamptz NOT NULL,
      warning_level text,
      overdue       boolean     NOT NULL DEFAULT false,
      PRIMARY KEY (case_id, clock, unit_code)
    );

    -- the answer deadline of each called department, from the case workflow (which owns it)
    CREATE TABLE IF NOT EXISTS handling.whistle_deadlines (
      whistle_id            text        NOT NULL,
      department_code       text        NOT NULL,
      answer_deadline       timestamptz,
      answer_overdue        boolean     NOT NULL DEFAULT false,
      supervising_unit_code text,
      PRIMARY KEY (whistle_id, department_code)
    );
  `);
}
