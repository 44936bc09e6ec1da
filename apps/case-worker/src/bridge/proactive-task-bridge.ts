import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { CONFIG, ConsumerGroup, EventContext, type ServiceConfig } from '@county/service-kit';
import type { CloudEvent, ProactiveTaskClosureReportedData, ProactiveTaskOpenedData, ProactiveTaskSignedForData } from '@county/contracts';
import { TemporalClient } from '../temporal';
import { PROACTIVE_TASK_WORKFLOW_TYPE, proactiveTaskWorkflowId, taskEventSignal, type TaskSignal } from '../workflows/proactive-task.definitions';

export const PROACTIVE_TASK_BRIDGE_CONSUMER = 'proactive-task-bridge';

/** The events that move a proactive task's workflow. */
export const PROACTIVE_TASK_SIGNAL_TYPES = ['proactive-task.opened.v1', 'proactive-task.signed-for.v1', 'proactive-task.closure-reported.v1'];

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
@ConsumerGroup({ purpose: PROACTIVE_TASK_BRIDGE_CONSUMER, from: ['evaluation', 'handling'], effect: 'outside' })
export class ProactiveTaskBridge {
  constructor(
    private readonly temporal: TemporalClient,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  @EventPattern(PROACTIVE_TASK_SIGNAL_TYPES)
  async bridge(@Payload() event: CloudEvent, @Ctx() { log }: EventContext): Promise<void> {
    const task = toTaskSignal(event);
    if (!task) return;
    await this.signal(task.taskId, task.signal);
    log.debug('signalled proactive-task workflow');
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
