import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { handleOnceOutside } from '@county/event-store';
import { CONFIG, Consumers, PG_POOL, type ServiceConfig } from '@county/service-kit';
import type { CloudEvent, ProactiveTaskClosureReportedData, ProactiveTaskOpenedData, ProactiveTaskSignedForData } from '@county/contracts';
import { TemporalClient } from '../temporal';
import { PROACTIVE_TASK_WORKFLOW_TYPE, proactiveTaskWorkflowId, taskEventSignal, type TaskSignal } from '../workflows/proactive-task.definitions';

export const PROACTIVE_TASK_BRIDGE_CONSUMER = 'proactive-task-bridge';

/**
 * What the proactive-task workflow learns from an event: codes and instants only (Temporal keeps
 * histories unencrypted; the units' texts never come here). Other events give null.
 */
export function toTaskSignal(event: CloudEvent): { taskId: string; signal: TaskSignal } | null {
  const base = { eventId: event.id, ...(event.correlationid ? { correlationId: event.correlationid } : {}) };
  switch (event.type) {
    case 'proactive-task.opened.v1': {
      const d = event.data as ProactiveTaskOpenedData;
      return {
        taskId: d.taskId,
        signal: {
          ...base,
          type: event.type,
          at: d.openedAt,
          opening: { unitCode: d.unitCode, categoryCode: d.categoryCode, ...(d.townshipCode ? { townshipCode: d.townshipCode } : {}), openedAt: d.openedAt, deadline: d.deadline },
        },
      };
    }
    case 'proactive-task.signed-for.v1': {
      const d = event.data as ProactiveTaskSignedForData;
      return { taskId: d.taskId, signal: { ...base, type: event.type, at: d.signedAt } };
    }
    case 'proactive-task.closure-reported.v1': {
      const d = event.data as ProactiveTaskClosureReportedData;
      return { taskId: d.taskId, signal: { ...base, type: event.type, at: d.reportedAt } };
    }
    default:
      return null;
  }
}

/**
 * Kafka -> Temporal for proactive tasks: evaluation's opening and handling's sign-for and closure
 * report become signals to the task's workflow, started on the first of them (signal-with-start,
 * whichever topic delivers first). A finished task's workflow is not started again by a late event.
 */
@Injectable()
export class ProactiveTaskBridge implements OnModuleInit {
  constructor(
    private readonly consumers: Consumers,
    private readonly temporal: TemporalClient,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      purpose: PROACTIVE_TASK_BRIDGE_CONSUMER,
      from: ['evaluation', 'handling'],
      handle: async (event, _delivery, log) => {
        const task = toTaskSignal(event);
        if (!task) return;
        const outcome = await handleOnceOutside(this.pool, this.config.schema, PROACTIVE_TASK_BRIDGE_CONSUMER, event.id, () => this.signal(task.taskId, task.signal));
        log.debug({ duplicate: outcome.duplicate }, 'signalled proactive-task workflow');
      },
    });
  }

  async signal(taskId: string, signal: TaskSignal): Promise<void> {
    try {
      await this.temporal.client.workflow.signalWithStart(PROACTIVE_TASK_WORKFLOW_TYPE, {
        workflowId: proactiveTaskWorkflowId(taskId),
        taskQueue: this.config.temporal.taskQueue,
        args: [{ taskId }],
        signal: taskEventSignal,
        signalArgs: [signal],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        staticSummary: `Proactive task ${taskId}`,
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }
}
