import { verifyToken, type Principal } from '@county/auth';

/** The cookie that carries the user's signed token: HttpOnly, so the page's scripts never hold it. */
export const SESSION_COOKIE = 'county_console_session';

export function cookieOf(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

export interface Session {
  readonly token: string;
  readonly principal: Principal;
}

/** The session of a request, if its cookie holds a token that is well signed and not expired. */
export function sessionOf(cookieHeader: string | undefined, secret: string, now = new Date()): Session | undefined {
  const token = cookieOf(cookieHeader, SESSION_COOKIE);
  if (!token) return undefined;
  try {
    return { token, principal: verifyToken(secret, token, now) };
  } catch {
    return undefined;
  }
}
