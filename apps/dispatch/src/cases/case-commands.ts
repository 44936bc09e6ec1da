import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { ErrorCodes, DomainError, type EventMetadata } from '@county/contracts';
import { executeCommand, inTransaction, type EventStore } from '@county/event-store';
import { EVENT_STORE, Metrics, PG_POOL } from '@county/service-kit';
import { dispatchCase, foldStream, type DispatchCaseCommand, type DispatchCaseEvent, type DispatchCaseState } from '../domain/dispatch-case';

export interface CommandOutcome {
  readonly caseId: string;
  /** The case's version after the command: send it back as If-Match to act on exactly this state. */
  readonly version: number;
  readonly events: readonly string[];
}

/** "3", 3 or W/"3" -> 3; anything else is a 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new DomainError(ErrorCodes.CASE_BAD_IF_MATCH, 'If-Match must be the case version, e.g. "3"', 'invalid');
  return Number(match[1]);
}

/**
 * Runs a command on a case stream: read, fold, decide, append with the version read, all in one
 * transaction. With an expected version (If-Match) a case that moved on is a 409; a concurrent
 * append is a 409 too. A refused command writes nothing.
 */
@Injectable()
export class CaseCommands {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  async load(caseId: string, client?: PoolClient): Promise<{ state: DispatchCaseState; version: number }> {
    const { version, events } = await this.store.readStream(caseId, client);
    return { state: foldStream(events.map((e) => ({ type: e.type, data: e.data }) as DispatchCaseEvent)), version };
  }

  execute(caseId: string, command: DispatchCaseCommand, metadata: EventMetadata, options: { expectedVersion?: number; client?: PoolClient } = {}): Promise<CommandOutcome> {
    const run = async (client: PoolClient): Promise<CommandOutcome> => {
      const outcome = await executeCommand(this.store, caseId, dispatchCase, command, metadata, { client, expectedVersion: options.expectedVersion, fold: foldStream });
      for (const e of outcome.events) this.metrics.eventsAppended.inc({ type: e.type });
      return { caseId, version: outcome.version, events: outcome.events.map((e) => e.type) };
    };
    return options.client ? run(options.client) : inTransaction(this.pool, run);
  }
}
