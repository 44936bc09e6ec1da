import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, type CaseReceivedData } from '@county/contracts';
import type { EventStore } from '@county/event-store';
import { EVENT_STORE } from '@county/service-kit';

@ApiTags('cases')
@Controller('api/v1/cases')
export class GetCaseController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':caseId')
  @ApiOkResponse({ description: 'the case as the resident may see it' })
  @ApiNotFoundResponse({ description: 'no such case' })
  async get(@Param('caseId') caseId: string) {
    const { events } = await this.store.readStream(caseId);
    const received = events.find((e) => e.type === 'case.received.v1');
    if (!received) throw new DomainError('CASE.NOT_FOUND', `no case ${caseId}`, 'not-found');
    const data = received.data as CaseReceivedData;
    return {
      caseId,
      status: 'received',
      channel: data.channel,
      channelReference: data.channelReference,
      appealType: data.appealType,
      categoryCode: data.categoryCode,
      urgency: data.urgency,
      receivedAt: data.receivedAt,
      timeline: events.map((e) => ({ type: e.type, time: e.time })),
    };
  }
}
