import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiQuery, ApiTags, ApiResponse } from '@nestjs/swagger';
import { UNIT_CASE } from '../../openapi.schemas';
import type { Pool } from 'pg';
import { PG_POOL } from '@county/service-kit';
import { AuthGuard, CurrentPrincipal, type Principal } from '@county/auth';
import { readableUnit } from '../../inbox/inbox.controller';
import { caseOfUnit, whistlesWhere } from '../../inbox/inbox.queries';
import { notYourCase } from '../case-access';

@ApiTags('cases')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/cases')
export class GetCaseController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get(':caseId')
  @ApiOperation({ summary: 'A case as the unit sees it: status, deadlines, its whistles' })
  @ApiQuery({ name: 'unitCode', required: false, description: 'for the centre and admins: which unit\'s view' })
  @ApiResponse({ status: 200, description: 'the case at the unit', schema: UNIT_CASE })
  @ApiForbiddenResponse({ description: 'CASE.NOT_YOUR_CASE: the case was never assigned to the unit' })
  async get(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal, @Query('unitCode') unitCode?: string) {
    const unit = readableUnit(principal, unitCode);
    const row = await caseOfUnit(this.pool, caseId, unit);
    if (!row) throw notYourCase(caseId, unit);
    return { ...row, unitCode: unit, transferredAway: !row.active, whistles: await whistlesWhere(this.pool, 'case_id', caseId) };
  }
}
