import type { PoolClient } from 'pg';
import type { CloudEvent, Decider, EventMetadata, NewEvent } from '@county/contracts';
import { ConcurrencyError } from './errors';
import type { EventStore } from './event-store';

/**
 * Loads a stream, folds it into state, asks the decider and appends what it decided with the
 * version it read (a concurrent change is a ConcurrencyError, never an overwrite). With an
 * `expectedVersion` (a caller's If-Match) a stream that moved on since is a ConcurrencyError too,
 * and nothing is decided. `fold` reads the stored events as the aggregate reads them (its upcasts);
 * the decider's own evolve otherwise.
 */
export async function executeCommand<C, E extends NewEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  metadata: EventMetadata,
  options: { client?: PoolClient; ids?: readonly string[]; subject?: string; expectedVersion?: number; fold?: (events: readonly E[]) => S } = {},
): Promise<{ state: S; events: readonly CloudEvent[]; version: number }> {
  const { version, events: stored } = await store.readStream(streamId, options.client);
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) throw new ConcurrencyError(streamId, options.expectedVersion, version);
  const history = stored.map((e) => ({ type: e.type, data: e.data }) as E);
  const state = options.fold ? options.fold(history) : history.reduce(decider.evolve, decider.initialState);
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
