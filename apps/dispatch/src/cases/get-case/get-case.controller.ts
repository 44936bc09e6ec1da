import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, fold, type CaseDispatchedData } from '@county/contracts';
import type { EventStore } from '@county/event-store';
import { EVENT_STORE } from '@county/service-kit';
import { dispatchCase, handlingDeadline, resolved, transferWindowEnd, type DispatchCaseEvent } from '../../domain/dispatch-case';
import { Reopens } from '../../reopens/reopens';

/** "Why was this case sent here?": the centre's view of a case, read from its events (always current). */
@ApiTags('cases')
@Controller('api/v1/cases')
export class GetCaseController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reopens: Reopens,
  ) {}

  @Get(':caseId')
  @ApiOkResponse({ description: "the case's state at the centre, its version (also as ETag), every dispatch with its reason, and its last reopen (重办) if it was reopened" })
  @ApiNotFoundResponse({ description: 'the centre has no such case' })
  async get(@Param('caseId') caseId: string, @Res({ passthrough: true }) res: Response) {
    const { version, events } = await this.store.readStream(caseId);
    if (events.length === 0) throw new DomainError('CASE.NOT_FOUND', `the centre has no case ${caseId}`, 'not-found');
    const state = fold(dispatchCase, events.map((e) => ({ type: e.type, data: e.data }) as DispatchCaseEvent));
    res.setHeader('ETag', `"${version}"`);
    const dispatched = state.status === 'dispatched' ? state : undefined;
    const reopen = await this.reopens.of(caseId);
    return {
      caseId,
      version,
      state: dispatched
        ? {
            ...dispatched,
            transferWindowEndsAt: transferWindowEnd(dispatched).toISOString(),
            handlingDeadline: handlingDeadline(dispatched, reopen).toISOString(),
            resolved: resolved(dispatched, reopen),
          }
        : state,
      reopen: reopen ?? null,
      dispatches: events
        .filter((e) => e.type === 'case.dispatched.v1')
        .map((e) => {
          const d = e.data as CaseDispatchedData;
          return { primaryUnitCode: d.primaryUnitCode, cooperatingUnitCodes: d.cooperatingUnitCodes, basis: d.basis, dispatchedAt: d.dispatchedAt, redispatch: d.redispatch ?? false, assignments: d.assignments };
        }),
      timeline: events.map((e) => ({ type: e.type, time: e.time, version: e.sequence })),
    };
  }
}
