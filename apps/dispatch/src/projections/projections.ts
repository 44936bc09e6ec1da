import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { ProjectionRunner, type EventStore } from '@county/event-store';
import { CONFIG, EVENT_STORE, PG_POOL, ROOT_LOGGER, type ServiceConfig } from '@county/service-kit';
import { CaseQueuesProjection } from './case-queues.projection';

/** Runs dispatch's read models from its own events. */
@Injectable()
export class Projections implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly caseQueues: CaseQueuesProjection;
  private readonly runner: ProjectionRunner;

  constructor(
    @Inject(CONFIG) config: ServiceConfig,
    @Inject(PG_POOL) pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(ROOT_LOGGER) log: Logger,
  ) {
    this.caseQueues = new CaseQueuesProjection(config.schema);
    this.runner = new ProjectionRunner({ pool, store, projections: [this.caseQueues], log: log.child({ component: 'projections' }) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Brings the read models up to the last committed event (tests, and reads that must see their own writes). */
  catchUp(): Promise<void> {
    return this.runner.catchUp();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
