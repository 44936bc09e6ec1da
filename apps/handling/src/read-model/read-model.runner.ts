import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { ProjectionRunner, type EventStore } from '@county/event-store';
import { CONFIG, EVENT_STORE, PG_POOL, ROOT_LOGGER, type ServiceConfig } from '@county/service-kit';
import { HANDLING_PROJECTIONS } from './projections';

/** Keeps handling's read models of its own events up to date (tasks, whistles). */
@Injectable()
export class ReadModelRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CONFIG) config: ServiceConfig,
    @Inject(ROOT_LOGGER) log: Logger,
  ) {
    this.runner = new ProjectionRunner({ pool, store, projections: HANDLING_PROJECTIONS, log: log.child({ component: 'projections' }) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Applies every committed event now (tests, and a request that must read its own writes). */
  catchUp(): Promise<void> {
    return this.runner.catchUp();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
