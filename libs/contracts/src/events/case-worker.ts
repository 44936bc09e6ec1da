import type { EventDefinition } from './schema';

/** Events produced by case-worker, the case workflow's voice on Kafka (topic county.case-worker.events). */

export type CaseWorkerEvent = never;

export const CASE_WORKER_EVENTS: readonly EventDefinition[] = [];
