import type { PoolClient } from 'pg';
import type { CloudEvent, EventDataOf, EventType } from '@county/contracts';

/** An event of one type of the catalogue, with the data its schema gives it. */
export type FactEvent<T extends EventType> = CloudEvent<T, EventDataOf<T>>;

/** What applies one type of another service's event to handling's read models. */
export type FactApplier<T extends EventType> = (db: PoolClient, data: EventDataOf<T>, event: FactEvent<T>) => Promise<void>;

/** A table of appliers, one per event type: write it `satisfies FactAppliers`, so that each is typed by its event. */
export type FactAppliers = { readonly [T in EventType]?: FactApplier<T> };

/** The event types a table applies. */
export type AppliedType<TTable extends FactAppliers> = keyof TTable & EventType;

/** Applies an event with its type's applier from the table. */
export function applyFact<T extends EventType>(appliers: { readonly [K in T]: FactApplier<K> }, db: PoolClient, event: FactEvent<T>): Promise<void> {
  return appliers[event.type](db, event.data, event);
}
