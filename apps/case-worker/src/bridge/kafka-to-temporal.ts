import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CONFIG, ConsumerGroup, EventContext, type ServiceConfig } from '@county/service-kit';
import type { CloudEvent } from '@county/contracts';
import { TemporalClient, WORKER_SETTINGS, type WorkerSettings } from '../temporal';
import { CASE_WORKFLOW_TYPE, caseEventSignal, caseWorkflowId, type CaseSignal } from '../workflows/definitions';
import { startAttributes } from '../workflows/search-attributes';
import { FOLLOWED_EVENT_TYPES, toCaseSignal } from './to-signal';

/**
 * Kafka -> Temporal: every lifecycle event becomes a signal to the case's workflow, which is
 * started on the first one (signal-with-start). Idempotent by event id twice over: the bridge's
 * inbox, and the workflow ignores an event id it has seen. Cases are signalled side by side (the
 * consumer handles different keys at once), each case's events in their order. A workflow the
 * event starts carries the case's search attributes from its start; one started by the case's
 * case.received.v1 waits a moment for the next event (its dispatch), so that both are taken in
 * one workflow task. No transaction
 * stays open while Temporal answers (effect: 'outside'): the event id is recorded after the signal.
 */
@ConsumerGroup({ purpose: 'temporal-bridge', from: ['intake', 'dispatch', 'handling', 'evaluation'], effect: 'outside' })
export class KafkaToTemporalBridge {
  constructor(
    private readonly temporal: TemporalClient,
    @Inject(CONFIG) private readonly config: ServiceConfig,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  @EventPattern(FOLLOWED_EVENT_TYPES())
  async bridge(@Payload() event: CloudEvent, @Ctx() { log }: EventContext): Promise<void> {
    const signal = toCaseSignal(event);
    if (!signal) return;
    await this.signal(event, signal);
    log.debug('signalled case workflow');
  }

  async signal(event: CloudEvent, signal: CaseSignal): Promise<void> {
    try {
      const workflowId = caseWorkflowId(event.subject);
      await this.temporal.client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [{ caseId: event.subject }],
        signal: caseEventSignal,
        signalArgs: [signal],
        staticSummary: summaryOf(event.subject, signal),
        // a workflow this event starts has its search attributes from the start: its first task need not write them
        typedSearchAttributes: startAttributes(event.subject, workflowId, signal),
        // a workflow its case.received.v1 starts waits for the next event a moment (see WorkerSettings.startDelayMs)
        ...(signal.type === 'case.received.v1' && this.settings.startDelayMs > 0 ? { startDelay: this.settings.startDelayMs } : {}),
      });
    } catch (err) {
      // the case's workflow already finished: a late event does not start it again
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }
}

/** The workflow's one-line summary in the Web UI (set when the workflow starts): codes only. */
export function summaryOf(caseId: string, signal: CaseSignal): string {
  const { categoryCode, urgency, townshipCode } = signal.facts;
  return [`Case ${caseId}`, categoryCode, urgency, townshipCode].filter(Boolean).join(' · ');
}
