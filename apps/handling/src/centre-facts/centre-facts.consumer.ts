import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { PoolClient } from 'pg';
import { ConsumerGroup, EventContext } from '@county/service-kit';
import { applyFact, type AppliedType, type FactAppliers, type FactEvent } from '../read-model/fact-appliers';
import { assignedUnits } from './consumed-events';

export const CENTRE_FACTS_CONSUMER = 'centre-facts';

async function updateAssignment(db: PoolClient, caseId: string, unitCode: string, set: string, values: unknown[] = []): Promise<void> {
  await db.query(`UPDATE handling.assignments SET ${set} WHERE case_id = $1 AND unit_code = $2`, [caseId, unitCode, ...values]);
}

const APPLY = {
  'case.received.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.cases (case_id, category_code, urgency, township_code, description, address, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (case_id) DO UPDATE SET description = EXCLUDED.description, address = EXCLUDED.address, received_at = EXCLUDED.received_at,
         category_code = COALESCE(handling.cases.category_code, EXCLUDED.category_code), urgency = COALESCE(handling.cases.urgency, EXCLUDED.urgency)`,
      [d.caseId, d.categoryCode, d.urgency, d.location.townshipCode ?? null, d.description, d.location.address ?? null, d.receivedAt],
    );
  },

  'case.dispatched.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.cases (case_id, category_code, urgency, township_code, dispatched_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id) DO UPDATE SET category_code = EXCLUDED.category_code, urgency = EXCLUDED.urgency,
         township_code = COALESCE(EXCLUDED.township_code, handling.cases.township_code), dispatched_at = EXCLUDED.dispatched_at`,
      [d.caseId, d.categoryCode, d.urgency, d.townshipCode ?? null, d.dispatchedAt],
    );
    const assigned = assignedUnits(d);
    // a unit left out of a new dispatch (a transfer, an override) may no longer act on the case
    await db.query(`UPDATE handling.assignments SET active = false WHERE case_id = $1 AND NOT (unit_code = ANY($2::text[]))`, [d.caseId, assigned.map((a) => a.unitCode)]);
    for (const a of assigned) {
      await db.query(
        `INSERT INTO handling.assignments (case_id, unit_code, role, part, active, assigned_at) VALUES ($1, $2, $3, $4, true, $5)
         ON CONFLICT (case_id, unit_code) DO UPDATE SET role = EXCLUDED.role, part = EXCLUDED.part, active = true,
           assigned_at = CASE WHEN handling.assignments.active THEN handling.assignments.assigned_at ELSE EXCLUDED.assigned_at END`,
        [d.caseId, a.unitCode, a.role, a.part ?? null, d.dispatchedAt],
      );
    }
  },

  'case.transfer-approved.v1': (db, d) =>
    updateAssignment(db, d.caseId, d.fromUnitCode, `transfer_rulings = transfer_rulings + 1, transfer_ruling = 'approved', active = false`),
  'case.transfer-rejected.v1': (db, d) =>
    updateAssignment(db, d.caseId, d.unitCode, `transfer_rulings = transfer_rulings + 1, transfer_ruling = 'rejected'`),
  'case.result-approved.v1': (db, d) =>
    updateAssignment(
      db,
      d.caseId,
      d.unitCode,
      `result_rulings = result_rulings + 1, result_approvals = result_approvals + 1, result_approved = result_approvals + 1 > redo_count, sent_back = false`,
    ),
  // 重办: the case comes back to the unit whose result was approved; counted, so that a reopen
  // that arrives before the approval it follows (another topic) still ends up reopened
  'case.reopened.v1': (db, d, event) =>
    updateAssignment(
      db,
      d.caseId,
      d.unitCode,
      `redo_count = GREATEST(redo_count, $3), result_approved = result_approvals > GREATEST(redo_count, $3), sent_back = false,
       reopened_at = CASE WHEN $3 > redo_count THEN $4::timestamptz ELSE reopened_at END, reopen_reason = CASE WHEN $3 > redo_count THEN $5 ELSE reopen_reason END`,
      [d.redoCount, event.time, d.reason],
    ),
  'case.result-sent-back.v1': (db, d) =>
    updateAssignment(db, d.caseId, d.unitCode, `result_rulings = result_rulings + 1, sent_back = true, sent_back_reason = $3`, [d.reason ?? null]),
  'case.extension-approved.v1': (db, d) =>
    updateAssignment(db, d.caseId, d.unitCode, `extension_rulings = extension_rulings + 1, extension_ruling = 'approved', extra_working_days = extra_working_days + $3`, [
      d.extraWorkingDays,
    ]),
  'case.extension-rejected.v1': (db, d) =>
    updateAssignment(db, d.caseId, d.unitCode, `extension_rulings = extension_rulings + 1, extension_ruling = 'rejected'`),
  'case.clock-paused.v1': (db, d) => updateAssignment(db, d.caseId, d.unitCode, 'paused = true'),
  'case.clock-resumed.v1': (db, d) => updateAssignment(db, d.caseId, d.unitCode, 'paused = false'),

  'case.closed.v1': async (db, d, event) => {
    await db.query(`UPDATE handling.cases SET closed_at = COALESCE(closed_at, $2) WHERE case_id = $1`, [d.caseId ?? event.subject, event.time]);
  },

  'case.deadline-set.v1': async (db, d) => {
    // a new deadline (an extension, a pause) clears the warning and the overdue mark of the old one
    await db.query(
      `INSERT INTO handling.deadlines (case_id, clock, unit_code, deadline) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, clock, unit_code) DO UPDATE SET deadline = EXCLUDED.deadline,
         warning_level = CASE WHEN handling.deadlines.deadline = EXCLUDED.deadline THEN handling.deadlines.warning_level END,
         overdue = handling.deadlines.overdue AND handling.deadlines.deadline = EXCLUDED.deadline`,
      [d.caseId, d.clock, d.unitCode ?? '', d.deadline],
    );
  },
  'case.warning-issued.v1': async (db, d) => {
    await db.query(
      `UPDATE handling.deadlines SET warning_level = CASE WHEN warning_level = 'orange' THEN 'orange' ELSE $3 END
        WHERE case_id = $1 AND clock = $2 AND ($4::text IS NULL OR unit_code IN ($4, ''))`,
      [d.caseId, d.clock, d.level, d.unitCode ?? null],
    );
  },
  'case.overdue.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.deadlines (case_id, clock, unit_code, deadline, overdue) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (case_id, clock, unit_code) DO UPDATE SET overdue = true`,
      [d.caseId, d.clock, d.unitCode ?? '', d.deadline],
    );
  },
  'whistle.answer-deadline-set.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.whistle_deadlines (whistle_id, department_code, answer_deadline)
       SELECT $1, department_code, $3 FROM unnest($2::text[]) AS department_code
       ON CONFLICT (whistle_id, department_code) DO UPDATE SET answer_deadline = EXCLUDED.answer_deadline`,
      [d.whistleId, d.calledDepartmentCodes, d.deadline],
    );
  },
  'whistle.answer-overdue.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.whistle_deadlines (whistle_id, department_code, answer_deadline, answer_overdue) VALUES ($1, $2, $3, true)
       ON CONFLICT (whistle_id, department_code) DO UPDATE SET answer_deadline = EXCLUDED.answer_deadline, answer_overdue = true`,
      [d.whistleId, d.departmentCode, d.deadline],
    );
  },
  'whistle.escalated.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.whistle_deadlines (whistle_id, department_code, supervising_unit_code) VALUES ($1, $2, $3)
       ON CONFLICT (whistle_id, department_code) DO UPDATE SET supervising_unit_code = EXCLUDED.supervising_unit_code`,
      [d.whistleId, d.departmentCode, d.supervisingUnitCode],
    );
  },
} satisfies FactAppliers;

/**
 * What the other services decided about a case, kept in handling's read models: the case itself
 * (intake), its assignment and the centre's rulings (dispatch), its deadlines and warnings (the
 * case workflow), its reopening after a return visit (evaluation). Each event is applied once, in
 * the transaction that records its id, whatever Kafka redelivers.
 */
@ConsumerGroup({ purpose: CENTRE_FACTS_CONSUMER, from: ['intake', 'dispatch', 'case-worker', 'evaluation'] })
export class CentreFactsConsumer {
  @EventPattern(Object.keys(APPLY))
  async apply(@Payload() event: FactEvent<AppliedType<typeof APPLY>>, @Ctx() { db, log }: EventContext): Promise<void> {
    await applyFact(APPLY, db, event);
    log.debug('case fact applied');
  }
}
