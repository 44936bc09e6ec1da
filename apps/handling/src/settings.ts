import { loadAuthSettings, type AuthSettings } from '@county/auth';

/** Handling's own settings, from the environment (on top of the platform's config and the token settings of libs/auth). */
export interface HandlingSettings extends AuthSettings {
  /** Whether POST /api/v1/dev/tokens issues tokens for seeded users (local development and tests only). */
  readonly devTokens: boolean;
  /** How close a deadline must be for a case to count as "due soon" when no warning came yet. */
  readonly dueSoonHours: number;
}

export const HANDLING_SETTINGS = Symbol('HANDLING_SETTINGS');

export { DEFAULT_TOKEN_SECRET } from '@county/auth';

export function loadHandlingSettings(env: NodeJS.ProcessEnv = process.env): HandlingSettings {
  const production = env.NODE_ENV === 'production';
  return {
    ...loadAuthSettings(env),
    devTokens: !production && env.HANDLING_DEV_TOKENS !== 'off',
    dueSoonHours: Number(env.HANDLING_DUE_SOON_HOURS ?? 24),
  };
}
