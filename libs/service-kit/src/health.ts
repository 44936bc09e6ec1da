import { Controller, Get, Inject, Injectable, Optional, Res, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { deadLetterBacklog } from '@county/event-store';
import { KAFKA, PG_POOL } from './tokens';
import { Metrics } from './metrics';

/** A named check: resolves when the dependency answers, rejects with the reason otherwise. */
export interface NamedCheck {
  readonly name: string;
  check(): Promise<void>;
}
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const EXTRA_HEALTH_CHECK = Symbol('EXTRA_HEALTH_CHECK');

/**
 * What keeps a running service from working fully although its engines answer: a connection
 * being made again, a leader being elected, a consumer waiting for an engine. /health reports
 * each as a warning (status "degraded", still 200): the service is up and recovers by itself.
 */
@Injectable()
export class HealthWarnings {
  private readonly sources = new Map<string, () => string | undefined>();

  /** A component reports its problem (or undefined when it has none) whenever /health asks. */
  register(component: string, problem: () => string | undefined): void {
    this.sources.set(component, problem);
  }

  current(): { component: string; problem: string }[] {
    const out: { component: string; problem: string }[] = [];
    for (const [component, problem] of this.sources) {
      const p = problem();
      if (p) out.push({ component, problem: p });
    }
    return out;
  }
}

/** Where a service's consumer groups are read from (the platform's EventTransport). */
export const CONSUMER_GROUPS = Symbol('CONSUMER_GROUPS');

/** What /health needs of the consumer groups: their names, and those not consuming yet (the service is still starting). */
export interface ConsumerGroupsState {
  groups(): string[];
  notStarted(): string[];
}

/** How /health keeps its facts fresh (HealthMonitor). */
export interface HealthTiming {
  /** How often each engine is asked (one question per engine at a time: a slow answer is never asked twice over). */
  readonly refreshMs: number;
  /** An engine that has not answered within this is slow; the fact it last gave stands, and ages. */
  readonly answerWithinMs: number;
  /** A fact older than this is unknown: the engine counts as down (a hung engine is reported within this bound). */
  readonly staleAfterMs: number;
  /** How often the dead-letter backlog of each consumer group is counted. */
  readonly backlogRefreshMs: number;
  /** A backlog figure older than this is reported as unknown (a warning). */
  readonly backlogStaleAfterMs: number;
}

export const HEALTH_TIMING = Symbol('HEALTH_TIMING');

export const DEFAULT_HEALTH_TIMING: HealthTiming = {
  refreshMs: 1_000,
  answerWithinMs: 2_000,
  staleAfterMs: 8_000,
  backlogRefreshMs: 5_000,
  backlogStaleAfterMs: 30_000,
};

/** One engine's state as /health reports it. */
export interface EngineAnswer {
  readonly status: 'up' | 'down';
  /** When the engine last answered (with success or with an error); absent before its first answer. */
  readonly checkedAt?: string;
  /** How old that answer is, in ms. */
  readonly ageMs?: number;
  readonly message?: string;
}

interface Fact {
  readonly up: boolean;
  readonly message?: string;
  /** When the engine answered (ms since the epoch). */
  readonly at: number;
}

interface Question {
  readonly startedAt: number;
  readonly seq: number;
}

/**
 * Keeps what /health says, so that a call of /health asks nobody: the database (a `SELECT 1` on
 * the service's own pool), Kafka (one admin client kept open, made again when it is lost), the
 * extra check (Temporal, for case-worker) and each consumer group's dead-letter backlog are asked
 * in the background, on an interval, and each answer is kept with its time.
 *
 * - An engine that answers with an error (refused, reset, ended) is down at once.
 * - An engine that does not answer within `answerWithinMs` is slow: its last fact stands, ageing;
 *   once older than `staleAfterMs` it is unknown and the engine counts as down. So a busy machine
 *   does not flip /health, and a hung engine is still reported within that bound.
 * - A question that hangs past `staleAfterMs` is given up (and the Kafka admin client dropped), so
 *   the next one can find the engine back.
 */
@Injectable()
export class HealthMonitor implements OnModuleInit, BeforeApplicationShutdown {
  private readonly timing: HealthTiming;
  private readonly facts = new Map<string, Fact>();
  private readonly slow = new Map<string, string>();
  private readonly asking = new Map<string, Question>();
  private readonly backlog = new Map<string, { parked: number; at: number }>();
  private lastBacklogAt = 0;
  private seq = 0;
  private admin?: Admin;
  private adminConnecting?: Promise<Admin>;
  /** Grows each time a connection being made is given up on. */
  private adminGeneration = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** How many Kafka admin clients this monitor has connected: one, and one more after each loss. */
  kafkaAdminClientsMade = 0;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly metrics: Metrics,
    @Inject(CONSUMER_GROUPS) private readonly groups: ConsumerGroupsState,
    @Optional() @Inject(EXTRA_HEALTH_CHECK) private readonly extra?: NamedCheck,
    @Optional() @Inject(HEALTH_TIMING) timing?: Partial<HealthTiming>,
  ) {
    this.timing = { ...DEFAULT_HEALTH_TIMING, ...timing };
  }

  onModuleInit(): void {
    this.stopped = false;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), this.timing.refreshMs);
    this.timer.unref();
  }

  /** The engines /health reports, in order. */
  engines(): string[] {
    return ['database', 'kafka', ...(this.extra ? [this.extra.name] : [])];
  }

  /** Asks every engine whose last question is answered (or given up), and the backlog when due. */
  private refresh(): void {
    if (this.stopped) return;
    this.ask('database', () => this.pool.query('SELECT 1'));
    this.ask('kafka', async () => {
      const admin = await this.kafkaAdmin();
      await admin.describeCluster().catch((err: unknown) => {
        this.dropAdmin(admin, false);
        throw err;
      });
    }, { viaAdmin: true });
    const extra = this.extra;
    if (extra) this.ask(extra.name, () => extra.check());
    if (Date.now() - this.lastBacklogAt >= this.timing.backlogRefreshMs && this.groups.groups().length) {
      this.lastBacklogAt = Date.now();
      this.ask('dead-letters', () => this.countBacklog(), { isEngine: false, viaAdmin: true });
    }
  }

  /**
   * Asks one question of an engine unless one is open. An open question is given up after
   * `giveUpAfterMs` (by default once its answer would be too old anyway), so that the next one
   * can find the engine back; Kafka's are given up sooner (2 × answerWithinMs), with the admin
   * client they hang on, since a new connection costs nothing there (a database question given
   * up on still holds a pool connection, so those are asked again only as often as needed).
   * `isEngine`: the answer is a fact of an engine /health reports; `viaAdmin`: the question goes
   * through the shared Kafka admin client.
   */
  private ask(name: string, question: () => Promise<unknown>, { isEngine = true, viaAdmin = false } = {}): void {
    const now = Date.now();
    const open = this.asking.get(name);
    const giveUpAfterMs = viaAdmin ? 2 * this.timing.answerWithinMs : this.timing.staleAfterMs;
    if (open && now - open.startedAt < giveUpAfterMs) return;
    if (open && viaAdmin) this.dropAdmin(); // hung: start over on a new connection
    const seq = ++this.seq;
    this.asking.set(name, { startedAt: now, seq });
    const slow = setTimeout(() => this.slow.set(name, `no answer within ${this.timing.answerWithinMs} ms`), this.timing.answerWithinMs);
    slow.unref();
    const settle = (fact?: Fact) => {
      clearTimeout(slow);
      if (this.asking.get(name)?.seq !== seq) return; // given up on: a newer question counts
      this.asking.delete(name);
      this.slow.delete(name);
      if (fact && isEngine) this.facts.set(name, fact);
    };
    let answer: Promise<unknown>;
    // the Kafka questions share one admin client: when one of them is given up on, the client is
    // dropped under the other ("Closed connection", "the connection was given up on"); that is
    // this monitor's own doing, not the broker's answer, and is no fact (the next question asks again)
    const generation = this.adminGeneration;
    try {
      answer = question();
    } catch (err) {
      answer = Promise.reject(err);
    }
    answer.then(
      () => settle({ up: true, at: Date.now() }),
      (err: unknown) => settle(viaAdmin && this.adminGeneration !== generation ? undefined : { up: false, message: String((err as Error)?.message ?? err), at: Date.now() }),
    );
  }

  private kafkaAdmin(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    if (this.adminConnecting) return this.adminConnecting;
    const generation = this.adminGeneration;
    const connecting = (async () => {
      // few retries: a broker that is away must show as down at once, not after kafkajs's back-off
      const admin = this.kafka.admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 } });
      this.kafkaAdminClientsMade += 1;
      try {
        await admin.connect();
      } catch (err) {
        await admin.disconnect().catch(() => undefined);
        throw err;
      }
      // given up on meanwhile (it hung), or stopping: this client is nobody's
      if (this.stopped || generation !== this.adminGeneration) {
        await admin.disconnect().catch(() => undefined);
        throw new Error('the connection was given up on');
      }
      this.admin = admin;
      return admin;
    })();
    this.adminConnecting = connecting;
    connecting.then(
      () => this.connected(generation),
      () => this.connected(generation),
    );
    return connecting;
  }

  /** A connection being made is over (made or not): the next question may make another. */
  private connected(generation: number): void {
    if (generation === this.adminGeneration) this.adminConnecting = undefined;
  }

  /** Forgets the admin client (lost or hung) and any connection being made; the next question makes a new one. */
  private dropAdmin(admin = this.admin, connecting = true): void {
    if (connecting) {
      this.adminGeneration += 1;
      this.adminConnecting = undefined;
    }
    if (this.admin === admin) this.admin = undefined;
    void admin?.disconnect().catch(() => undefined);
  }

  private async countBacklog(): Promise<void> {
    const admin = await this.kafkaAdmin();
    for (const group of this.groups.groups()) {
      const parked = await deadLetterBacklog(admin, group);
      this.metrics.deadLetterBacklog.set({ group }, parked);
      this.backlog.set(group, { parked, at: Date.now() });
    }
  }

  /** Counts the dead-letter backlog at the next refresh (a message was just parked). */
  countBacklogSoon(): void {
    this.lastBacklogAt = 0;
  }

  /** Each engine as it last answered, aged to `now`: a fact older than the bound is unknown, so down. */
  engineAnswers(now = Date.now()): Record<string, EngineAnswer> {
    const out: Record<string, EngineAnswer> = {};
    for (const name of this.engines()) {
      const fact = this.facts.get(name);
      const slow = this.slow.get(name);
      if (!fact) {
        out[name] = { status: 'down', message: slow ?? 'not checked yet' };
        continue;
      }
      const ageMs = Math.max(0, now - fact.at);
      const when = { checkedAt: new Date(fact.at).toISOString(), ageMs };
      if (ageMs > this.timing.staleAfterMs) {
        out[name] = { status: 'down', ...when, message: `unknown: no answer for ${Math.round(ageMs / 1000)} s${slow ? ` (${slow})` : ''}` };
      } else if (fact.up) {
        out[name] = { status: 'up', ...when, ...(slow && { message: slow }) };
      } else {
        out[name] = { status: 'down', ...when, message: fact.message };
      }
    }
    return out;
  }

  /** Warnings about parked messages, or about a backlog that could not be counted for too long. */
  backlogWarnings(now = Date.now()): { component: string; problem: string }[] {
    const out: { component: string; problem: string }[] = [];
    for (const group of this.groups.groups()) {
      const b = this.backlog.get(group);
      if (b && now - b.at <= this.timing.backlogStaleAfterMs) {
        if (b.parked > 0) out.push({ component: `dead-letters:${group}`, problem: `${b.parked} message(s) parked; see npm run dead-letters -- show ${group}` });
      } else if (b) {
        out.push({
          component: `dead-letters:${group}`,
          problem: `backlog unknown: last counted ${Math.round((now - b.at) / 1000)} s ago (${b.parked} parked then)`,
        });
      }
      // never counted yet (just started): nothing is known to be parked, so nothing to warn about
    }
    return out;
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
    const admin = this.admin;
    this.admin = undefined;
    void admin?.disconnect().catch(() => undefined);
  }
}

const HEALTH_ANSWER_SCHEMA = {
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: {
      type: 'string',
      enum: ['ok', 'degraded', 'starting', 'error'],
      description:
        'ok; degraded (200: warnings); starting (503: consumer groups not consuming yet, named in `starting`); error (503: an engine is down or unknown, named in `error`)',
    },
    info: { type: 'object', additionalProperties: { type: 'object' }, description: 'the engines that answered' },
    error: { type: 'object', additionalProperties: { type: 'object' }, description: 'the engines that are down, or whose last answer is too old to count' },
    details: {
      type: 'object',
      description: 'every engine: status up or down, when it last answered (checkedAt, ageMs) and why it is down',
      additionalProperties: {
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['up', 'down'] },
          checkedAt: { type: 'string', format: 'date-time' },
          ageMs: { type: 'integer', minimum: 0 },
          message: { type: 'string' },
        },
      },
    },
    starting: { type: 'array', items: { type: 'string' }, description: 'consumer groups not consuming yet' },
    warnings: {
      type: 'array',
      items: { type: 'object', required: ['component', 'problem'], properties: { component: { type: 'string' }, problem: { type: 'string' } } },
    },
  },
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly monitor: HealthMonitor,
    private readonly warnings: HealthWarnings,
    @Inject(CONSUMER_GROUPS) private readonly groups: ConsumerGroupsState,
  ) {}

  /**
   * Readiness: answered from what the service already knows (HealthMonitor), never by asking an
   * engine; 503 while an engine is down or its state unknown, and while consumer groups start.
   */
  @Get()
  @ApiOkResponse({
    description:
      'every engine answered recently; status "degraded" with warnings when messages are parked on a dead-letter topic or a component is recovering (a connection made again, a leader elected again)',
    schema: HEALTH_ANSWER_SCHEMA,
  })
  @ApiServiceUnavailableResponse({
    description: 'an engine is down or has not answered for too long (named in error), or consumer groups are still starting (named in starting)',
    schema: HEALTH_ANSWER_SCHEMA,
  })
  check(@Res({ passthrough: true }) res: Response) {
    const now = Date.now();
    const details = this.monitor.engineAnswers(now);
    const info: Record<string, EngineAnswer> = {};
    const error: Record<string, EngineAnswer> = {};
    for (const [name, answer] of Object.entries(details)) (answer.status === 'up' ? info : error)[name] = answer;
    const starting = this.groups.notStarted();
    const warnings = [...this.monitor.backlogWarnings(now), ...this.warnings.current()];
    const down = Object.keys(error).length > 0;
    const status = down ? 'error' : starting.length ? 'starting' : warnings.length ? 'degraded' : 'ok';
    res.status(down || starting.length ? 503 : 200);
    res.setHeader('cache-control', 'no-store');
    return { status, info, error, details, ...(starting.length && { starting }), ...(warnings.length && { warnings }) };
  }

  /**
   * Liveness: the process answers HTTP. It says nothing of the engines, so that a service waiting
   * for a broker or a database is never restarted for it (that is what /health, readiness, says).
   */
  @Get('live')
  @ApiOkResponse({
    description: 'the process runs and answers; its engines may be away (see /health)',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['alive'] } } },
  })
  live() {
    return { status: 'alive' };
  }
}
