import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCodes, DomainError } from '@county/contracts';
import { ROLES, type Principal, type Role } from './principal';

/**
 * Signed, expiring bearer tokens: `v1.<payload>.<signature>`, the payload being base64url JSON
 * {sub, unit, role, iat, exp} (seconds) and the signature HMAC-SHA256 of `v1.<payload>` with the
 * service's secret. No dependency beyond node:crypto.
 */

const VERSION = 'v1';

interface Payload {
  readonly sub: string;
  readonly unit: string;
  readonly role: Role;
  readonly iat: number;
  readonly exp: number;
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
}

export function issueToken(secret: string, principal: Principal, now: Date, ttlSeconds: number): IssuedToken {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: Payload = { sub: principal.userId, unit: principal.unitCode, role: principal.role, iat, exp: iat + ttlSeconds };
  const body = `${VERSION}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return { token: `${body}.${sign(secret, body)}`, expiresAt: new Date(payload.exp * 1000).toISOString() };
}

function invalid(why: string): DomainError {
  return new DomainError(ErrorCodes.AUTH_TOKEN_INVALID, `the bearer token is not valid: ${why}`, 'unauthorised');
}

/** The principal a token names, if its signature holds and it has not expired. */
export function verifyToken(secret: string, token: string, now: Date): Principal {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw invalid('malformed');
  const body = `${parts[0]}.${parts[1]}`;
  const expected = Buffer.from(sign(secret, body), 'utf8');
  const given = Buffer.from(parts[2], 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid('bad signature');
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    throw invalid('malformed payload');
  }
  if (typeof payload.sub !== 'string' || typeof payload.unit !== 'string' || !ROLES.includes(payload.role as Role) || typeof payload.exp !== 'number') {
    throw invalid('incomplete payload');
  }
  if (payload.exp * 1000 <= now.getTime()) throw new DomainError(ErrorCodes.AUTH_TOKEN_EXPIRED, 'the bearer token has expired; ask for a new one', 'unauthorised');
  return { userId: payload.sub, unitCode: payload.unit, role: payload.role as Role };
}
