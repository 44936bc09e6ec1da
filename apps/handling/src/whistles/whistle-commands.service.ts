import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ErrorCodes, DomainError, fold, type Urgency } from '@county/contracts';
import { inTransaction, type EventStore } from '@county/event-store';
import { departments, unitByCode } from '@county/reference';
import { EVENT_STORE, Metrics, PG_POOL } from '@county/service-kit';
import type { Principal } from '@county/auth';
import { assertActsForUnit, centreFactsFor, lockCase } from '../cases/case-access';
import { handlingTask, taskStreamId, type HandlingTaskEvent } from '../domain/handling-task';
import { whistle, whistleStreamId, type WhistleCommand, type WhistleEvent } from '../domain/whistle';

export interface WhistleOutcome {
  readonly whistleId: string;
  readonly caseId: string;
  readonly version: number;
  readonly events: readonly { readonly id: string; readonly type: string }[];
}

export interface BlowWhistleRequest {
  readonly calledDepartmentCodes: readonly string[];
  readonly reason: string;
  readonly needs: string;
  readonly urgency: Urgency;
}

/** Runs the commands of a whistle, each in one transaction; a refusal writes nothing. */
@Injectable()
export class WhistleCommands {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  /** A township or community that handles the case calls county departments (吹哨). */
  async blow(principal: Principal, caseId: string, request: BlowWhistleRequest, correlationId: string): Promise<WhistleOutcome> {
    assertActsForUnit(principal);
    const whistleId = randomUUID();
    const now = new Date().toISOString();
    const known = new Set(departments().map((d) => d.code));
    return this.run(whistleId, correlationId, now, async (db) => {
      await lockCase(db, caseId);
      const centre = await centreFactsFor(db, caseId, principal.unitCode);
      if (!centre.active) throw new DomainError(ErrorCodes.CASE_TRANSFERRED_AWAY, `case ${caseId} was transferred away from ${principal.unitCode}`, 'conflict');
      if (centre.resultApproved) throw new DomainError(ErrorCodes.CASE_ALREADY_RESOLVED, `the result of case ${caseId} was approved`, 'conflict');
      const task = await this.store.readStream(taskStreamId(caseId, principal.unitCode), db);
      const taskState = fold(handlingTask, task.events.map((e) => ({ type: e.type, data: e.data }) as HandlingTaskEvent));
      return {
        type: 'BlowWhistle',
        caseId,
        whistleId,
        callerUnitCode: principal.unitCode,
        caller: { unitKind: unitByCode(principal.unitCode)?.kind ?? 'unknown', signedFor: taskState.status === 'signed' },
        calledDepartmentCodes: request.calledDepartmentCodes,
        knownDepartmentCodes: request.calledDepartmentCodes.filter((c) => known.has(c)),
        reason: request.reason,
        needs: request.needs,
        urgency: request.urgency,
      };
    });
  }

  /** A called department answers, reports on site or finishes its part: it acts as the token's unit. */
  department(principal: Principal, whistleId: string, type: 'AnswerWhistle' | 'ReportOnSite' | 'FinishPart', correlationId: string): Promise<WhistleOutcome> {
    assertActsForUnit(principal);
    const now = new Date().toISOString();
    return this.run(whistleId, correlationId, now, () => ({ type, whistleId, departmentCode: principal.unitCode, now }));
  }

  /** The caller releases a department or rates its answer: only the unit that blew the whistle may. */
  caller(
    principal: Principal,
    whistleId: string,
    departmentCode: string,
    action: { type: 'ReleaseDepartment' } | { type: 'RateAnswer'; rating: number; comment: string },
    correlationId: string,
  ): Promise<WhistleOutcome> {
    assertActsForUnit(principal);
    const now = new Date().toISOString();
    return this.run(whistleId, correlationId, now, () => ({ ...action, whistleId, callerUnitCode: principal.unitCode, departmentCode }));
  }

  private async run(
    whistleId: string,
    correlationId: string,
    now: string,
    build: (db: PoolClient) => WhistleCommand | Promise<WhistleCommand>,
  ): Promise<WhistleOutcome> {
    const streamId = whistleStreamId(whistleId);
    const outcome = await inTransaction(this.pool, async (db) => {
      const command = await build(db);
      const { events } = await this.store.readStream(streamId, db);
      const state = fold(whistle, events.map((e) => ({ type: e.type, data: e.data }) as WhistleEvent));
      const caseId = state.status === 'blown' ? state.caseId : command.type === 'BlowWhistle' ? command.caseId : '';
      const decided = whistle.decide(command, state);
      const appended = await this.store.append(streamId, decided, {
        expectedVersion: events.length === 0 ? 'no_stream' : events[events.length - 1].sequence,
        metadata: { time: now, correlationId, causationId: correlationId },
        client: db,
        subject: caseId,
      });
      return { caseId, ...appended };
    });
    for (const e of outcome.events) this.metrics.eventsAppended.inc({ type: e.type });
    return { whistleId, caseId: outcome.caseId, version: outcome.nextVersion, events: outcome.events.map((e) => ({ id: e.id, type: e.type })) };
  }
}
