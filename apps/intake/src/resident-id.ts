import { createHmac } from 'node:crypto';

/** Keyed hash (HMAC-SHA256, truncated) of the resident's identity (residentIdentity): stable per person, not reversible without the key. */
export function residentId(key: string, identity: string): string {
  return `r_${createHmac('sha256', key).update(identity).digest('hex').slice(0, 32)}`;
}
