import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type { CaseDispatchedData, CloudEvent } from '@county/contracts';
import { handleOnce } from '@county/event-store';
import { CONFIG, Consumers, PG_POOL, type ServiceConfig } from '@county/service-kit';
import { timeline } from './case-view';

/** The fields intake reads from events other services own (a tolerant reader: nothing else is assumed). */
interface DeadlineSetData {
  readonly caseId: string;
  readonly clock: string;
  readonly unitCode?: string;
  readonly deadline: string;
}
interface CaseClosedData {
  readonly caseId: string;
  readonly outcome?: string;
}
interface CaseReopenedData {
  readonly caseId: string;
  readonly unitCode?: string;
}

/**
 * Keeps the case read model's status, responsible unit and handling deadline up to date from
 * dispatch's, case-worker's and evaluation's events, each event applied once (handleOnce).
 */
@Injectable()
export class CaseStatusConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: Consumers,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      purpose: 'case-status',
      from: ['dispatch', 'case-worker', 'evaluation'],
      handle: async (event) => {
        await this.apply(event);
      },
    });
  }

  async apply(event: CloudEvent): Promise<void> {
    if (!['case.dispatched.v1', 'case.sent-to-triage.v1', 'case.deadline-set.v1', 'case.closed.v1', 'case.reopened.v1'].includes(event.type)) return;
    await handleOnce(this.pool, this.config.schema, 'case-status', event.id, async (db) => {
      switch (event.type) {
        case 'case.dispatched.v1': {
          const d = event.data as CaseDispatchedData;
          await db.query(
            `UPDATE intake.case_view SET responsible_unit = $2, status = CASE WHEN status = 'closed' THEN status ELSE 'dispatched' END, updated_at = greatest(updated_at, $3) WHERE case_id = $1`,
            [d.caseId, d.primaryUnitCode, event.time],
          );
          await timeline(db, event, d.caseId, d.dispatchedAt, 'dispatched', { unitCode: d.primaryUnitCode });
          return;
        }
        case 'case.sent-to-triage.v1': {
          // the centre sorts the case out by hand (e.g. an unresolved place); the reason stays internal
          const d = event.data as { caseId: string };
          await db.query('UPDATE intake.case_view SET updated_at = greatest(updated_at, $2) WHERE case_id = $1', [d.caseId, event.time]);
          await timeline(db, event, d.caseId, event.time, 'sent-to-triage', {});
          return;
        }
        case 'case.deadline-set.v1': {
          const d = event.data as DeadlineSetData;
          if (d.clock !== 'handling') return;
          await db.query('UPDATE intake.case_view SET deadline = $2, updated_at = greatest(updated_at, $3) WHERE case_id = $1', [d.caseId, d.deadline, event.time]);
          await timeline(db, event, d.caseId, event.time, 'deadline-set', { deadline: d.deadline });
          return;
        }
        case 'case.closed.v1': {
          const d = event.data as CaseClosedData;
          await db.query(`UPDATE intake.case_view SET status = 'closed', updated_at = greatest(updated_at, $2) WHERE case_id = $1`, [d.caseId, event.time]);
          await timeline(db, event, d.caseId, event.time, 'closed', d.outcome ? { outcome: d.outcome } : {});
          return;
        }
        case 'case.reopened.v1': {
          const d = event.data as CaseReopenedData;
          await db.query(`UPDATE intake.case_view SET status = 'dispatched', updated_at = greatest(updated_at, $2) WHERE case_id = $1`, [d.caseId, event.time]);
          await timeline(db, event, d.caseId, event.time, 'reopened', {});
          return;
        }
      }
    });
  }
}
