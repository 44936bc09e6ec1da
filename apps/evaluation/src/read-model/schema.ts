import type { QueryRunner } from 'typeorm';
import { NumberedMigration, type MigrationClass } from '@county/event-store';
import { ConsumedEventsBySubject } from '../governance/schema';

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
 *
 * IF NOT EXISTS throughout: a schema made before the tables were migrations is taken as it is.
 */
export class EvaluationTables extends NumberedMigration {
  readonly component = 'evaluation';
  readonly version = 1;
  readonly title = 'tables';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${s}.consumed_events (
        seq         bigserial PRIMARY KEY,
        event_id    uuid        NOT NULL UNIQUE,
        source      text        NOT NULL,
        type        text        NOT NULL,
        subject     text        NOT NULL,
        event_time  timestamptz NOT NULL,
        envelope    jsonb       NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${s}.case_facts (
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
      ALTER TABLE ${s}.case_facts ADD COLUMN IF NOT EXISTS stratum text;
      CREATE INDEX IF NOT EXISTS case_facts_stage ON ${s}.case_facts (stage);
      CREATE INDEX IF NOT EXISTS case_facts_hot ON ${s}.case_facts (received_day, category_code);
      CREATE TABLE IF NOT EXISTS ${s}.kpi_contributions (
        case_id   text    NOT NULL,
        item      text    NOT NULL,
        unit_code text    NOT NULL,
        metric    text    NOT NULL,
        day       date    NOT NULL,
        hit       boolean NOT NULL,
        value     double precision,
        PRIMARY KEY (case_id, item, unit_code, metric)
      );
      CREATE INDEX IF NOT EXISTS kpi_contributions_day ON ${s}.kpi_contributions (day, unit_code);
      CREATE TABLE IF NOT EXISTS ${s}.proactive_tasks (
        task_id     text PRIMARY KEY,
        unit_code   text        NOT NULL,
        status      text        NOT NULL,
        task        jsonb       NOT NULL,
        deadline    timestamptz NOT NULL,
        opened_at   timestamptz NOT NULL,
        closed_at   timestamptz,
        late        boolean
      );
      CREATE INDEX IF NOT EXISTS proactive_tasks_unit ON ${s}.proactive_tasks (unit_code, status);
      CREATE TABLE IF NOT EXISTS ${s}.proactive_task_reports (
        report_id   uuid PRIMARY KEY,
        task_id     text        NOT NULL,
        unit_code   text        NOT NULL,
        kind        text        NOT NULL,
        text        text        NOT NULL,
        reported_at timestamptz NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${s}.monthly_topics (
        topic_id    text PRIMARY KEY,
        month       text NOT NULL,
        topic       jsonb NOT NULL,
        title       text NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${s}.return_visit_notes (
        event_id    uuid PRIMARY KEY,
        case_id     text NOT NULL,
        comment     text NOT NULL,
        recorded_at timestamptz NOT NULL
      );`);
  }
}

/** Evaluation's numbered migrations, in order (add the next one at the end; never change one released). */
export const EVALUATION_MIGRATIONS: readonly MigrationClass[] = [EvaluationTables, ConsumedEventsBySubject];
