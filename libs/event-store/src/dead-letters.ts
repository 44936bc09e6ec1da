import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterReplayTopic, deadLetterTopic } from '@county/contracts';
import { ensureTopics } from './kafka';

/**
 * A consumer group's parked messages. The dead-letter topic keeps every message ever parked;
 * how far an operator has dealt with them (replayed them) is the committed offset of a group of
 * its own on that topic, which no service joins. What lies beyond it is the backlog that
 * /health warns about.
 */
export function deadLetterCursorGroup(groupId: string): string {
  return `${groupId}.dead-letter-cursor`;
}

export interface ParkedMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Record<string, string>;
  /** The reason the consumer gave (x-error) and where the message came from. */
  readonly error: string;
  readonly originalTopic: string;
  readonly originalOffset: string;
  readonly parkedAt: string;
}

interface Range {
  readonly partition: number;
  /** First offset not dealt with yet. */
  readonly from: bigint;
  /** The high watermark: one past the last parked message. */
  readonly to: bigint;
}

/**
 * Whether the topic exists, from the broker's metadata of that topic alone: listTopics would read
 * the metadata of every topic on the broker (hundreds of kilobytes on a shared one), and /health
 * asks this every few seconds. The admin client does not create a topic it asks about.
 */
async function topicExists(admin: Admin, topic: string): Promise<boolean> {
  try {
    await admin.fetchTopicMetadata({ topics: [topic] });
    return true;
  } catch (err) {
    if ((err as { type?: unknown }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return false;
    throw err;
  }
}

async function ranges(admin: Admin, groupId: string): Promise<Range[]> {
  const topic = deadLetterTopic(groupId);
  if (!(await topicExists(admin, topic))) return [];
  const offsets = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId: deadLetterCursorGroup(groupId), topics: [topic] });
  return offsets.map((o) => {
    const c = committed?.partitions.find((p) => p.partition === o.partition)?.offset ?? '-1';
    const low = BigInt(o.low);
    const from = BigInt(c) < low ? low : BigInt(c);
    return { partition: o.partition, from, to: BigInt(o.high) };
  });
}

/** How many messages of a consumer group are parked and not yet replayed. */
export async function deadLetterBacklog(admin: Admin, groupId: string): Promise<number> {
  const rs = await ranges(admin, groupId);
  return rs.reduce((n, r) => n + Number(r.to > r.from ? r.to - r.from : 0n), 0);
}

function headersOf(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}

/** Reads the parked messages not yet replayed (oldest first per partition); changes nothing. */
export async function readParked(kafka: Kafka, groupId: string, timeoutMs = 30_000): Promise<ParkedMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  let rs: Range[];
  try {
    rs = (await ranges(admin, groupId)).filter((r) => r.to > r.from);
  } finally {
    await admin.disconnect();
  }
  if (rs.length === 0) return [];
  const topic = deadLetterTopic(groupId);
  // a reader of its own that never commits: it leaves the cursor where it is
  const consumer = kafka.consumer({ groupId: `${deadLetterCursorGroup(groupId)}.reader-${process.pid}-${Date.now()}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const found: ParkedMessage[] = [];
  const left = new Map(rs.map((r) => [r.partition, r]));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const r = left.get(partition);
        if (!r) return;
        const offset = BigInt(message.offset);
        if (offset >= r.from && offset < r.to) {
          const headers = headersOf(message);
          found.push({
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value?.toString('utf8') ?? '',
            headers,
            error: headers['x-error'] ?? '',
            originalTopic: headers['x-original-topic'] ?? '',
            originalOffset: headers['x-original-offset'] ?? '',
            parkedAt: new Date(Number(message.timestamp)).toISOString(),
          });
        }
        if (offset + 1n >= r.to) left.delete(partition);
        if (left.size === 0) done();
      },
    });
    const timer = new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`could not read ${topic} within ${timeoutMs} ms`)), timeoutMs).unref());
    await Promise.race([finished, timer]);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return found.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/**
 * Re-delivers a consumer group's parked messages to that group alone (through its replay topic,
 * which the group also reads), then moves the cursor past them. Consumers are idempotent on the
 * event id, so a message that meanwhile got through is not applied twice; one that fails again
 * is parked again.
 */
export async function replayParked(kafka: Kafka, groupId: string): Promise<ParkedMessage[]> {
  const parked = await readParked(kafka, groupId);
  if (parked.length === 0) return [];
  await ensureTopics(kafka, [deadLetterReplayTopic(groupId)], 1);
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic: deadLetterReplayTopic(groupId),
      acks: -1,
      messages: parked.map((m) => ({
        key: m.key,
        value: m.value,
        headers: { ...m.headers, 'x-replayed-from': `${deadLetterTopic(groupId)}/${m.partition}/${m.offset}` },
      })),
    });
  } finally {
    await producer.disconnect();
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const next = new Map<number, bigint>();
    for (const m of parked) next.set(m.partition, (next.get(m.partition) ?? 0n) < BigInt(m.offset) + 1n ? BigInt(m.offset) + 1n : next.get(m.partition)!);
    await admin.setOffsets({
      groupId: deadLetterCursorGroup(groupId),
      topic: deadLetterTopic(groupId),
      partitions: [...next].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
    });
  } finally {
    await admin.disconnect();
  }
  return parked;
}
