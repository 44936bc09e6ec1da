/** The token settings, from the environment; every service that issues or checks tokens shares them. */
export interface AuthSettings {
  /** Secret of the HMAC that signs bearer tokens. */
  readonly tokenSecret: string;
  readonly tokenTtlSeconds: number;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export const DEFAULT_TOKEN_SECRET = 'local-development-token-secret-change-me';

export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const tokenSecret = env.AUTH_TOKEN_SECRET ?? DEFAULT_TOKEN_SECRET;
  if (env.NODE_ENV === 'production' && tokenSecret === DEFAULT_TOKEN_SECRET) throw new Error('AUTH_TOKEN_SECRET must be set in production');
  return { tokenSecret, tokenTtlSeconds: Number(env.AUTH_TOKEN_TTL_SECONDS ?? 8 * 3600) };
}
