import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { handleOnceOutside } from '@county/event-store';
import { CONFIG, Consumers, PG_POOL, type ServiceConfig } from '@county/service-kit';
import type { CloudEvent } from '@county/contracts';
import { TemporalClient } from '../temporal';
import { CASE_WORKFLOW_TYPE, caseEventSignal, caseWorkflowId, type CaseSignal } from '../workflows/definitions';
import { toCaseSignal } from './to-signal';

/**
 * Kafka -> Temporal: every lifecycle event becomes a signal to the case's workflow, which is
 * started on the first one (signal-with-start). Idempotent by event id twice over: the bridge's
 * inbox, and the workflow ignores an event id it has seen. Cases are signalled side by side (the
 * consumer handles different keys at once), each case's events in their order.
 */
@Injectable()
export class KafkaToTemporalBridge implements OnModuleInit {
  constructor(
    private readonly consumers: Consumers,
    private readonly temporal: TemporalClient,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      purpose: 'temporal-bridge',
      from: ['intake', 'dispatch', 'handling', 'evaluation'],
      handle: async (event, _delivery, log) => {
        const signal = toCaseSignal(event);
        if (!signal) return;
        // no transaction stays open while Temporal answers: the workflow ignores an event id it has seen
        const outcome = await handleOnceOutside(this.pool, this.config.schema, 'temporal-bridge', event.id, () => this.signal(event, signal));
        log.debug({ duplicate: outcome.duplicate }, 'signalled case workflow');
      },
    });
  }

  async signal(event: CloudEvent, signal: CaseSignal): Promise<void> {
    try {
      await this.temporal.client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(event.subject),
        taskQueue: this.config.temporal.taskQueue,
        args: [{ caseId: event.subject }],
        signal: caseEventSignal,
        signalArgs: [signal],
        staticSummary: summaryOf(event.subject, signal),
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
