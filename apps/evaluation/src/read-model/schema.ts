import type { Pool } from 'pg';

/**
 * Evaluation's read models (schema evaluation), all rebuildable from consumed_events:
 * - consumed_events: every event consumed from every topic, raw, in the order consumed (the
 *   source of a rebuild; never reset);
 * - case_facts: the facts of each case (domain/case-facts.ts) plus columns for the callback
 *   queue, hot issues and the stratum of fair rankings (domain/fair-ranking.ts; a database from
 *   before that column gets it filled by a rebuild);
 * - kpi_contributions: each case's rows behind every KPI figure (domain/kpis.ts);
 * - proactive_tasks, monthly_topics: projections of evaluation's own proactive-task.* and
 *   monthly-topic.* events, written with them; proactive_task_reports and the topics' titles: the
 *   texts the events leave out (they may hold personal data);
 * - return_visit_notes: the callback staff's comments (kept out of events: they may hold
 *   personal data), one per recorded visit or failed attempt, keyed by the event id.
 */
export async function migrateEvaluation(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS evaluation.consumed_events (
      seq         bigserial PRIMARY KEY,
      event_id    uuid        NOT NULL UNIQUE,
      source      text        NOT NULL,
      type        text        NOT NULL,
      subject     text        NOT NULL,
      event_time  timestamptz NOT NULL,
      envelope    jsonb       NOT NULL,
      consumed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS evaluation.case_facts (
      case_id          text PRIMARY KEY,
      facts            jsonb   NOT NULL,
      stage            text    NOT NULL,
      merged_away      boolean NOT NULL,
      approvals        integer NOT NULL,
      last_approved_unit text,
      last_approved_at timestamptz,
      category_code    text,
      township_code    text,
      community_code   text,
      grid_code        text,
      received_day     date
    );
    ALTER TABLE evaluation.case_facts ADD COLUMN IF NOT EXISTS stratum text;
    CREATE INDEX IF NOT EXISTS case_facts_stage ON evaluation.case_facts (stage);
    CREATE INDEX IF NOT EXISTS case_facts_hot ON evaluation.case_facts (received_day, category_code);
    CREATE TABLE IF NOT EXISTS evaluation.kpi_contributions (
      case_id   text    NOT NULL,
      item      text    NOT NULL,
      unit_code text    NOT NULL,
      metric    text    NOT NULL,
      day       date    NOT NULL,
      hit       boolean NOT NULL,
      value     double precision,
      PRIMARY KEY (case_id, item, unit_code, metric)
    );
    CREATE INDEX IF NOT EXISTS kpi_contributions_day ON evaluation.kpi_contributions (day, unit_code);
    CREATE TABLE IF NOT EXISTS evaluation.proactive_tasks (
      task_id     text PRIMARY KEY,
      unit_code   text        NOT NULL,
      status      text        NOT NULL,
      task        jsonb       NOT NULL,
      deadline    timestamptz NOT NULL,
      opened_at   timestamptz NOT NULL,
      closed_at   timestamptz,
      late        boolean
    );
    CREATE INDEX IF NOT EXISTS proactive_tasks_unit ON evaluation.proactive_tasks (unit_code, status);
    CREATE TABLE IF NOT EXISTS evaluation.proactive_task_reports (
      report_id   uuid PRIMARY KEY,
      task_id     text        NOT NULL,
      unit_code   text        NOT NULL,
      kind        text        NOT NULL,
      text        text        NOT NULL,
      reported_at timestamptz NOT NULL
    );
    CREATE TABLE IF NOT EXISTS evaluation.monthly_topics (
      topic_id    text PRIMARY KEY,
      month       text NOT NULL,
      topic       jsonb NOT NULL,
      title       text NOT NULL
    );
    CREATE TABLE IF NOT EXISTS evaluation.return_visit_notes (
      event_id    uuid PRIMARY KEY,
      case_id     text NOT NULL,
      comment     text NOT NULL,
      recorded_at timestamptz NOT NULL
    );
  `);
}
