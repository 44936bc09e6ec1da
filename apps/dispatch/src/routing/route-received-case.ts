import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type { CaseReceivedData, CloudEvent } from '@county/contracts';
import { executeCommand, handleOnce, type EventStore } from '@county/event-store';
import { CONFIG, Consumers, EVENT_STORE, PG_POOL, type ServiceConfig } from '@county/service-kit';
import { dispatchCase, placeholderRouting } from '../domain/dispatch-case';

/** On every received case, the centre routes it: CaseReceived (intake) -> CaseDispatched (dispatch). */
@Injectable()
export class RouteReceivedCase implements OnModuleInit {
  constructor(
    private readonly consumers: Consumers,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      purpose: 'routing',
      from: ['intake'],
      handle: async (event, _delivery, log) => {
        if (event.type !== 'case.received.v1') return;
        const outcome = await this.route(event as CloudEvent<'case.received.v1', CaseReceivedData>);
        log.info({ duplicate: outcome.duplicate }, outcome.duplicate ? 'case already routed (redelivery)' : 'case dispatched');
      },
    });
  }

  route(event: CloudEvent<'case.received.v1', CaseReceivedData>) {
    return handleOnce(this.pool, this.config.schema, 'routing', event.id, (client) =>
      executeCommand(
        this.store,
        event.subject,
        dispatchCase,
        { type: 'RouteReceivedCase', received: event.data, routing: placeholderRouting(event.data), now: new Date().toISOString() },
        { time: new Date().toISOString(), correlationId: event.correlationid, causationId: event.id },
        { client },
      ),
    );
  }
}
