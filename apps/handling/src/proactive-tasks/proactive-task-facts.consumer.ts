import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ConsumerGroup, EventContext } from '@county/service-kit';
import { applyFact, type AppliedType, type FactAppliers, type FactEvent } from '../read-model/fact-appliers';

export const PROACTIVE_TASK_FACTS_CONSUMER = 'proactive-task-facts';

const APPLY = {
  'proactive-task.opened.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.proactive_tasks (task_id, unit_code, cooperating_unit_codes, hotspot_id, category_code, place_kind, place_code, township_code, period, linked_case_ids, deadline, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (task_id) DO NOTHING`,
      [d.taskId, d.unitCode, d.cooperatingUnitCodes, d.hotspotId, d.categoryCode, d.placeKind, d.placeCode, d.townshipCode, d.period, d.linkedCaseIds, d.deadline, d.openedAt],
    );
  },
  // orange stays orange when a yellow arrives late
  'proactive-task.warning-issued.v1': async (db, d) => {
    await db.query(
      `INSERT INTO handling.proactive_task_clocks (task_id, warning_level) VALUES ($1, $2)
       ON CONFLICT (task_id) DO UPDATE SET warning_level = CASE WHEN handling.proactive_task_clocks.warning_level = 'orange' THEN 'orange' ELSE EXCLUDED.warning_level END`,
      [d.taskId, d.level],
    );
  },
  'proactive-task.overdue.v1': async (db, d) => {
    await db.query(`INSERT INTO handling.proactive_task_clocks (task_id, overdue) VALUES ($1, true) ON CONFLICT (task_id) DO UPDATE SET overdue = true`, [d.taskId]);
  },
} satisfies FactAppliers;

/**
 * What others decided about a proactive task, kept in handling's tables: the task itself and its
 * routing (evaluation's proactive-task.opened.v1) and what its clock did (case-worker's warnings
 * and overdue). Each event is applied once, in the transaction that records its id, whatever
 * Kafka redelivers.
 */
@ConsumerGroup({ purpose: PROACTIVE_TASK_FACTS_CONSUMER, from: ['evaluation', 'case-worker'] })
export class ProactiveTaskFactsConsumer {
  @EventPattern(Object.keys(APPLY))
  async apply(@Payload() event: FactEvent<AppliedType<typeof APPLY>>, @Ctx() { db, log }: EventContext): Promise<void> {
    await applyFact(APPLY, db, event);
    log.debug('proactive-task fact applied');
  }
}
