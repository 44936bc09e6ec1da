import type { EventDefinition } from './schema';

/** Events produced by handling (topic county.handling.events). */

export type HandlingEvent = never;

export const HANDLING_EVENTS: readonly EventDefinition[] = [];
