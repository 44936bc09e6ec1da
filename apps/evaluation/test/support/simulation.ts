import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { eventDefinition, TOPICS, type CloudEvent, type ServiceName } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';

/** A deterministic pseudo-random generator (mulberry32), so a simulated month is the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One event of a case as its producer would make it (CloudEvents, subject = case id). An event
 * whose type the AsyncAPI document has must validate against it.
 */
export function caseEvent(source: ServiceName, type: string, caseId: string, time: string, data: Record<string, unknown>, sequence = 1): CloudEvent {
  const event: CloudEvent = {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject: caseId,
    time,
    datacontenttype: 'application/json',
    data: { caseId, ...data },
    sequence,
    correlationid: `sim-${caseId}`,
    causationid: `sim-${caseId}`,
  };
  if (eventDefinition(type)) {
    const check = validateAgainstAsyncApi(event);
    if (!check.valid) throw new Error(`${type} does not validate against the AsyncAPI document: ${check.errors.join('; ')}`);
  }
  return event;
}

/**
 * Builds envelopes as the producers would (CloudEvents, subject = case id, one sequence per
 * producer's stream) and publishes them to the test's prefixed topics. Every event whose type
 * the AsyncAPI document already has must validate against it.
 */
export class Publisher {
  private readonly sequences = new Map<string, number>();
  readonly published: CloudEvent[] = [];

  constructor(
    private readonly producer: Producer,
    private readonly topicPrefix: string,
  ) {}

  event(source: ServiceName, type: string, caseId: string, time: string, data: Record<string, unknown>): CloudEvent {
    const key = `${source}:${caseId}`;
    const sequence = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, sequence);
    return caseEvent(source, type, caseId, time, data, sequence);
  }

  /** Publishes the events; with `redeliver` each message goes twice in a row, as an at-least-once producer may send it. */
  async publish(events: readonly CloudEvent[], options: { redeliver?: boolean } = {}): Promise<void> {
    const bySource = new Map<ServiceName, CloudEvent[]>();
    for (const e of events) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
    for (const [source, list] of bySource) {
      for (let i = 0; i < list.length; i += 200) {
        await this.producer.send({
          topic: `${this.topicPrefix}${TOPICS[source]}`,
          messages: list
            .slice(i, i + 200)
            .flatMap((e) => (options.redeliver ? [e, e] : [e]))
            .map((e) => ({ key: e.subject, value: JSON.stringify(e), headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' } })),
        });
      }
    }
    this.published.push(...events);
  }
}
