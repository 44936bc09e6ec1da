import * as net from 'node:net';
import * as tls from 'node:tls';
import { Kafka, logLevel, type Consumer, type ISocketFactory, type KafkaMessage, type Producer } from 'kafkajs';
import { deadLetterTopic, type CloudEvent } from '@county/contracts';
import { silentLog, type Log } from './log';
import { isTransient } from './transient';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 8 },
    socketFactory: guardedSockets,
  });
}

/** kafkajs's own keep-alive on its broker connections. */
const KEEP_ALIVE_MS = 60_000;

/**
 * Broker connections whose received bytes cannot crash the process. kafkajs decodes each frame
 * inside the socket's 'data' event, so a frame it cannot read (rare, seen under load and during
 * engine restarts: `RangeError: Attempt to access memory outside buffer bounds` in
 * `Connection.processData`, tulios/kafkajs#715) is an uncaught exception that ends the whole
 * service. Here such an error ends that one connection instead: kafkajs gets it as a connection
 * error, fails the requests in flight on it as retriable, and connects again.
 */
export const guardedSockets: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect) : net.connect({ host, port }, onConnect);
  socket.setKeepAlive(true, KEEP_ALIVE_MS);
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event !== 'data') return emit(event, ...args);
    try {
      return emit(event, ...args);
    } catch (err) {
      socket.destroy(new Error(`a frame from the broker ${host}:${port} could not be decoded: ${err instanceof Error ? err.message : String(err)}`));
      return true;
    }
  }) as typeof socket.emit;
  return socket;
};

/** An idempotent producer: acks from all in-sync replicas, order kept per partition. */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

/**
 * Creates topics up front (consumers do not rely on auto-creation). Existing topics are left as
 * they are. A topic just created (here or by another process starting beside this one) may not be
 * served yet, and a broker that is busy answers metadata late or not at all: everything is tried
 * again, with back-off, until every partition has a leader or `withinMs` has passed (a time bound,
 * not a count of attempts, so that a loaded machine gets the same time as a quiet one).
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], numPartitions = 3, withinMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + withinMs;
  let problem = 'no answer yet';
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        if (missing.length) {
          await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })) }).catch((err: unknown) => {
            // another process may have created it in between, or the new topic is not served yet
            // (the metadata check below covers both)
            if (!/already exists|does not host this topic-partition|leader/i.test(String((err as Error).message))) throw err;
          });
        }
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: [...topics] });
        if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
        problem = 'a partition has no leader yet';
      } catch (err) {
        problem = err instanceof Error ? err.message : String(err);
      }
      if (Date.now() >= deadline) throw new Error(`topics not served within ${withinMs} ms (${problem}): ${topics.join(', ')}`);
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(attempt, 4), 1_000)));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Whether a Kafka error says to try again (kafkajs marks protocol errors; connections and exhausted retries are transient too). */
function retriable(err: unknown): boolean {
  const e = err as { retriable?: boolean; name?: string } | undefined;
  return e?.retriable === true || /KafkaJS(Connection|NumberOfRetriesExceeded|Request)/.test(e?.name ?? '');
}

export interface Delivery {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handle: (event: CloudEvent, delivery: Delivery) => Promise<void>;
  /** Attempts before a message is parked on the group's dead-letter topic. */
  readonly maxAttempts?: number;
  readonly fromBeginning?: boolean;
  /**
   * How many messages of different keys (cases) are handled at the same time, over all partitions
   * (default 4: each may hold a database connection, and the service's HTTP requests need the same
   * pool). The messages of one key are always handled one after the other, in partition order.
   */
  readonly keysInFlight?: number;
  /** How many partitions are handled at the same time (default 3, the partitions of a topic). */
  readonly partitionsInFlight?: number;
  /** How long start() waits out a broker that cannot serve the subscription yet (default 60 s). */
  readonly startWithinMs?: number;
  readonly log?: Log;
  /** Called once a message is on the dead-letter topic (a metric, a health warning). */
  readonly onParked?: (delivery: Delivery, error: unknown) => void;
}

export class PoisonMessageError extends Error {}

function parseEnvelope(message: KafkaMessage): CloudEvent {
  const text = message.value?.toString('utf8');
  if (!text) throw new PoisonMessageError('empty message');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PoisonMessageError('message is not JSON');
  }
  const e = value as Partial<CloudEvent>;
  if (e.specversion !== '1.0' || typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.subject !== 'string') {
    throw new PoisonMessageError('message is not a CloudEvent');
  }
  return e as CloudEvent;
}

/**
 * Consumes CloudEvents from Kafka. A handler that throws is retried with back-off; after
 * maxAttempts the message is parked on the group's dead-letter topic (with the error in its
 * headers) and consumption goes on, so one poison message never blocks a partition forever.
 * The offset is committed only after the handler succeeded or the message was parked. A failure
 * that says an engine is away (transient) is waited out without limit and never parks the message;
 * a consumer that crashes for good is started again with back-off.
 *
 * Concurrency keeps per-key order: partitions are consumed side by side, and within a fetched
 * batch the messages are grouped by key (the case id); different keys run side by side, the
 * messages of one key one after the other. The committed offset only moves over a prefix of
 * the batch that is wholly handled, so a stop in the middle redelivers (consumers are idempotent)
 * and never skips.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly log: Log;
  private stopping = false;
  private problem?: string;
  private restartTimer?: NodeJS.Timeout;
  /** Free places for a message in hand, shared by the partitions; and who waits for one. */
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly o: EventConsumerOptions) {
    this.log = o.log ?? silentLog;
    this.free = Math.max(1, o.keysInFlight ?? 4);
  }

  private async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }

  /** What keeps this consumer from consuming right now (for /health), or undefined. */
  status(): { readonly groupId: string; readonly problem?: string } {
    return { groupId: this.o.groupId, problem: this.problem };
  }

  /**
   * Joins the group and starts consuming. A broker that cannot serve the subscription yet (a topic
   * just created, whose metadata has not reached the broker; a broker starting up) answers with a
   * retriable error: that is waited out, with back-off, for up to `startWithinMs` (default 60 s),
   * and /health names the problem meanwhile; any other error, or one that outlasts the bound,
   * fails the start.
   */
  async start(): Promise<void> {
    this.stopping = false;
    const deadline = Date.now() + (this.o.startWithinMs ?? 60_000);
    for (let delayMs = 200; ; delayMs = Math.min(5_000, delayMs * 2)) {
      try {
        await this.connect();
        this.problem = undefined;
        return;
      } catch (err) {
        if (this.stopping || !retriable(err) || Date.now() + delayMs > deadline) throw err;
        this.problem = `consumer cannot start yet: ${String((err as Error)?.message ?? err)}`;
        this.log.warn({ err, groupId: this.o.groupId, retryInMs: delayMs }, 'Kafka consumer cannot start yet; retrying');
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
  }

  private async connect(): Promise<void> {
    const consumer = this.o.kafka.consumer({ groupId: this.o.groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, allowAutoTopicCreation: false });
    const producer = this.o.kafka.producer({ allowAutoTopicCreation: true });
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.o.topics], fromBeginning: this.o.fromBeginning ?? true });
    } catch (err) {
      // nothing of a failed attempt stays connected
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      throw err;
    }
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.problem = undefined;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.problem = `consumer crashed: ${payload.error.message}`;
      this.log.warn({ err: payload.error, groupId: this.o.groupId, restart: payload.restart }, 'Kafka consumer crashed');
      // kafkajs restarts by itself after a retriable error; after any other, start it again here
      if (!payload.restart && !this.stopping) this.restartLater(consumer, producer);
    });
    await consumer.run({
      partitionsConsumedConcurrently: this.o.partitionsInFlight ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const messages = batch.messages;
        const handled = new Array<boolean>(messages.length).fill(false);
        const lanes = new Map<string, number[]>();
        messages.forEach((message, i) => {
          const key = message.key?.toString('utf8') ?? '';
          const lane = lanes.get(key);
          if (lane) lane.push(i);
          else lanes.set(key, [i]);
        });
        const queue = [...lanes.values()];
        let failure: unknown;
        const runLane = async (): Promise<void> => {
          for (let lane = queue.shift(); lane && failure === undefined; lane = queue.shift()) {
            for (const i of lane) {
              if (!isRunning() || isStale() || failure !== undefined) return;
              await this.take();
              try {
                await this.deliver(batch.topic, batch.partition, messages[i], heartbeat);
              } catch (err) {
                // not even parked (the dead-letter topic cannot be written), or stopping: stop, redeliver from here
                failure = err;
                return;
              } finally {
                this.give();
              }
              handled[i] = true;
              await heartbeat();
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(Math.max(1, this.o.keysInFlight ?? 4), queue.length) }, runLane));
        const firstOpen = handled.indexOf(false);
        const done = firstOpen === -1 ? messages.length : firstOpen;
        if (done > 0) resolveOffset(messages[done - 1].offset);
        await commitOffsetsIfNecessary();
        // stopping: what is not committed goes to the next member of the group
        if (failure !== undefined && !this.stopping) throw failure;
      },
    });
    this.consumer = consumer;
    this.producer = producer;
  }

  /**
   * Handles one message: retried with back-off, parked on the dead-letter topic when it keeps
   * failing. An engine that is away (transient) is waited for without limit; only the message's
   * own failures count towards parking it.
   */
  private async deliver(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const maxAttempts = this.o.maxAttempts ?? 5;
    const delivery = { topic, partition, offset: message.offset };
    let lastError: unknown;
    for (let attempt = 1, waits = 0; attempt <= maxAttempts; ) {
      try {
        const event = parseEnvelope(message);
        await this.o.handle(event, delivery);
        if (waits > 0) this.problem = undefined;
        return;
      } catch (err) {
        lastError = err;
        if (err instanceof PoisonMessageError) break;
        if (this.stopping) throw err; // not committed: the next member gets it again
        const transient = isTransient(err);
        if (transient) {
          waits += 1;
          this.problem = `waiting for an engine: ${String((err as Error)?.message ?? err)}`;
        } else attempt += 1;
        this.log.warn({ err, ...delivery, attempt, transient }, 'event handler failed');
        await heartbeat();
        await new Promise((r) => setTimeout(r, transient ? Math.min(5000, 100 * 2 ** Math.min(waits, 6)) : Math.min(2000, 50 * 2 ** attempt)));
      }
    }
    await this.park(message, delivery, lastError);
  }

  private restartLater(consumer: Consumer, producer: Producer, delayMs = 1000): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      void (async () => {
        await consumer.disconnect().catch(() => undefined);
        await producer.disconnect().catch(() => undefined);
        if (this.stopping) return;
        try {
          await this.connect();
          this.log.info({ groupId: this.o.groupId }, 'Kafka consumer started again');
        } catch (err) {
          this.problem = `consumer cannot start: ${String((err as Error)?.message ?? err)}`;
          this.log.warn({ err, groupId: this.o.groupId }, 'Kafka consumer could not start again; retrying');
          this.restartLater(consumer, producer, Math.min(30_000, delayMs * 2));
        }
      })();
    }, delayMs);
  }

  private async park(message: KafkaMessage, delivery: Delivery, error: unknown): Promise<void> {
    const dlq = deadLetterTopic(this.o.groupId);
    this.log.error({ err: error, ...delivery, deadLetterTopic: dlq }, 'message parked on the dead-letter topic');
    await this.producer!.send({
      topic: dlq,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'x-error': String((error as Error)?.message ?? error),
            'x-original-topic': delivery.topic,
            'x-original-partition': String(delivery.partition),
            'x-original-offset': delivery.offset,
          },
        },
      ],
    });
    this.o.onParked?.(delivery, error);
  }

  /** Leaves the group cleanly, so that the next member does not wait for a session timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.producer = undefined;
  }
}
