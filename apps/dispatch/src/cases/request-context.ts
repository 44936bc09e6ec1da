import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@county/contracts';

/** The metadata of a dispatcher's command: now, and the caller's correlation id (or a new one). */
export function commandMetadata(correlationId: string | undefined): EventMetadata & { now: string } {
  const id = correlationId || randomUUID();
  const now = new Date().toISOString();
  return { time: now, now, correlationId: id, causationId: id };
}
