import 'reflect-metadata';
import { Catch, Controller, UseFilters, type ArgumentsHost, type BeforeApplicationShutdown, type RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcContext, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { lastValueFrom, throwError, type Observable } from 'rxjs';
import type { Pool, PoolClient } from 'pg';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { deadLetterReplayTopic, deadLetterTopic, type CloudEvent, type ServiceName } from '@county/contracts';
import { EventConsumer, PoisonMessageError, ensureTopics, handleOnce, handleOnceOutside, type Delivery } from '@county/event-store';
import { groupFor, topicFor, type ServiceConfig } from './config';
import { eventLogFields } from './logging';
import type { Metrics } from './metrics';
import type { HealthWarnings } from './health';
import { shapeViolations } from './event-schemas';

/**
 * Kafka handlers the Nest way: a controller decorated with @ConsumerGroup is one consumer group,
 * each of its @EventPattern('<event type>') methods handles the events of that type, and the
 * EventTransport (a custom transport strategy on the platform's own EventConsumer) delivers them.
 *
 *   @ConsumerGroup({ purpose: 'routing', from: ['intake'] })
 *   export class RoutingConsumer {
 *     @EventPattern('case.received.v1')
 *     async route(@Payload() event: CloudEvent<'case.received.v1', CaseReceivedData>, @Ctx() ctx: EventContext) { ... ctx.db ... }
 *   }
 *
 * What the transport does around every handler, so that no handler repeats it:
 * - the group id is `<topic prefix><service>.<purpose>`, exactly as the hand-registered consumers
 *   had it (no suffix: existing groups go on from their committed offsets);
 * - an event whose data does not match its type's schema is parked at once (a poison message);
 * - the effect and the processed event id commit in one transaction (handleOnce, inbox named by
 *   the purpose), so a redelivered event changes nothing; with `effect: 'outside'` the effect runs
 *   with no transaction open and the id is recorded after it (handleOnceOutside);
 * - a handler that throws is retried with back-off and parked on `county.dead-letter.<group>`
 *   after the bound, and the partition moves on; an engine that is away is waited out;
 *   offsets are committed only after the effect; one case's events one after the other, different
 *   cases side by side (all of it EventConsumer's, libs/event-store/src/kafka.ts).
 * The microservice is connected without the HTTP app's global pipes, guards and filters: no
 * ValidationPipe runs on an event.
 */

/** The handler of a group that takes every event of its topics that no handler of its type takes. */
export const ANY_EVENT = '*';

export interface ConsumerGroupOptions {
  /** Names the consumer group (with the topic prefix and the service name) and the idempotency inbox. */
  readonly purpose: string;
  /** The services whose topics the group reads (and the group's own dead-letter replay topic). */
  readonly from: readonly ServiceName[];
  /**
   * `database` (the default): the handler's effect runs on `ctx.db`, in the transaction that
   * records the event id. `outside`: an effect outside the database that is idempotent itself
   * (a Temporal signal); no transaction stays open while it runs.
   */
  readonly effect?: 'database' | 'outside';
}

const GROUP = 'county:consumer-group';

/** Passes a handler's error on to the transport as it was thrown (Nest's default would replace it with "Internal server error"). */
@Catch()
class PassErrorToTransport implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Makes a class a consumer group: a controller whose @EventPattern methods the EventTransport delivers to. */
export function ConsumerGroup(options: ConsumerGroupOptions): ClassDecorator {
  return (target) => {
    const prototype = (target as unknown as { prototype: object }).prototype;
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, key)?.value as object | undefined;
      if (typeof method !== 'function' || !Reflect.hasMetadata(PATTERN_METADATA, method)) continue;
      Reflect.defineMetadata(PATTERN_EXTRAS_METADATA, { ...Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method), [GROUP]: options }, method);
    }
    Controller()(target);
    UseFilters(new PassErrorToTransport())(target);
  };
}

/** What a handler gets beside the event: the transaction of its effect, its log, where the message came from. */
export class EventContext extends BaseRpcContext<[Delivery, PoolClient | undefined, Logger]> {
  /** The transaction in which the effect and the processed event id commit (groups with `effect: 'database'`). */
  get db(): PoolClient {
    const db = this.args[1];
    if (!db) throw new Error("this consumer group's effects run outside the database (effect: 'outside')");
    return db;
  }

  /** The group's log with the event's case, correlation and event ids. */
  get log(): Logger {
    return this.args[2];
  }

  get delivery(): Delivery {
    return this.args[0];
  }
}

interface Group {
  readonly options: ConsumerGroupOptions;
  readonly handlers: Map<string, MessageHandler>;
}

export interface EventTransportDeps {
  readonly config: ServiceConfig;
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly warnings: HealthWarnings;
}

/** The custom transport strategy: one EventConsumer per consumer group; started after HTTP listens (bootstrap.ts), stopped first at shutdown. */
export class EventTransport extends Server implements CustomTransportStrategy, BeforeApplicationShutdown {
  private readonly consumerGroups = new Map<string, Group>();
  private readonly running: EventConsumer[] = [];
  /** The purposes of the groups that consume (joined, subscribed, running). */
  private readonly started = new Set<string>();
  private closing = false;

  constructor(private readonly deps: EventTransportDeps) {
    super();
  }

  /** Called by Nest for every @EventPattern of every controller; files it under its consumer group. */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    const type = this.normalizePattern(pattern as string);
    const options = extras[GROUP] as ConsumerGroupOptions | undefined;
    if (!isEventHandler || !options) throw new Error(`handler for ${type}: only @EventPattern methods of a @ConsumerGroup controller are served by the event transport`);
    const group = this.consumerGroups.get(options.purpose) ?? { options, handlers: new Map<string, MessageHandler>() };
    if (group.options.effect !== options.effect) throw new Error(`consumer group ${options.purpose} is declared twice with different effects`);
    if (group.handlers.has(type)) throw new Error(`consumer group ${options.purpose} has two handlers for ${type}`);
    group.handlers.set(type, callback);
    this.consumerGroups.set(options.purpose, group);
  }

  /** The consumer groups of this service (their dead-letter topics are checked by /health). */
  groups(): string[] {
    return [...this.consumerGroups.keys()].map((purpose) => groupFor(this.deps.config, purpose));
  }

  /** The groups that do not consume yet: all of them until the transport is started, then those still joining (/health says `starting`). */
  notStarted(): string[] {
    return [...this.consumerGroups.keys()].filter((purpose) => !this.started.has(purpose)).map((purpose) => groupFor(this.deps.config, purpose));
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(() => callback(), (err: unknown) => callback(err));
  }

  /**
   * Starts every group side by side: a group that waits for the broker (a topic not served yet)
   * holds back no other, and the start takes as long as the slowest group, not their sum. If one
   * cannot start, the others are stopped again and the start fails with its error.
   */
  private async start(): Promise<void> {
    this.closing = false;
    const results = await Promise.allSettled([...this.consumerGroups].map(([purpose, group]) => this.startGroup(purpose, group)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason;
    }
  }

  private async startGroup(purpose: string, group: Group): Promise<void> {
    const { config, kafka, log: rootLog, metrics, warnings } = this.deps;
    const groupId = groupFor(config, purpose);
    await ensureTopics(kafka, [deadLetterTopic(groupId), deadLetterReplayTopic(groupId)], 1);
    const log = rootLog.child({ component: `consumer:${purpose}` });
    const from = new Set(group.options.from);
    const consumer = new EventConsumer({
      kafka,
      groupId,
      // the replay topic carries what an operator re-delivers from the dead-letter topic
      topics: [...[...from].map((s) => topicFor(config, s)), deadLetterReplayTopic(groupId)],
      log,
      onParked: () => metrics.deadLettered.inc({ group: groupId }),
      handle: async (event, delivery) => {
        try {
          await this.deliver(group, event, delivery, log);
          metrics.eventsConsumed.inc({ type: event.type, outcome: 'ok' });
        } catch (err) {
          metrics.eventsConsumed.inc({ type: event.type, outcome: 'error' });
          throw err;
        }
      },
    });
    warnings.register(`consumer:${purpose}`, () => consumer.status().problem);
    await consumer.start();
    if (this.closing) {
      // shut down while this group was joining: it must not stay in the group
      await consumer.stop();
      return;
    }
    this.running.push(consumer);
    this.started.add(purpose);
  }

  private async deliver(group: Group, event: CloudEvent, delivery: Delivery, groupLog: Logger): Promise<void> {
    const handler = group.handlers.get(event.type) ?? group.handlers.get(ANY_EVENT);
    if (!handler) return; // not an event this group reads
    const violations = shapeViolations(event);
    if (violations.length) throw new PoisonMessageError(`${event.type} does not have the shape of its schema: ${violations.join('; ')}`);
    const log = groupLog.child(eventLogFields(event));
    const { purpose, effect } = group.options;
    const { pool, config } = this.deps;
    const run = async (db?: PoolClient): Promise<void> => {
      const result: unknown = await handler(event, new EventContext([delivery, db, log]));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    };
    const outcome =
      effect === 'outside'
        ? await handleOnceOutside(pool, config.schema, purpose, event.id, () => run())
        : await handleOnce(pool, config.schema, purpose, event.id, (db) => run(db));
    if (outcome.duplicate) log.info('event already handled (redelivery): nothing changed');
    else log.debug('event handled');
  }

  /** Leaves every group cleanly, so that the next member does not wait for a session timeout. */
  async close(): Promise<void> {
    this.closing = true;
    const running = this.running.splice(0);
    this.started.clear();
    await Promise.all(running.map((c) => c.stop()));
  }

  /** Stops consuming before the outbox relay and the pool close (Nest closes the microservice only after these hooks). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  on(): never {
    throw new Error('the event transport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.running as unknown as T;
  }
}
