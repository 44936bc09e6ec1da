import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type { CaseReceivedData, CloudEvent } from '@county/contracts';
import { handleOnce } from '@county/event-store';
import { CONFIG, Consumers, PG_POOL, type ServiceConfig } from '@county/service-kit';
import { placeOf, route, versionAt } from '@county/rules';
import { CaseCommands } from '../cases/case-commands';
import { ResponsibilityListStore } from '../responsibility-list/responsibility-list.store';

/**
 * On every received case, the centre routes it by the list version in effect at that moment:
 * CaseReceived (intake) -> CaseDispatched (list item and version as the reason) or CaseSentToTriage.
 *
 * The automatic routing happens at the moment intake recorded the case (the received event's
 * time), not when this consumer got round to it: in a backlog a case is dispatched at the same
 * instant, by the same list version, with the same deadlines as without one.
 */
@Injectable()
export class RouteReceivedCase implements OnModuleInit {
  constructor(
    private readonly consumers: Consumers,
    private readonly cases: CaseCommands,
    private readonly list: ResponsibilityListStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      purpose: 'routing',
      from: ['intake'],
      handle: async (event, _delivery, log) => {
        if (event.type !== 'case.received.v1') return;
        const outcome = await this.route(event as CloudEvent<'case.received.v1', CaseReceivedData>);
        log.info({ duplicate: outcome.duplicate }, outcome.duplicate ? 'case already routed (redelivery)' : 'case routed');
      },
    });
  }

  route(event: CloudEvent<'case.received.v1', CaseReceivedData>) {
    return handleOnce(this.pool, this.config.schema, 'routing', event.id, async (client) => {
      const now = new Date().toISOString();
      const at = new Date(event.time).toISOString();
      const { state: list } = await this.list.load(client);
      const routing = route(versionAt(list, at), event.data.categoryCode, placeOf(event.data.location));
      const received = routing.kind === 'routed' ? withTownship(event.data) : event.data;
      return this.cases.execute(event.subject, { type: 'RouteReceivedCase', received, routing, now: at }, { time: now, correlationId: event.correlationid, causationId: event.id }, { client });
    });
  }
}

/** A case located only by its grid still names its township on the dispatch. */
function withTownship(received: CaseReceivedData): CaseReceivedData {
  const place = placeOf(received.location);
  if (received.location.townshipCode !== undefined || place.townshipCode === undefined) return received;
  return { ...received, location: { ...received.location, townshipCode: place.townshipCode } };
}
