import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiTags, ApiResponse } from '@nestjs/swagger';
import { DISPATCH_CASE_VIEW } from '../../openapi.schemas';
import { Authenticated, CurrentPrincipal, type Principal } from '@county/auth';
import type { Response } from 'express';
import { ErrorCodes, DomainError, type CaseDispatchedData } from '@county/contracts';
import type { EventStore } from '@county/event-store';
import { EVENT_STORE } from '@county/service-kit';
import { caseStatusOf, foldStream, handlingDeadline, resolved, standingOf, transferWindowEnd, type DispatchCaseEvent, type DispatchCaseState } from '../../domain/dispatch-case';
import { Reopens } from '../../reopens/reopens';

const CENTRE_ROLES: readonly string[] = ['centre', 'admin'];

/** The units the case is dispatched to now: its primary unit, cooperating units and assignments. */
function unitsOf(state: DispatchCaseState): ReadonlySet<string> {
  if (state.status !== 'dispatched') return new Set();
  return new Set([state.primaryUnitCode, ...state.cooperatingUnitCodes, ...(state.assignments ?? []).map((a) => a.unitCode)]);
}

/**
 * "Why was this case sent here?": the centre's view of a case, read from its events (always current).
 * The centre and admins read any case; a unit reads the cases dispatched to it (403 otherwise, also
 * for a case the centre does not know: a unit may not learn whether a case exists).
 */
@ApiTags('cases')
@Authenticated()
@Controller('api/v1/cases')
export class GetCaseController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reopens: Reopens,
  ) {}

  @Get(':caseId')
  @ApiResponse({ status: 200, description: "the case's state at the centre, its version (also as ETag), every dispatch with its reason, and its last reopen (重办) if it was reopened", schema: DISPATCH_CASE_VIEW })
  @ApiForbiddenResponse({ description: 'CASE.NOT_YOUR_CASE: a unit token for a case not dispatched to that unit' })
  @ApiNotFoundResponse({ description: 'the centre has no such case (centre and admin tokens only)' })
  async get(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const { version, events } = await this.store.readStream(caseId);
    const centre = CENTRE_ROLES.includes(principal.role);
    const state = foldStream(events.map((e) => ({ type: e.type, data: e.data }) as DispatchCaseEvent));
    if (!centre && !unitsOf(state).has(principal.unitCode)) {
      throw new DomainError(ErrorCodes.CASE_NOT_YOUR_CASE, `case ${caseId} is not dispatched to ${principal.unitCode}`, 'forbidden');
    }
    if (events.length === 0) throw new DomainError(ErrorCodes.CASE_NOT_FOUND, `the centre has no case ${caseId}`, 'not-found');
    res.setHeader('ETag', `"${version}"`);
    const dispatched = state.status === 'dispatched' ? state : undefined;
    const reopen = await this.reopens.of(caseId);
    // where the case stands, in the platform's one vocabulary of case statuses
    const status = state.status === 'none' ? undefined : caseStatusOf(standingOf(state, reopen, await this.reopens.closed(caseId)));
    return {
      caseId,
      version,
      state: dispatched
        ? {
            ...dispatched,
            status,
            transferWindowEndsAt: transferWindowEnd(dispatched).toISOString(),
            handlingDeadline: handlingDeadline(dispatched, reopen).toISOString(),
            resolved: resolved(dispatched, reopen),
          }
        : { ...state, ...(status && { status }) },
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
