import { createHmac } from 'node:crypto';
import { normalisePhone } from './domain/resident';

/** Keyed hash (HMAC-SHA256, truncated) of the resident's phone: stable per person, not reversible without the key. */
export function residentId(key: string, phone: string): string {
  return `r_${createHmac('sha256', key).update(normalisePhone(phone)).digest('hex').slice(0, 32)}`;
}
