import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { correlationIdOf } from '../../cases/responses';
import { WhistleCommands, type WhistleOutcome } from '../whistle-commands.service';
import { WhistleCommandEndpoint } from '../responses';
import { RateAnswerDto } from './rate-answer.dto';

const FORBIDDEN = 'WHISTLE.NOT_CALLER (only the unit that blew the whistle), WHISTLE.NOT_CALLED, AUTH.ROLE_NOT_ALLOWED';

/** What the calling township or community does about one called department. */
@Controller('api/v1/whistles')
export class CallerActionsController {
  constructor(private readonly commands: WhistleCommands) {}

  @Post(':whistleId/departments/:departmentCode/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a called department before it finished its part (the case may then be submitted without it)' })
  @WhistleCommandEndpoint('released', FORBIDDEN)
  release(
    @Param('whistleId') whistleId: string,
    @Param('departmentCode') departmentCode: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<WhistleOutcome> {
    return this.commands.caller(principal, whistleId, departmentCode, { type: 'ReleaseDepartment' }, correlationIdOf(correlationId));
  }

  @Post(':whistleId/departments/:departmentCode/rating')
  @HttpCode(200)
  @ApiOperation({ summary: "Rate a department's answer, 1 to 5 with a comment (once per department)" })
  @WhistleCommandEndpoint('rated', FORBIDDEN)
  rate(
    @Param('whistleId') whistleId: string,
    @Param('departmentCode') departmentCode: string,
    @Body() body: RateAnswerDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<WhistleOutcome> {
    return this.commands.caller(principal, whistleId, departmentCode, { type: 'RateAnswer', rating: body.rating, comment: body.comment }, correlationIdOf(correlationId));
  }
}
