import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { SERVICE_NAMES, type CloudEvent } from '@county/contracts';
import { ANY_EVENT, ConsumerGroup, EventContext } from '@county/service-kit';
import { FactsStore } from './facts-store';

/** Consumes every event of every service's topic (its own included) into the case facts and KPI rows. */
@ConsumerGroup({ purpose: 'facts', from: [...SERVICE_NAMES] })
export class FactsConsumer {
  constructor(private readonly facts: FactsStore) {}

  @EventPattern(ANY_EVENT)
  async consume(@Payload() event: CloudEvent, @Ctx() { db, log }: EventContext): Promise<void> {
    await this.facts.consume(db, event, { detectHotspots: true });
    log.debug('event folded into case facts');
  }
}
