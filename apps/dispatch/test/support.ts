import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { SERVICE_NAMES, TOPICS, deadLetterTopic, type CaseReceivedData, type CloudEvent, type ServiceName } from '@county/contracts';
import { createTestDatabase, engines, eventually, testKafka, uniqueName } from '@county/testing';
import type { RunningSystem } from '../../../test/support/system';
import { startDispatch } from '../src/main';

/**
 * Creates topics and waits until every partition has a leader, retrying while the broker does not
 * know a topic it has just created yet (UNKNOWN_TOPIC_OR_PARTITION under load).
 */
async function createTopics(topics: readonly string[], numPartitions: number): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: false, topics: topics.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })) });
    await eventually(async () => {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: [...topics] });
      return meta.length === topics.length && meta.every((t) => t.partitions.length === numPartitions && t.partitions.every((p) => p.leader >= 0)) ? true : undefined;
    }, 30_000, 100);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Dispatch alone against the real engines, isolated like test/support/system.ts's startSystem
 * (own database, topic prefix, free port), with its topics created up front: the platform's
 * topic creation at start-up sometimes fails with "This server does not host this
 * topic-partition" while the broker is busy; topics that exist already are not created again.
 */
export async function startDispatchAlone(): Promise<RunningSystem> {
  const topicPrefix = `${uniqueName('dispatch')}.`;
  await createTopics(SERVICE_NAMES.map((s) => `${topicPrefix}${TOPICS[s]}`), 3);
  await createTopics(['routing', 'unit-requests', 'reopens'].map((purpose) => deadLetterTopic(`${topicPrefix}dispatch.${purpose}`)), 1);
  const db = await createTestDatabase();
  const e = engines();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    PGHOST: e.postgres.host,
    PGPORT: String(e.postgres.port),
    PGUSER: e.postgres.user,
    PGPASSWORD: e.postgres.password,
    PGDATABASE: db.name,
    KAFKA_BROKERS: e.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    TEMPORAL_ADDRESS: e.temporalAddress,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const app = await startDispatch(env).catch(async (err: unknown) => {
    await db.drop();
    throw err;
  });
  const port = (app.getHttpServer().address() as { port: number }).port;
  return {
    db,
    env,
    topicPrefix,
    taskQueue: 'unused',
    apps: { dispatch: app },
    url: () => `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      await db.drop();
    },
  };
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

export function client(base: string) {
  const call = async <T>(method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<Reply<T>> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, etag: res.headers.get('etag') };
  };
  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>('GET', path),
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
    readonly [field: string]: unknown;
  };
  readonly dispatches: { primaryUnitCode: string; cooperatingUnitCodes: string[]; basis: { kind: string; listItemId?: string; listVersion?: number; explanation: string }; redispatch: boolean }[];
  readonly timeline: { type: string; version: number }[];
}
