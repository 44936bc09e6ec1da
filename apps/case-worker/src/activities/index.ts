import { createHash } from 'node:crypto';
import { ConcurrencyError, type EventStore } from '@county/event-store';
import type { CaseWorkerEvent, ProactiveTaskClockEvent } from '@county/contracts';
import { planClock, planWhistle, type CasePolicyKey, type ClockPlan, type PlanRequest, type WhistlePlan } from '@county/rules';

/** Events the workflow decided on, each with the key its id is derived from. */
export interface EmitRequest {
  /** The subject of the events (their Kafka key): the case id, or a proactive task's proactive-task-<taskId>. */
  readonly caseId: string;
  /** The case-worker stream: one per case (`case-<caseId>`), one per whistle (`whistle-<whistleId>`) and one per proactive task (`proactive-task-<taskId>`). */
  readonly streamId: string;
  /** When it happened, in workflow time. */
  readonly time: string;
  /** The lifecycle event that set the clock (the causation of what follows from it). */
  readonly causationId: string;
  /** That event's correlation id, carried on; the causation id when the workflow did not get one (older signals). */
  readonly correlationId?: string;
  readonly events: readonly ((CaseWorkerEvent | ProactiveTaskClockEvent) & { readonly key: string })[];
}

export interface EmitResult {
  readonly appended: number;
  readonly duplicates: number;
}

/** Fixed namespace of case-worker's derived event ids (UUID version 5). */
const ID_NAMESPACE = '5b0f8a44-6c0e-4c53-9d2f-0f1c9e3a7d21';

/** A UUID (version 5) derived from a key: the same key gives the same id on every retry and replay. */
export function stableEventId(key: string): string {
  const ns = Buffer.from(ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(key, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The case workflow's activities, built around case-worker's own event store: what time does to a
 * case leaves through the store and its outbox, like every other event of the platform.
 */
export function createActivities(store: EventStore) {
  /** Appends the events once: an id already stored (a retry, a replay) is skipped, not written again. */
  const emitCaseEvents = async (request: EmitRequest): Promise<EmitResult> => {
    const events = request.events.map(({ key, ...event }) => ({ id: stableEventId(key), event }));
    if (events.length === 0) return { appended: 0, duplicates: 0 };
    // usually none is stored yet: all in one transaction
    if ((await appendOnce(store, request, events)) === 'appended') return { appended: events.length, duplicates: 0 };
    // a retry after a partial success: one by one, skipping what is stored
    let appended = 0;
    for (const e of events) if ((await appendOnce(store, request, [e])) === 'appended') appended += 1;
    return { appended, duplicates: events.length - appended };
  };

  return {
    emitCaseEvents,

    /**
     * Appends what one workflow task decided, request after request in their order (each with its
     * own cause), every event once: what a retry finds stored is skipped.
     */
    async emitCaseEventsInOrder(requests: readonly EmitRequest[]): Promise<EmitResult> {
      let appended = 0;
      let duplicates = 0;
      for (const request of requests) {
        const r = await emitCaseEvents(request);
        appended += r.appended;
        duplicates += r.duplicates;
      }
      return { appended, duplicates };
    },

    /** Plans a clock (local activity: the instants are recorded in the workflow's history). */
    async planClock(request: PlanRequest): Promise<ClockPlan> {
      return planClock(request);
    },

    /** Plans every clock a lifecycle step starts, in one local activity. */
    async planClocks(requests: readonly PlanRequest[]): Promise<ClockPlan[]> {
      return requests.map((r) => planClock(r));
    },

    async planWhistle(input: { readonly from: string } & CasePolicyKey): Promise<WhistlePlan> {
      return planWhistle(input);
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;

async function appendOnce(store: EventStore, request: EmitRequest, events: readonly { id: string; event: CaseWorkerEvent | ProactiveTaskClockEvent }[]): Promise<'appended' | 'duplicate'> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await store.append(
        request.streamId,
        events.map((e) => e.event),
        {
          expectedVersion: 'any',
          ids: events.map((e) => e.id),
          subject: request.caseId,
          metadata: { time: request.time, correlationId: request.correlationId ?? request.causationId, causationId: request.causationId },
        },
      );
      return 'appended';
    } catch (err) {
      if (isDuplicateId(err)) return 'duplicate';
      // another writer took the stream's next version in the meantime: read again and retry
      if (err instanceof ConcurrencyError && attempt < 5) continue;
      throw err;
    }
  }
}

function isDuplicateId(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && /event_id/.test(e.constraint ?? '');
}
