import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { SERVICE_NAMES } from '@county/contracts';
import { handleOnce } from '@county/event-store';
import { CONFIG, Consumers, PG_POOL, type ServiceConfig } from '@county/service-kit';
import { FactsStore } from './facts-store';

/** Consumes every service's topic (its own included) into the case facts and KPI rows. */
@Injectable()
export class FactsConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: Consumers,
    private readonly facts: FactsStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      purpose: 'facts',
      from: [...SERVICE_NAMES],
      handle: async (event, _delivery, log) => {
        const outcome = await handleOnce(this.pool, this.config.schema, 'facts', event.id, (db) => this.facts.consume(db, event, { detectHotspots: true }));
        log.debug({ duplicate: outcome.duplicate }, 'event folded into case facts');
      },
    });
  }
}
