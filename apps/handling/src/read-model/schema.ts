import type { QueryRunner } from 'typeorm';
import { NumberedMigration, type MigrationClass } from '@county/event-store';
import { ProactiveTaskTables } from '../proactive-tasks/schema';

/**
 * Handling's tables besides its event store: the read models of what other services decided
 * (written by the idempotent Kafka consumer in centre-facts/) and the projections of its own
 * events (read-model/projections.ts: tasks, whistles). IF NOT EXISTS and guarded backfills: a
 * schema made before the tables were migrations is taken as it is.
 */
export class HandlingTables extends NumberedMigration {
  readonly component = 'handling';
  readonly version = 1;
  readonly title = 'tables';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`
      -- whistles and tasks of a case are found by subject (the case id)
      CREATE INDEX IF NOT EXISTS events_subject ON ${s}.events (subject);

      CREATE TABLE IF NOT EXISTS ${s}.cases (
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
      ALTER TABLE ${s}.cases ADD COLUMN IF NOT EXISTS closed_at timestamptz;

      -- one row per case and unit the centre assigned it to; active = false once transferred away
      CREATE TABLE IF NOT EXISTS ${s}.assignments (
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
      ALTER TABLE ${s}.assignments ADD COLUMN IF NOT EXISTS result_approvals integer NOT NULL DEFAULT 0;
      ALTER TABLE ${s}.assignments ADD COLUMN IF NOT EXISTS redo_count integer NOT NULL DEFAULT 0;
      ALTER TABLE ${s}.assignments ADD COLUMN IF NOT EXISTS reopened_at timestamptz;
      ALTER TABLE ${s}.assignments ADD COLUMN IF NOT EXISTS reopen_reason text;
      UPDATE ${s}.assignments SET result_approvals = 1 WHERE result_approved AND result_approvals = 0;
      CREATE INDEX IF NOT EXISTS assignments_inbox ON ${s}.assignments (unit_code, active, assigned_at DESC, case_id DESC);

      -- deadlines from the case workflow; unit_code '' when a deadline names no unit
      CREATE TABLE IF NOT EXISTS ${s}.deadlines (
        case_id       text        NOT NULL,
        clock         text        NOT NULL,
        unit_code     text        NOT NULL DEFAULT '',
        deadline      timestamptz NOT NULL,
        warning_level text,
        overdue       boolean     NOT NULL DEFAULT false,
        PRIMARY KEY (case_id, clock, unit_code)
      );

      -- the answer deadline of each called department, from the case workflow (which owns it)
      CREATE TABLE IF NOT EXISTS ${s}.whistle_deadlines (
        whistle_id            text        NOT NULL,
        department_code       text        NOT NULL,
        answer_deadline       timestamptz,
        answer_overdue        boolean     NOT NULL DEFAULT false,
        supervising_unit_code text,
        PRIMARY KEY (whistle_id, department_code)
      );

      -- where each unit stands on each of its cases (projection of handling's own events)
      CREATE TABLE IF NOT EXISTS ${s}.tasks (
        case_id               text NOT NULL,
        unit_code             text NOT NULL,
        signed_at             timestamptz,
        first_contact_at      timestamptz,
        last_progress_at      timestamptz,
        last_progress_note    text,
        progress_notes        integer NOT NULL DEFAULT 0,
        transfer_requested_at timestamptz,
        transfer_requests     integer NOT NULL DEFAULT 0,
        extension_requested_at timestamptz,
        extension_requests    integer NOT NULL DEFAULT 0,
        pause_requested_at    timestamptz,
        resume_requested_at   timestamptz,
        result_submitted_at   timestamptz,
        results               integer NOT NULL DEFAULT 0,
        part_submitted_at     timestamptz,
        parts                 integer NOT NULL DEFAULT 0,
        PRIMARY KEY (case_id, unit_code)
      );
      -- one signing per round (the first handling, each reopen)
      ALTER TABLE ${s}.tasks ADD COLUMN IF NOT EXISTS signings integer NOT NULL DEFAULT 0;
      UPDATE ${s}.tasks SET signings = 1 WHERE signed_at IS NOT NULL AND signings = 0;

      -- every whistle and where each called department stands on it (projection)
      CREATE TABLE IF NOT EXISTS ${s}.whistles (
        whistle_id       text PRIMARY KEY,
        case_id          text NOT NULL,
        caller_unit_code text NOT NULL,
        reason           text NOT NULL,
        needs            text NOT NULL,
        urgency          text NOT NULL,
        blown_at         timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS whistles_case ON ${s}.whistles (case_id);
      CREATE TABLE IF NOT EXISTS ${s}.whistle_departments (
        whistle_id      text NOT NULL,
        department_code text NOT NULL,
        case_id         text NOT NULL,
        blown_at        timestamptz NOT NULL,
        answered_at     timestamptz,
        reported_at     timestamptz,
        finished_at     timestamptz,
        released_at     timestamptz,
        rating          integer,
        comment         text,
        PRIMARY KEY (whistle_id, department_code)
      );
      CREATE INDEX IF NOT EXISTS whistle_departments_inbox ON ${s}.whistle_departments (department_code, blown_at DESC, whistle_id DESC);`);
  }
}

/** Handling's numbered migrations, in order (add the next one at the end; never change one released). */
export const HANDLING_MIGRATIONS: readonly MigrationClass[] = [HandlingTables, ProactiveTaskTables];
