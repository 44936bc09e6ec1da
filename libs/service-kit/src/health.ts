import { Controller, Get, Inject, Injectable, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
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

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  /** The dead-letter backlog of each consumer group, as Kafka last told it. */
  private readonly parked = new Map<string, number>();

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly warnings: HealthWarnings,
    private readonly metrics: Metrics,
    @Inject(CONSUMER_GROUPS) private readonly groups: { groups(): string[] },
    @Optional() @Inject(EXTRA_HEALTH_CHECK) private readonly extra?: NamedCheck,
  ) {}

  private async run(name: string, fn: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const i = this.indicator.check(name);
    try {
      await withTimeout(fn(), 3000);
      return i.up();
    } catch (err) {
      return i.down({ message: (err as Error).message });
    }
  }

  @Get()
  @HealthCheck()
  @ApiOkResponse({
    description:
      'every dependency answers; status "degraded" with warnings when messages are parked on a dead-letter topic or a component is recovering (a connection made again, a leader elected again)',
  })
  @ApiServiceUnavailableResponse({ description: 'a dependency does not answer; the body names it' })
  async check() {
    const checks = [
      () => this.run('database', () => this.pool.query('SELECT 1')),
      () =>
        this.run('kafka', async () => {
          const admin = this.kafka.admin();
          await admin.connect();
          try {
            await admin.describeCluster();
          } finally {
            await admin.disconnect();
          }
        }),
    ];
    const extra = this.extra;
    if (extra) checks.push(() => this.run(extra.name, () => extra.check()));
    const result = await this.health.check(checks);
    // parked messages make the service degraded, not down; when Kafka is slow to say how many,
    // the last figure it gave stands
    const groups = this.groups.groups();
    if (groups.length) await withTimeout(
      (async () => {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          for (const group of groups) {
            const n = await deadLetterBacklog(admin, group);
            this.metrics.deadLetterBacklog.set({ group }, n);
            this.parked.set(group, n);
          }
        } finally {
          await admin.disconnect();
        }
      })(),
      3000,
    ).catch(() => undefined);
    const warnings = [
      ...[...this.parked]
        .filter(([, n]) => n > 0)
        .map(([group, n]) => ({ component: `dead-letters:${group}`, problem: `${n} message(s) parked; see npm run dead-letters -- show ${group}` })),
      ...this.warnings.current(),
    ];
    return warnings.length ? { ...result, status: 'degraded', warnings } : result;
  }
}
