import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CaseReceivedData, CloudEvent } from '@county/contracts';
import { ConsumerGroup, EventContext } from '@county/service-kit';
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
@ConsumerGroup({ purpose: 'routing', from: ['intake'] })
export class RouteReceivedCase {
  constructor(
    private readonly cases: CaseCommands,
    private readonly list: ResponsibilityListStore,
  ) {}

  @EventPattern('case.received.v1')
  async route(@Payload() event: CloudEvent<'case.received.v1', CaseReceivedData>, @Ctx() { db, log }: EventContext): Promise<void> {
    const now = new Date().toISOString();
    const at = new Date(event.time).toISOString();
    const { state: list } = await this.list.load(db);
    const routing = route(versionAt(list, at), event.data.categoryCode, placeOf(event.data.location));
    const received = routing.kind === 'routed' ? withTownship(event.data) : event.data;
    await this.cases.execute(event.subject, { type: 'RouteReceivedCase', received, routing, now: at }, { time: now, correlationId: event.correlationid, causationId: event.id }, { client: db });
    log.info({ routing: routing.kind }, 'case routed');
  }
}

/** A case located only by its grid still names its township on the dispatch. */
function withTownship(received: CaseReceivedData): CaseReceivedData {
  const place = placeOf(received.location);
  if (received.location.townshipCode !== undefined || place.townshipCode === undefined) return received;
  return { ...received, location: { ...received.location, townshipCode: place.townshipCode } };
}
