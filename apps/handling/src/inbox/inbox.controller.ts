import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiResponse } from '@nestjs/swagger';
import { INBOX_COUNTS, INBOX_PAGE } from '../openapi.schemas';
import type { Pool } from 'pg';
import { ErrorCodes, DomainError } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import { AuthGuard, CurrentPrincipal, UNIT_ROLES, type Principal } from '@county/auth';
import { HANDLING_SETTINGS, type HandlingSettings } from '../settings';
import { InboxCountsQueryDto, InboxQueryDto } from './inbox.dto';
import { caseInbox, inboxCounts, whistleInbox, type CaseRow, type Page, type WhistleRow } from './inbox.queries';
import { proactiveTaskInbox, type ProactiveTaskRow } from '../proactive-tasks/proactive-task.queries';

/** The unit whose data a principal may read: a unit reads its own; the centre and admins read any unit's. */
export function readableUnit(principal: Principal, requested: string | undefined): string {
  if (UNIT_ROLES.includes(principal.role)) {
    if (requested !== undefined && requested !== principal.unitCode) {
      throw new DomainError(ErrorCodes.AUTH_NOT_YOUR_UNIT, `a ${principal.role} of ${principal.unitCode} reads only its own unit`, 'forbidden');
    }
    return principal.unitCode;
  }
  return requested ?? principal.unitCode;
}

@ApiTags('inbox')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/inbox')
export class InboxController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(HANDLING_SETTINGS) private readonly settings: HandlingSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: "A unit's inbox: its cases by box (new, signed, due soon, overdue, sent back, ...) the whistles it must answer, or its proactive tasks (box=proactive-tasks); newest first, cursor paging" })
  @ApiResponse({ status: 200, description: '{ items, nextCursor }: case rows show the deadlines that apply to the unit; whistle rows (box=whistles) what the caller needs; proactive-task rows (box=proactive-tasks) the task, its clock and its linked cases', schema: INBOX_PAGE })
  @ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED' })
  @ApiForbiddenResponse({ description: "AUTH.NOT_YOUR_UNIT: a unit asked for another unit's inbox" })
  list(@Query() query: InboxQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<CaseRow> | Page<WhistleRow> | Page<ProactiveTaskRow>> {
    const filter = {
      unitCode: readableUnit(principal, query.unitCode),
      box: query.box ?? 'open',
      categoryCode: query.categoryCode,
      urgency: query.urgency,
      role: query.role,
      cursor: query.cursor,
      limit: query.limit ?? 20,
      now: new Date(),
      dueSoonHours: this.settings.dueSoonHours,
    };
    if (filter.box === 'proactive-tasks') return proactiveTaskInbox(this.pool, filter);
    return filter.box === 'whistles' ? whistleInbox(this.pool, filter) : caseInbox(this.pool, filter);
  }

  @Get('counts')
  @ApiOperation({ summary: "How many cases each box of a unit's inbox holds (and the whistles it must answer): the whole inbox, not one page" })
  @ApiResponse({ status: 200, description: 'the count of every box', schema: INBOX_COUNTS })
  @ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED' })
  @ApiForbiddenResponse({ description: "AUTH.NOT_YOUR_UNIT: a unit asked for another unit's counts" })
  async counts(@Query() query: InboxCountsQueryDto, @CurrentPrincipal() principal: Principal) {
    const unitCode = readableUnit(principal, query.unitCode);
    return { unitCode, counts: await inboxCounts(this.pool, { unitCode, now: new Date(), dueSoonHours: this.settings.dueSoonHours }) };
  }
}
