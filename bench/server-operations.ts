/**
 * What a Temporal server did, read from its Prometheus metrics (`temporal server start-dev
 * --metrics-port`): persistence calls by operation (every read and write of its database, each
 * through the dev server's one SQLite connection), the time they took, and visibility writes.
 * The benchmarks take one reading before and one after a piece of work and print the difference.
 */
import type { temporal } from '@temporalio/proto';

export interface ServerReading {
  /** persistence_requests by operation (all services summed). */
  readonly calls: ReadonlyMap<string, number>;
  /** persistence_latency_sum by operation, in ms. */
  readonly ms: ReadonlyMap<string, number>;
  /** visibility_persistence_requests by operation. */
  readonly visibility: ReadonlyMap<string, number>;
}

export interface ServerWork {
  readonly calls: Record<string, number>;
  readonly ms: Record<string, number>;
  readonly visibility: Record<string, number>;
  readonly totalCalls: number;
  readonly totalMs: number;
  readonly visibilityWrites: number;
}

const LINE = /^(persistence_requests|persistence_latency_sum|visibility_persistence_requests)\{([^}]*)\} ([0-9.eE+-]+)$/;

export async function readServer(metricsUrl: string): Promise<ServerReading> {
  const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) })).text();
  const calls = new Map<string, number>();
  const ms = new Map<string, number>();
  const visibility = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const operation = /operation="([^"]+)"/.exec(m[2])?.[1] ?? '?';
    const value = Number(m[3]);
    const into = m[1] === 'persistence_requests' ? calls : m[1] === 'persistence_latency_sum' ? ms : visibility;
    into.set(operation, (into.get(operation) ?? 0) + (m[1] === 'persistence_latency_sum' ? value * 1000 : value));
  }
  return { calls, ms, visibility };
}

/** The work between two readings. */
export function workBetween(before: ServerReading, after: ServerReading): ServerWork {
  const delta = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => {
    const out: Record<string, number> = {};
    for (const [op, v] of b) {
      const d = v - (a.get(op) ?? 0);
      if (d > 0) out[op] = d;
    }
    return out;
  };
  const calls = delta(before.calls, after.calls);
  const ms = delta(before.ms, after.ms);
  const visibility = delta(before.visibility, after.visibility);
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  const writes = Object.entries(visibility)
    .filter(([op]) => !/^(Get|List|Count|Scan)/.test(op))
    .reduce((a, [, v]) => a + v, 0);
  return { calls, ms, visibility, totalCalls: sum(calls), totalMs: sum(ms), visibilityWrites: writes };
}

/**
 * Waits until the server's counters stop moving (its queues process transfer, timer and visibility
 * tasks after the call that made them returns): two equal readings 500 ms apart, bounded.
 */
export async function settledReading(metricsUrl: string, boundMs = 15_000): Promise<ServerReading> {
  const started = Date.now();
  let last = await readServer(metricsUrl);
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await readServer(metricsUrl);
    const same = [...now.calls].every(([op, v]) => last.calls.get(op) === v) && now.calls.size === last.calls.size;
    if (same || Date.now() - started > boundMs) return now;
    last = now;
  }
}

/** What a piece of a workflow's history holds, counted by kind (the workflow's side of the server's work). */
export interface HistoryCounts {
  signals: number;
  workflowTasks: number;
  localActivities: number;
  activityTasks: number;
  patchMarkers: number;
  searchAttributeUpserts: number;
  timersStarted: number;
  timersCancelled: number;
  timersFired: number;
  events: number;
}

export function countHistory(events: readonly temporal.api.history.v1.IHistoryEvent[]): HistoryCounts {
  const c: HistoryCounts = { signals: 0, workflowTasks: 0, localActivities: 0, activityTasks: 0, patchMarkers: 0, searchAttributeUpserts: 0, timersStarted: 0, timersCancelled: 0, timersFired: 0, events: events.length };
  for (const e of events) {
    if (e.workflowExecutionSignaledEventAttributes) c.signals += 1;
    if (e.workflowTaskCompletedEventAttributes) c.workflowTasks += 1;
    if (e.activityTaskScheduledEventAttributes) c.activityTasks += 1;
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') c.localActivities += 1;
    if (e.markerRecordedEventAttributes?.markerName === 'core_patch') c.patchMarkers += 1;
    if (e.upsertWorkflowSearchAttributesEventAttributes) c.searchAttributeUpserts += 1;
    if (e.timerStartedEventAttributes) c.timersStarted += 1;
    if (e.timerCanceledEventAttributes) c.timersCancelled += 1;
    if (e.timerFiredEventAttributes) c.timersFired += 1;
  }
  return c;
}
