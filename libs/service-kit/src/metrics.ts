import { Controller, Get, Header, Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { readHorizonAgeSeconds, subscriberLag } from '@county/event-store';
import { CONFIG, PG_POOL } from './tokens';
import type { ServiceConfig } from './config';
import { ApiExcludeController } from '@nestjs/swagger';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per service process. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly requestsShed: Counter<'reason'>;
  readonly eventsAppended: Counter<'type'>;
  readonly eventsConsumed: Counter<'type' | 'outcome'>;
  readonly deadLettered: Counter<'group'>;
  readonly deadLetterBacklog: Gauge<'group'>;
  readonly relayLag: Gauge;
  readonly relayPending: Gauge;
  readonly projectionLag: Gauge<'projection'>;
  readonly projectionPending: Gauge<'projection'>;
  readonly readHorizonAge: Gauge;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.requestsShed = new Counter({
      name: 'http_requests_shed_total',
      help: 'Requests answered 429 with nothing stored because the process was too far behind (reason: event-loop-lag), working on as many as it takes (in-flight) or had no database connection in time (connection-wait)',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.eventsAppended = new Counter({ name: 'events_appended_total', help: 'Events appended to this service\'s event store', labelNames: ['type'], registers: [this.registry] });
    this.eventsConsumed = new Counter({ name: 'events_consumed_total', help: 'Events consumed from Kafka', labelNames: ['type', 'outcome'], registers: [this.registry] });
    this.deadLettered = new Counter({ name: 'events_dead_lettered_total', help: 'Messages this process parked on a dead-letter topic', labelNames: ['group'], registers: [this.registry] });
    this.deadLetterBacklog = new Gauge({
      name: 'events_dead_letters_parked',
      help: 'Messages parked on a consumer group\'s dead-letter topic and not yet replayed (as last counted by /health\'s background refresh, every 5 s)',
      labelNames: ['group'],
      registers: [this.registry],
    });
    const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) => new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
    this.relayLag = gauge('events_relay_lag_seconds', 'Age of the oldest committed event the outbox relay has not published yet (0 when caught up)');
    this.relayPending = gauge('events_relay_pending', 'Committed events the outbox relay has not published yet');
    this.projectionLag = gauge('events_projection_lag_seconds', 'Age of the oldest event a projection has not applied yet (0 when caught up)', ['projection']);
    this.projectionPending = gauge('events_projection_pending', 'Events a projection has not applied yet', ['projection']);
    this.readHorizonAge = gauge(
      'events_read_horizon_age_seconds',
      'Age of the oldest transaction in the PostgreSQL cluster (any database) that holds back what subscribers may read',
    );
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    await this.collectLag().catch(() => undefined); // a database away: the other figures still count
    return this.metrics.registry.metrics();
  }

  private async collectLag(): Promise<void> {
    const lags = await subscriberLag(this.pool, this.config.schema, ['kafka-relay']);
    for (const l of lags) {
      if (l.subscriber === 'kafka-relay') {
        this.metrics.relayLag.set(l.lagSeconds);
        this.metrics.relayPending.set(l.pending);
      } else if (l.subscriber.startsWith('projection:')) {
        const projection = l.subscriber.slice('projection:'.length);
        this.metrics.projectionLag.set({ projection }, l.lagSeconds);
        this.metrics.projectionPending.set({ projection }, l.pending);
      }
    }
    this.metrics.readHorizonAge.set(await readHorizonAgeSeconds(this.pool));
  }
}
