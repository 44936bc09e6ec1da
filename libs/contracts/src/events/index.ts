import { CASE_WORKER_EVENTS } from './case-worker';
import { DISPATCH_EVENTS } from './dispatch';
import { EVALUATION_EVENTS } from './evaluation';
import { GOVERNANCE_EVENTS } from './governance';
import { HANDLING_EVENTS } from './handling';
import { INTAKE_EVENTS } from './intake';
import type { EventDefinition } from './schema';

export * from './schema';
export * from './intake';
export * from './dispatch';
export * from './handling';
export * from './evaluation';
export * from './governance';
export * from './case-worker';

/** Every event type any service can emit. The AsyncAPI document is generated from this list. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ...INTAKE_EVENTS,
  ...DISPATCH_EVENTS,
  ...HANDLING_EVENTS,
  ...EVALUATION_EVENTS,
  ...GOVERNANCE_EVENTS,
  ...CASE_WORKER_EVENTS,
];

export function eventDefinition(type: string): EventDefinition | undefined {
  return EVENT_CATALOGUE.find((d) => d.type === type);
}
