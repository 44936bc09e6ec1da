import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { WHISTLE } from '../../openapi.schemas';
import type { Pool } from 'pg';
import { DomainError } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import { AuthGuard, CurrentPrincipal, UNIT_ROLES, type Principal } from '@county/auth';
import { whistlesWhere } from '../../inbox/inbox.queries';

@ApiTags('whistles')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/whistles')
export class GetWhistleController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get(':whistleId')
  @ApiOperation({ summary: 'A whistle and where each called department stands (the caller, the called departments, the centre)' })
  @ApiResponse({ status: 200, description: 'the whistle', schema: WHISTLE })
  @ApiNotFoundResponse({ description: 'WHISTLE.NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'WHISTLE.NOT_YOURS: neither the caller nor a called department' })
  async get(@Param('whistleId') whistleId: string, @CurrentPrincipal() principal: Principal) {
    const [found] = await whistlesWhere(this.pool, 'whistle_id', whistleId);
    if (!found) throw new DomainError('WHISTLE.NOT_FOUND', `no whistle ${whistleId}`, 'not-found');
    const involved = found.callerUnitCode === principal.unitCode || found.departments.some((d) => d.departmentCode === principal.unitCode);
    if (UNIT_ROLES.includes(principal.role) && !involved) {
      throw new DomainError('WHISTLE.NOT_YOURS', `whistle ${whistleId} was neither blown by nor addressed to ${principal.unitCode}`, 'forbidden');
    }
    return found;
  }
}
