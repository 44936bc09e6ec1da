/** Handling's own settings, from the environment (on top of the platform's config). */
export interface HandlingSettings {
  /** Secret of the HMAC that signs bearer tokens. */
  readonly tokenSecret: string;
  readonly tokenTtlSeconds: number;
  /** Whether POST /api/v1/dev/tokens issues tokens for seeded users (local development and tests only). */
  readonly devTokens: boolean;
  /** How close a deadline must be for a case to count as "due soon" when no warning came yet. */
  readonly dueSoonHours: number;
}

export const HANDLING_SETTINGS = Symbol('HANDLING_SETTINGS');

export const DEFAULT_TOKEN_SECRET = 'local-development-token-secret-change-me';

export function loadHandlingSettings(env: NodeJS.ProcessEnv = process.env): HandlingSettings {
  const production = env.NODE_ENV === 'production';
  const tokenSecret = env.HANDLING_TOKEN_SECRET ?? DEFAULT_TOKEN_SECRET;
  if (production && tokenSecret === DEFAULT_TOKEN_SECRET) throw new Error('HANDLING_TOKEN_SECRET must be set in production');
  return {
    tokenSecret,
    tokenTtlSeconds: Number(env.HANDLING_TOKEN_TTL_SECONDS ?? 8 * 3600),
    devTokens: !production && env.HANDLING_DEV_TOKENS !== 'off',
    dueSoonHours: Number(env.HANDLING_DUE_SOON_HOURS ?? 24),
  };
}
