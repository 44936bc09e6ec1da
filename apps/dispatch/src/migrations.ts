import type { QueryRunner } from 'typeorm';
import { NumberedMigration, type MigrationClass } from '@county/event-store';

/**
 * Dispatch's tables besides its event store:
 * - case_queue, unit_transfers: the centre's desks, projected from dispatch's own events
 *   (projections/case-queues.projection.ts);
 * - case_reopens, case_closures: the centre's record of reopened cases (重办) and of closed
 *   cases, from evaluation's case.reopened.v1 and case.closed.v1 (reopens/reopens.ts).
 * IF NOT EXISTS throughout: a schema made before the tables were migrations is taken as it is.
 */
export class DispatchTables extends NumberedMigration {
  readonly component = 'dispatch';
  readonly version = 1;
  readonly title = 'tables';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${s}.case_queue (
        case_id                text PRIMARY KEY,
        status                 text NOT NULL,
        category_code          text,
        urgency                text,
        township_code          text,
        primary_unit_code      text,
        cooperating_unit_codes jsonb NOT NULL DEFAULT '[]',
        basis                  jsonb,
        triage_reason          text,
        final                  boolean NOT NULL DEFAULT false,
        transfer_count         integer NOT NULL DEFAULT 0,
        paused                 boolean NOT NULL DEFAULT false,
        pending_transfer       jsonb,
        pending_review         jsonb,
        pending_extension      jsonb,
        pending_pause          jsonb,
        version                integer NOT NULL,
        updated_at             timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS case_queue_status ON ${s}.case_queue (status, updated_at);
      CREATE TABLE IF NOT EXISTS ${s}.unit_transfers (
        unit_code text PRIMARY KEY,
        requested integer NOT NULL DEFAULT 0,
        approved  integer NOT NULL DEFAULT 0,
        rejected  integer NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS ${s}.case_reopens (
        case_id     text        PRIMARY KEY,
        unit_code   text        NOT NULL,
        redo_count  integer     NOT NULL,
        reason      text        NOT NULL,
        reopened_at timestamptz NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${s}.case_closures (
        case_id   text        PRIMARY KEY,
        closed_at timestamptz NOT NULL
      );`);
  }
}

/** Dispatch's numbered migrations, in order (add the next one at the end; never change one released). */
export const DISPATCH_MIGRATIONS: readonly MigrationClass[] = [DispatchTables];
