import type { EventDefinition } from './schema';

/** Events produced by evaluation (topic county.evaluation.events). */

export type EvaluationEvent = never;

export const EVALUATION_EVENTS: readonly EventDefinition[] = [];
