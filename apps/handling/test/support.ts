import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type CloudEvent, type ServiceName } from '@county/contracts';
import type { RunningSystem, ServiceKey } from '../../../test/support/system';

/** Test helpers: tokens for seeded users, HTTP calls with them, and other services' events put on their topics. */

export async function tokenFor(system: RunningSystem, userId: string): Promise<string> {
  const res = await fetch(`${system.url('handling')}/api/v1/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (res.status !== 201) throw new Error(`no token for ${userId}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

export function api(system: RunningSystem, service: ServiceKey = 'handling') {
  return async <T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<Reply<T>> => {
    const res = await fetch(`${system.url(service)}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
}

const sequences = new Map<string, number>();

/** Publishes an event as the given service would (CloudEvent, key = case id) to the system's prefixed topic. */
export async function publish(producer: Producer, system: RunningSystem, source: ServiceName, type: string, caseId: string, data: Record<string, unknown>): Promise<CloudEvent> {
  const key = `${source}:${caseId}`;
  const sequence = (sequences.get(key) ?? 0) + 1;
  sequences.set(key, sequence);
  const event: CloudEvent = {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject: caseId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { caseId, ...data },
    sequence,
    correlationid: `corr-${caseId}`,
    causationid: `corr-${caseId}`,
  };
  await republish(producer, system, event);
  return event;
}

/** Sends an event again, as an at-least-once delivery may. */
export async function republish(producer: Producer, system: RunningSystem, event: CloudEvent): Promise<void> {
  await producer.send({ topic: `${system.topicPrefix}${TOPICS[event.source]}`, acks: -1, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
}

export function dispatched(caseId: string, primaryUnitCode: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    primaryUnitCode,
    cooperatingUnitCodes: [],
    categoryCode: 'UM.ORDER.VENDING',
    urgency: 'normal',
    basis: { kind: 'manual', explanation: 'test dispatch' },
    dispatchedAt: new Date().toISOString(),
    ...extra,
  };
}
