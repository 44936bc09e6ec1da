import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CaseClosedData, CaseDeadlineSetData, CaseDispatchedData, CaseReopenedData, CaseSentToTriageData, CloudEvent } from '@county/contracts';
import { ConsumerGroup, EventContext } from '@county/service-kit';
import { timeline } from './case-view';

/**
 * Keeps the case read model's status, responsible unit and handling deadline up to date from
 * dispatch's, case-worker's and evaluation's events, each event applied once, in the transaction
 * that records its id.
 */
@ConsumerGroup({ purpose: 'case-status', from: ['dispatch', 'case-worker', 'evaluation'] })
export class CaseStatusConsumer {
  @EventPattern('case.dispatched.v1')
  async dispatched(@Payload() event: CloudEvent<'case.dispatched.v1', CaseDispatchedData>, @Ctx() { db }: EventContext): Promise<void> {
    const d = event.data;
    await db.query(
      `UPDATE intake.case_view SET responsible_unit = $2, status = CASE WHEN status = 'closed' THEN status ELSE 'dispatched' END, updated_at = greatest(updated_at, $3) WHERE case_id = $1`,
      [d.caseId, d.primaryUnitCode, event.time],
    );
    await timeline(db, event, d.caseId, d.dispatchedAt, 'dispatched', { unitCode: d.primaryUnitCode });
  }

  /** The centre sorts the case out by hand (e.g. an unresolved place); the reason stays internal. */
  @EventPattern('case.sent-to-triage.v1')
  async sentToTriage(@Payload() event: CloudEvent<'case.sent-to-triage.v1', CaseSentToTriageData>, @Ctx() { db }: EventContext): Promise<void> {
    const d = event.data;
    await db.query('UPDATE intake.case_view SET updated_at = greatest(updated_at, $2) WHERE case_id = $1', [d.caseId, event.time]);
    await timeline(db, event, d.caseId, event.time, 'sent-to-triage', {});
  }

  @EventPattern('case.deadline-set.v1')
  async deadlineSet(@Payload() event: CloudEvent<'case.deadline-set.v1', CaseDeadlineSetData>, @Ctx() { db }: EventContext): Promise<void> {
    const d = event.data;
    if (d.clock !== 'handling') return;
    await db.query('UPDATE intake.case_view SET deadline = $2, updated_at = greatest(updated_at, $3) WHERE case_id = $1', [d.caseId, d.deadline, event.time]);
    await timeline(db, event, d.caseId, event.time, 'deadline-set', { deadline: d.deadline });
  }

  @EventPattern('case.closed.v1')
  async closed(@Payload() event: CloudEvent<'case.closed.v1', CaseClosedData>, @Ctx() { db }: EventContext): Promise<void> {
    const d = event.data;
    await db.query(`UPDATE intake.case_view SET status = 'closed', updated_at = greatest(updated_at, $2) WHERE case_id = $1`, [d.caseId, event.time]);
    await timeline(db, event, d.caseId, event.time, 'closed', d.outcome ? { outcome: d.outcome } : {});
  }

  @EventPattern('case.reopened.v1')
  async reopened(@Payload() event: CloudEvent<'case.reopened.v1', CaseReopenedData>, @Ctx() { db }: EventContext): Promise<void> {
    const d = event.data;
    await db.query(`UPDATE intake.case_view SET status = 'dispatched', updated_at = greatest(updated_at, $2) WHERE case_id = $1`, [d.caseId, event.time]);
    await timeline(db, event, d.caseId, event.time, 'reopened', {});
  }
}
