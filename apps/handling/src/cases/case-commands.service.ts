import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { executeCommand, inTransaction, type EventStore } from '@county/event-store';
import { EVENT_STORE, Metrics, PG_POOL } from '@county/service-kit';
import type { Principal } from '@county/auth';
import { handlingTask, taskStreamId, type CentreFacts, type HandlingTaskCommand } from '../domain/handling-task';
import { outstandingDepartments, whistle, type WhistleEvent } from '../domain/whistle';
import { fold } from '@county/contracts';
import { assertActsForUnit, centreFactsFor, lockCase } from './case-access';

export interface CommandOutcome {
  readonly caseId: string;
  readonly unitCode: string;
  /** The version of the unit's task stream after the command. */
  readonly version: number;
  readonly events: readonly { readonly id: string; readonly type: string }[];
}

export interface CommandContext {
  readonly caseId: string;
  readonly unitCode: string;
  readonly now: string;
  readonly centre: CentreFacts;
}

/**
 * Runs one command on a unit's task of a case: checks who acts, reads what the centre decided,
 * asks the decider and appends its events, all in one transaction. A refusal writes nothing.
 */
@Injectable()
export class TaskCommands {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  async execute(
    principal: Principal,
    caseId: string,
    correlationId: string,
    build: (ctx: CommandContext, db: PoolClient) => HandlingTaskCommand | Promise<HandlingTaskCommand>,
    options: { leaderOnly?: boolean; lockCase?: boolean } = {},
  ): Promise<CommandOutcome> {
    assertActsForUnit(principal, options);
    const unitCode = principal.unitCode;
    const now = new Date().toISOString();
    const outcome = await inTransaction(this.pool, async (db) => {
      if (options.lockCase) await lockCase(db, caseId);
      const centre = await centreFactsFor(db, caseId, unitCode);
      const command = await build({ caseId, unitCode, now, centre }, db);
      return executeCommand(this.store, taskStreamId(caseId, unitCode), handlingTask, command, { time: now, correlationId, causationId: correlationId }, { client: db, subject: caseId });
    });
    for (const e of outcome.events) this.metrics.eventsAppended.inc({ type: e.type });
    return { caseId, unitCode, version: outcome.version, events: outcome.events.map((e) => ({ id: e.id, type: e.type })) };
  }

  /** The called departments of the case's whistles that have neither finished their part nor been released. */
  async outstandingWhistleDepartments(db: PoolClient, caseId: string): Promise<string[]> {
    const streams = await db.query<{ stream_id: string }>(`SELECT DISTINCT stream_id FROM handling.events WHERE subject = $1 AND stream_id LIKE 'whistle-%' ORDER BY stream_id`, [caseId]);
    const outstanding: string[] = [];
    for (const { stream_id } of streams.rows) {
      const { events } = await this.store.readStream(stream_id, db);
      outstanding.push(...outstandingDepartments(fold(whistle, events.map((e) => ({ type: e.type, data: e.data }) as WhistleEvent))));
    }
    return [...new Set(outstanding)];
  }
}
