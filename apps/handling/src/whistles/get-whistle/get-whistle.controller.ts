import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { ErrorCodes, DomainError } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import { AuthGuard, CurrentPrincipal, UNIT_ROLES, type Principal } from '@county/auth';
import { whistlesWhere, type WhistleView } from '../../inbox/inbox.queries';
import { WhistleResponse } from './whistle.response';

@ApiTags('whistles')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/whistles')
export class GetWhistleController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get(':whistleId')
  @ApiOperation({ summary: 'A whistle and where each called department stands (the caller, the called departments, the centre)' })
  @ApiOkResponse({ type: WhistleResponse, description: 'the whistle, its answer deadline and where each called department stands' })
  @ApiNotFoundResponse({ description: 'WHISTLE.NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'WHISTLE.NOT_YOURS: neither the caller nor a called department' })
  async get(@Param('whistleId') whistleId: string, @CurrentPrincipal() principal: Principal): Promise<WhistleView> {
    const [found] = await whistlesWhere(this.pool, 'whistle_id', whistleId);
    if (!found) throw new DomainError(ErrorCodes.WHISTLE_NOT_FOUND, `no whistle ${whistleId}`, 'not-found');
    const involved = found.callerUnitCode === principal.unitCode || found.departments.some((d) => d.departmentCode === principal.unitCode);
    if (UNIT_ROLES.includes(principal.role) && !involved) {
      throw new DomainError(ErrorCodes.WHISTLE_NOT_YOURS, `whistle ${whistleId} was neither blown by nor addressed to ${principal.unitCode}`, 'forbidden');
    }
    return found;
  }
}
