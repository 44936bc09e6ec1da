import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { CHANNELS, type Channel } from '@county/contracts';
import type { IntakeSettings } from '../settings';

/**
 * API keys of the integrating channels (one per channel system) and of centre staff. A key is
 * shown once when created; only its SHA-256 is stored. A revoked key is refused at once.
 */

export type KeyRole = 'channel' | 'centre';

export interface ApiKey {
  readonly keyId: string;
  readonly label: string;
  /** The channel this key may file cases for; null for centre keys (any channel). */
  readonly channel: Channel | null;
  readonly role: KeyRole;
  readonly ratePerMinute: number;
  readonly burst: number;
  readonly revoked: boolean;
}

export interface NewApiKey {
  readonly label: string;
  readonly channel: Channel | null;
  readonly role: KeyRole;
  readonly ratePerMinute?: number;
  readonly burst?: number;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

type Row = { key_id: string; label: string; channel: Channel | null; role: KeyRole; rate_per_minute: number; burst: number; revoked_at: Date | null };

function toKey(r: Row): ApiKey {
  return { keyId: r.key_id, label: r.label, channel: r.channel, role: r.role, ratePerMinute: r.rate_per_minute, burst: r.burst, revoked: r.revoked_at !== null };
}

/** Creates a key; returns the secret (shown once) with the stored key. */
export async function createApiKey(pool: Pool, key: NewApiKey, defaults: Pick<IntakeSettings, 'defaultRatePerMinute' | 'defaultBurst'>, secret?: string): Promise<{ secret: string; key: ApiKey }> {
  if (key.role === 'channel' && (key.channel === null || !CHANNELS.includes(key.channel))) throw new Error(`a channel key needs one of: ${CHANNELS.join(', ')}`);
  const value = secret ?? `ik_${randomBytes(24).toString('base64url')}`;
  const keyId = `k_${randomBytes(6).toString('hex')}`;
  const result = await pool.query<Row>(
    `INSERT INTO intake.api_keys (key_id, label, channel, role, key_hash, rate_per_minute, burst)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [keyId, key.label, key.channel, key.role, hashKey(value), key.ratePerMinute ?? defaults.defaultRatePerMinute, key.burst ?? defaults.defaultBurst],
  );
  return { secret: value, key: toKey(result.rows[0]) };
}

export async function revokeApiKey(pool: Pool, keyId: string): Promise<boolean> {
  const result = await pool.query('UPDATE intake.api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL', [keyId]);
  return (result.rowCount ?? 0) > 0;
}

export async function listApiKeys(pool: Pool): Promise<ApiKey[]> {
  const result = await pool.query<Row>('SELECT * FROM intake.api_keys ORDER BY created_at, key_id');
  return result.rows.map(toKey);
}

/** The key a secret belongs to (revoked keys included, so that the caller can tell "revoked" from "unknown"). */
export async function findApiKey(pool: Pool, secret: string): Promise<ApiKey | undefined> {
  const result = await pool.query<Row>('SELECT * FROM intake.api_keys WHERE key_hash = $1', [hashKey(secret)]);
  return result.rows[0] ? toKey(result.rows[0]) : undefined;
}

/**
 * Well-known keys for local development and tests, one per channel plus one for centre staff:
 * `dev-<channel>-key` (e.g. dev-hotline-key) and `dev-centre-key`. Never seeded in production.
 */
export const DEVELOPMENT_KEYS: ReadonlyArray<{ secret: string; keyId: string; channel: Channel | null; role: KeyRole }> = [
  ...CHANNELS.map((channel) => ({ secret: `dev-${channel}-key`, keyId: `dev-${channel}`, channel, role: 'channel' as const })),
  { secret: 'dev-centre-key', keyId: 'dev-centre', channel: null, role: 'centre' },
];

export async function seedDevelopmentKeys(pool: Pool, defaults: Pick<IntakeSettings, 'defaultRatePerMinute' | 'defaultBurst'>): Promise<void> {
  for (const k of DEVELOPMENT_KEYS) {
    await pool.query(
      `INSERT INTO intake.api_keys (key_id, label, channel, role, key_hash, rate_per_minute, burst)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [k.keyId, `development key (${k.channel ?? 'centre'})`, k.channel, k.role, hashKey(k.secret), defaults.defaultRatePerMinute, defaults.defaultBurst],
    );
  }
}
