import type { Pool } from 'pg';
import type { QueryRunner } from 'typeorm';
import { NumberedMigration, type MigrationClass } from '@county/event-store';
import type { AfterMigrate } from '@county/service-kit';
import { seedDevelopmentKeys } from '../auth/api-keys';
import type { IntakeSettings } from '../settings';

/**
 * Intake's own tables besides its event store. The resident's name, phone and e-mail live only
 * in resident_contacts; no other table and no event carries them. IF NOT EXISTS: a schema made
 * before the tables were migrations is taken as it is.
 */
export class IntakeTables extends NumberedMigration {
  readonly component = 'intake';
  readonly version = 1;
  readonly title = 'tables';
  protected async change(db: QueryRunner, s: string): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${s}.resident_contacts (
        case_id text PRIMARY KEY,
        name    text,
        phone   text
      );
      ALTER TABLE ${s}.resident_contacts ADD COLUMN IF NOT EXISTS email text;

      -- the integrating channels' keys: only a SHA-256 of the key is stored
      CREATE TABLE IF NOT EXISTS ${s}.api_keys (
        key_id          text PRIMARY KEY,
        label           text NOT NULL,
        channel         text,
        role            text NOT NULL CHECK (role IN ('channel', 'centre')),
        key_hash        text NOT NULL UNIQUE,
        rate_per_minute integer NOT NULL CHECK (rate_per_minute > 0),
        burst           integer NOT NULL CHECK (burst > 0),
        created_at      timestamptz NOT NULL DEFAULT now(),
        revoked_at      timestamptz
      );

      -- write side: the channel's own reference is a natural dedupe key
      CREATE TABLE IF NOT EXISTS ${s}.channel_references (
        channel      text NOT NULL,
        reference    text NOT NULL,
        case_id      text NOT NULL,
        request_hash text NOT NULL,
        status       integer NOT NULL,
        response     jsonb NOT NULL,
        PRIMARY KEY (channel, reference)
      );

      -- write side: Idempotency-Key header, per API key
      CREATE TABLE IF NOT EXISTS ${s}.idempotency_keys (
        key_id          text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash    text NOT NULL,
        status          integer NOT NULL,
        response        jsonb NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (key_id, idempotency_key)
      );

      -- read model: the case as callers may see it (intake's events inline, other services' by consumer)
      CREATE TABLE IF NOT EXISTS ${s}.case_view (
        seq               bigserial UNIQUE,
        case_id           text PRIMARY KEY,
        channel           text NOT NULL,
        channel_reference text NOT NULL,
        appeal_type       text NOT NULL,
        category_code     text NOT NULL,
        urgency           text NOT NULL,
        description       text NOT NULL,
        address           text,
        grid_code         text,
        community_code    text,
        township_code     text,
        latitude          double precision,
        longitude         double precision,
        location_resolved boolean NOT NULL,
        resident_id       text,
        attachments       jsonb NOT NULL,
        received_at       timestamptz NOT NULL,
        recorded_at       timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        status            text NOT NULL,
        merged_into       text,
        repeat_count      integer NOT NULL DEFAULT 0,
        responsible_unit  text,
        deadline          timestamptz
      );
      CREATE INDEX IF NOT EXISTS case_view_open_by_resident ON ${s}.case_view (resident_id, category_code) WHERE status <> 'closed' AND merged_into IS NULL;
      CREATE INDEX IF NOT EXISTS case_view_received_at ON ${s}.case_view (received_at);

      CREATE TABLE IF NOT EXISTS ${s}.case_timeline (
        event_id text PRIMARY KEY,
        case_id  text NOT NULL,
        at       timestamptz NOT NULL,
        step     text NOT NULL,
        detail   jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX IF NOT EXISTS case_timeline_case ON ${s}.case_timeline (case_id, at);
    `);
  }
}

/** Intake's numbered migrations, in order (add the next one at the end; never change one released). */
export const INTAKE_MIGRATIONS: readonly MigrationClass[] = [IntakeTables];

/** After each migration run: the development keys, where the settings ask for them. */
export function intakeAfterMigrate(settings: IntakeSettings): AfterMigrate[] {
  return [async (pool: Pool) => (settings.seedDevelopmentKeys ? seedDevelopmentKeys(pool, settings) : undefined)];
}
