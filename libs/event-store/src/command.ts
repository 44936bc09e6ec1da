import type { PoolClient } from 'pg';
import type { CloudEvent, Decider, EventMetadata, NewEvent } from '@county/contracts';
import type { EventStore } from './event-store';

/**
 * Loads a stream, folds it into state, asks the decider and appends what it decided with the
 * version it read (a concurrent change is a ConcurrencyError, never an overwrite).
 */
export async function executeCommand<C, E extends NewEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  metadata: EventMetadata,
  options: { client?: PoolClient; ids?: readonly string[]; subject?: string } = {},
): Promise<{ state: S; events: readonly CloudEvent[]; version: number }> {
  const { version, events: history } = await store.readStream(streamId, options.client);
  const state = history.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState);
  const decided = decider.decide(command, state);
  if (decided.length === 0) return { state, events: [], version };
  const appended = await store.append(streamId, decided, {
    expectedVersion: version === 0 ? 'no_stream' : version,
    metadata,
    client: options.client,
    ids: options.ids,
    subject: options.subject,
  });
  return { state: decided.reduce(decider.evolve, state), events: appended.events, version: appended.nextVersion };
}
