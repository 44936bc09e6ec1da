import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { ErrorCodes, DomainError, type CloseOutcome, type CloudEvent, type EventMetadata } from '@county/contracts';
import { defaultCalendar } from '@county/reference';
import { executeCommand, inTransaction, type EventStore } from '@county/event-store';
import { EVENT_STORE, PG_POOL, Metrics } from '@county/service-kit';
import { evolveFacts, type CaseFacts } from '../domain/case-facts';
import { caseFactsData } from '../domain/case-facts-event';
import { returnVisit, type Approval, type ReturnVisitCommand } from '../domain/return-visit';
import { FactsStore } from '../read-model/facts-store';

export interface ReturnVisitOutcome {
  readonly caseId: string;
  /** What happened: the event types appended, in order. */
  readonly events: readonly string[];
  readonly status: 'awaiting-return-visit' | 'reopened' | 'closed';
  readonly outcome?: CloseOutcome;
}

/**
 * Runs a return-visit command: the decision, the case facts event when the case closes, the
 * read models and the staff's comment all commit in one transaction (or nothing does).
 */
@Injectable()
export class ReturnVisitsHandler {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: FactsStore,
    private readonly metrics: Metrics,
  ) {}

  execute(caseId: string, at: string | undefined, build: (approval: Approval | null, at: string) => ReturnVisitCommand, comment: string | undefined, correlationId: string): Promise<ReturnVisitOutcome> {
    return inTransaction(this.pool, async (db) => {
      const facts = await this.facts.loadFacts(db, caseId, true);
      if (!facts) throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `evaluation knows no case ${caseId}`, 'not-found');
      const last = facts.resultsApproved[facts.resultsApproved.length - 1];
      const approval = last?.unitCode ? { approvals: facts.resultsApproved.length, unitCode: last.unitCode } : null;
      const now = new Date().toISOString();
      const when = at === undefined ? now : new Date(at).toISOString();
      if (when > now) throw new DomainError(ErrorCodes.RETURN_VISIT_IN_THE_FUTURE, 'a call cannot be logged before it is made', 'invalid');
      const metadata: EventMetadata = { time: now, correlationId, causationId: correlationId };
      const decided = await executeCommand(this.store, caseId, returnVisit, build(approval, when), metadata, { client: db });
      const events: CloudEvent[] = [...decided.events];
      const closed = events.find((e) => e.type === 'case.closed.v1') as CloudEvent<'case.closed.v1', { outcome: CloseOutcome; closedAt?: string }> | undefined;
      if (closed) events.push(...(await this.appendFacts(db, facts, events, closed, decided.version, metadata)));
      for (const e of events) {
        await this.facts.consume(db, e, { detectHotspots: false });
        this.metrics.eventsAppended.inc({ type: e.type });
      }
      if (comment && events.length > 0) {
        await db.query('INSERT INTO evaluation.return_visit_notes (event_id, case_id, comment, recorded_at) VALUES ($1, $2, $3, $4)', [events[0].id, caseId, comment, now]);
      }
      const status = closed ? 'closed' : events.some((e) => e.type === 'case.reopened.v1') ? 'reopened' : 'awaiting-return-visit';
      return { caseId, events: events.map((e) => e.type), status, ...(closed && { outcome: closed.data.outcome }) };
    });
  }

  private async appendFacts(db: PoolClient, facts: CaseFacts, decided: readonly CloudEvent[], closed: CloudEvent<'case.closed.v1', { outcome: CloseOutcome; closedAt?: string }>, version: number, metadata: EventMetadata): Promise<CloudEvent[]> {
    const final = decided.reduce(evolveFacts, facts);
    const data = caseFactsData(final, { outcome: closed.data.outcome, closedAt: closed.data.closedAt ?? closed.time }, defaultCalendar);
    const appended = await this.store.append(facts.caseId, [{ type: 'case.facts.v1', data }], { expectedVersion: version, metadata, client: db });
    return [...appended.events];
  }
}
