import { CASE_WORKER_EVENTS } from './case-worker';
import { DISPATCH_EVENTS } from './dispatch';
import { EVALUATION_EVENTS } from './evaluation';
import { GOVERNANCE_EVENTS } from './governance';
import { HANDLING_EVENTS } from './handling';
import { INTAKE_EVENTS } from './intake';
import type { EventDefinition, EventOf } from './schema';

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

/** Every event definition of the catalogue, each with its own type name and schema. */
export type CatalogueEventDefinition =
  | (typeof INTAKE_EVENTS)[number]
  | (typeof DISPATCH_EVENTS)[number]
  | (typeof HANDLING_EVENTS)[number]
  | (typeof EVALUATION_EVENTS)[number]
  | (typeof GOVERNANCE_EVENTS)[number]
  | (typeof CASE_WORKER_EVENTS)[number];

/** The `{ type, data }` of every event type of the catalogue. */
export type CatalogueEvent = EventOf<CatalogueEventDefinition>;

/** The name of every event type of the catalogue. */
export type EventType = CatalogueEvent['type'];

/** The data of one event type, by its name: `EventDataOf<'case.received.v1'>` is `CaseReceivedData`. */
export type EventDataOf<TType extends EventType> = Extract<CatalogueEvent, { type: TType }>['data'];
