import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { DEFAULT_TOKEN_SECRET, issueToken, seedUser } from '@county/auth';
import { TOPICS, type CaseReceivedData, type CloudEvent, type ServiceName } from '@county/contracts';
import { testKafka } from '@county/testing';
import { startSystem, type RunningSystem } from '../../../test/support/system';

/** Dispatch alone against the real engines, isolated like every whole-system test (own database, topic prefix, free port). */
export function startDispatchAlone(): Promise<RunningSystem> {
  return startSystem(['dispatch']);
}

/** Plays the other services' part in dispatch's integration tests: publishes their events to the system's prefixed topics. */
export class OtherServices {
  private constructor(
    private readonly system: RunningSystem,
    private readonly producer: Producer,
  ) {}

  static async connect(system: RunningSystem): Promise<OtherServices> {
    const producer = testKafka().producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return new OtherServices(system, producer);
  }

  async publish(source: ServiceName, type: string, caseId: string, data: object, time = new Date().toISOString()): Promise<CloudEvent> {
    const id = randomUUID();
    const event: CloudEvent = {
      specversion: '1.0',
      id,
      source,
      type,
      subject: caseId,
      time,
      datacontenttype: 'application/json',
      data: { caseId, ...data },
      sequence: 1,
      correlationid: `corr-${caseId}`,
      causationid: id,
    };
    await this.producer.send({ topic: `${this.system.topicPrefix}${TOPICS[source]}`, acks: -1, messages: [{ key: caseId, value: JSON.stringify(event) }] });
    return event;
  }

  /** intake's case.received.v1 for a new case. */
  async receive(overrides: Partial<CaseReceivedData> = {}): Promise<string> {
    const caseId = overrides.caseId ?? randomUUID();
    const data: CaseReceivedData = {
      caseId,
      channel: 'hotline',
      channelReference: `HL-${caseId}`,
      appealType: 'complaint',
      categoryCode: 'UM.ORDER.PARKING',
      urgency: 'normal',
      description: 'cars block the fire lane',
      location: { gridCode: 'QH-CG-04-04', communityCode: 'QH-CG-04', townshipCode: 'QH-CG', resolved: true },
      resident: { anonymous: true },
      receivedAt: new Date().toISOString(),
      attachments: [],
      ...overrides,
    };
    await this.publish('intake', 'case.received.v1', caseId, data);
    return caseId;
  }

  /** A unit's side, as handling would publish it. */
  unit(type: string, caseId: string, data: object, time?: string): Promise<CloudEvent> {
    return this.publish('handling', type, caseId, data, time);
  }

  stop(): Promise<void> {
    return this.producer.disconnect();
  }
}

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly etag: string | null;
}

/** A token for a seeded user of the demo county, signed with the secret the services use by default (tests set none). */
export function tokenOf(userId: string, now = new Date(), ttlSeconds = 3600): string {
  const user = seedUser(userId);
  if (!user) throw new Error(`no seeded user ${userId}`);
  return issueToken(DEFAULT_TOKEN_SECRET, user, now, ttlSeconds).token;
}

/** A dispatcher of the centre, as most calls of the dispatcher API are made. */
export const CENTRE_USER = 'qh-centre.dispatcher-1';

/** Calls dispatch's REST API with the given bearer token (a centre dispatcher's by default; null sends none). */
export function client(base: string, token: string | null = tokenOf(CENTRE_USER)) {
  const call = async <T>(method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<Reply<T>> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token !== null && { authorization: `Bearer ${token}` }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, etag: res.headers.get('etag') };
  };
  return {
    get: <T = Record<string, unknown>>(path: string, headers: Record<string, string> = {}) => call<T>('GET', path, undefined, headers),
    post: <T = Record<string, unknown>>(path: string, body: object = {}, headers: Record<string, string> = {}) => call<T>('POST', path, body, headers),
  };
}

export interface CaseView {
  readonly caseId: string;
  readonly version: number;
  /** The case's last reopen (重办), from evaluation's case.reopened.v1. */
  readonly reopen: { readonly unitCode: string; readonly redoCount: number; readonly reason: string; readonly reopenedAt: string } | null;
  readonly state: {
    readonly status: string;
    readonly primaryUnitCode?: string;
    readonly dispatchedAt?: string;
    readonly firstDispatchedAt?: string;
    readonly handlingDeadline?: string;
    readonly extensionDays?: number;
    readonly paused?: unknown;
    readonly pausedWorkingMinutes?: number;
    readonly [field: string]: unknown;
  };
  readonly dispatches: { primaryUnitCode: string; cooperatingUnitCodes: string[]; basis: { kind: string; listItemId?: string; listVersion?: number; explanation: string }; redispatch: boolean }[];
  readonly timeline: { type: string; version: number }[];
}
