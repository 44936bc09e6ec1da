import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { KAFKA, PG_POOL } from './tokens';

/** A named check: resolves when the dependency answers, rejects with the reason otherwise. */
export interface NamedCheck {
  readonly name: string;
  check(): Promise<void>;
}
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const EXTRA_HEALTH_CHECK = Symbol('EXTRA_HEALTH_CHECK');

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
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
  @ApiOkResponse({ description: 'every dependency answers' })
  @ApiServiceUnavailableResponse({ description: 'a dependency does not answer; the body names it' })
  check() {
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
    return this.health.check(checks);
  }
}
