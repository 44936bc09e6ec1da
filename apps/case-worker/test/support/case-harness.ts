import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { EventStore, migrateEventStore } from '@county/event-store';
import { createTestDatabase, eventually, type TestDatabase } from '@county/testing';
import { createActivities, type EmitRequest } from '../../src/activities';
import type { CaseClock } from '@county/contracts';
import { CASE_WORKFLOW_TYPE, caseEventSignal, caseWorkflowId, clocksQuery, type CaseClocks, type CaseSignal, type ClockView, type SignalDetails, type CaseSignalFacts } from '../../src/workflows/definitions';
import { timeSkippingEnvironment } from './time-skipping';
import { startAttributes } from '../../src/workflows/search-attributes';

export const SCHEMA = 'case_worker';
export const COMMUNITY = 'QH-LL-01';
export const TOWNSHIP = 'QH-LL';
export const DEPARTMENT = 'QH-URBAN';
export const SUPERVISION = 'QH-SUPERVISION';

export interface StoredCaseEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly data: Record<string, unknown>;
  readonly correlationId: string;
  readonly causationId: string;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle, built once per test file (it also proves that the bundle builds). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: quietLogger });
  return bundle;
}

const ignore = (): void => undefined;
const quietLogger = { log: ignore, trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };

/**
 * A time-skipping Temporal, a worker of the case workflows with the real activities, and
 * case-worker's event store in a database of its own.
 */
export class CaseHarness {
  private running?: Promise<void>;
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: TestDatabase,
    readonly store: EventStore,
    readonly worker: Worker,
    readonly taskQueue: string,
    /** Every request the worker ran emitCaseEvents with (as an activity or, in the workflow task, as a local one). */
    readonly emitted: readonly EmitRequest[],
  ) {}

  static async start(): Promise<CaseHarness> {
    const env = await timeSkippingEnvironment();
    const db = await createTestDatabase();
    await migrateEventStore(db.pool, SCHEMA);
    const store = new EventStore(db.pool, SCHEMA, 'case-worker');
    const taskQueue = `cases-${randomUUID()}`;
    const activities = createActivities(store);
    const emitted: EmitRequest[] = [];
    const recording: typeof activities = {
      ...activities,
      emitCaseEvents: (request) => {
        emitted.push(request);
        return activities.emitCaseEvents(request);
      },
      emitCaseEventsInOrder: (requests) => {
        emitted.push(...requests);
        return activities.emitCaseEventsInOrder(requests);
      },
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: recording });
    const harness = new CaseHarness(env, db, store, worker, taskQueue, emitted);
    harness.running = worker.run();
    return harness;
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.env.teardown();
    await this.db.drop();
  }

  async now(): Promise<Date> {
    return new Date(await this.env.currentTimeMs());
  }

  /** Moves Temporal's clock to just after an instant (timers due by then fire). */
  async skipTo(iso: string, plusMs = 1000): Promise<void> {
    const ms = Date.parse(iso) + plusMs - (await this.env.currentTimeMs());
    if (ms > 0) await this.env.sleep(ms);
  }

  async skip(ms: number): Promise<void> {
    await this.env.sleep(ms);
  }

  newCase(): TestCase {
    return new TestCase(this, randomUUID());
  }

  async events(caseId: string): Promise<StoredCaseEvent[]> {
    const r = await this.db.pool.query<{ event_id: string; event_type: string; stream_id: string; data: Record<string, unknown>; correlation_id: string; causation_id: string }>(
      `SELECT event_id, event_type, stream_id, data, correlation_id, causation_id FROM ${SCHEMA}.events WHERE subject = $1 ORDER BY global_position`,
      [caseId],
    );
    return r.rows.map((row) => ({ id: row.event_id, type: row.event_type, streamId: row.stream_id, data: row.data, correlationId: row.correlation_id, causationId: row.causation_id }));
  }
}

export class TestCase {
  readonly handle: WorkflowHandle;
  /** The correlation id every event of this case carries, as the bridge passes it on (none: an older signal). */
  correlationId?: string;
  constructor(
    readonly harness: CaseHarness,
    readonly caseId: string,
  ) {
    this.handle = harness.env.client.workflow.getHandle(caseWorkflowId(caseId));
  }

  /** Delivers a lifecycle event the way the bridge does (signal-with-start), timed now in workflow time. */
  async send(type: string, facts: CaseSignalFacts = {}, about: SignalDetails = {}, eventId: string = randomUUID()): Promise<string> {
    const time = (await this.harness.now()).toISOString();
    const signal: CaseSignal = { eventId, ...(this.correlationId ? { correlationId: this.correlationId } : {}), type, time, facts, about: { at: time, ...about } };
    await this.harness.env.client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(this.caseId),
      taskQueue: this.harness.taskQueue,
      args: [{ caseId: this.caseId }],
      signal: caseEventSignal,
      signalArgs: [signal],
      // as the bridge starts a case's workflow
      typedSearchAttributes: startAttributes(this.caseId, caseWorkflowId(this.caseId), signal),
    });
    return eventId;
  }

  async receiveAndDispatch(unitCode = COMMUNITY, categoryCode = 'UM.ORDER.PARKING', urgency = 'normal'): Promise<void> {
    await this.send('case.received.v1', { categoryCode, urgency, channel: 'hotline', townshipCode: TOWNSHIP });
    await this.send('case.dispatched.v1', { categoryCode, urgency, townshipCode: TOWNSHIP, responsibleUnitCode: unitCode }, { unitCode });
    await this.clock('handling');
  }

  async clocks(): Promise<CaseClocks> {
    return this.handle.query(clocksQuery);
  }

  /** The clock as the workflow shows it, once the workflow has it. */
  async clock(name: CaseClock): Promise<ClockView> {
    return eventually(async () => (await this.clocks()).clocks.find((c) => c.clock === name), 20_000, 50);
  }

  async events(): Promise<StoredCaseEvent[]> {
    return this.harness.events(this.caseId);
  }

  /** Waits until the case's events satisfy a condition. */
  async eventsUntil(pred: (events: StoredCaseEvent[]) => boolean): Promise<StoredCaseEvent[]> {
    return eventually(async () => {
      const events = await this.events();
      return pred(events) ? events : undefined;
    }, 20_000, 50);
  }

  async close(): Promise<void> {
    await this.send('case.closed.v1');
    await completed(this.handle);
  }
}

export const ofType = (events: StoredCaseEvent[], type: string, clock?: string) =>
  events.filter((e) => e.type === type && (clock === undefined || e.data.clock === clock));

/**
 * Waits for a workflow to complete without awaiting its result: awaiting a result lets the
 * time-skipping server jump ahead to the next thing it has scheduled, years away.
 */
export async function completed(handle: WorkflowHandle): Promise<void> {
  await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 20_000, 50);
}
