import { Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { correlationIdOf } from '../../cases/responses';
import { WhistleCommands, type WhistleOutcome } from '../whistle-commands.service';
import { WhistleCommandEndpoint } from '../responses';

const FORBIDDEN = 'WHISTLE.NOT_CALLED (the token\'s unit was not called by this whistle), AUTH.ROLE_NOT_ALLOWED';

/** What a called department does on a whistle: answer (响应), report on site (报到), finish its part. */
@Controller('api/v1/whistles')
export class DepartmentActionsController {
  constructor(private readonly commands: WhistleCommands) {}

  @Post(':whistleId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'A called department answers the whistle (响应)' })
  @WhistleCommandEndpoint('answered', FORBIDDEN)
  answer(@Param('whistleId') whistleId: string, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<WhistleOutcome> {
    return this.commands.department(principal, whistleId, 'AnswerWhistle', correlationIdOf(correlationId));
  }

  @Post(':whistleId/report-on-site')
  @HttpCode(200)
  @ApiOperation({ summary: 'A called department reports on site (报到); the time is recorded' })
  @WhistleCommandEndpoint('reported on site', FORBIDDEN)
  report(@Param('whistleId') whistleId: string, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<WhistleOutcome> {
    return this.commands.department(principal, whistleId, 'ReportOnSite', correlationIdOf(correlationId));
  }

  @Post(':whistleId/finish-part')
  @HttpCode(200)
  @ApiOperation({ summary: 'A called department finished its part of the work (事不完、人不撤)' })
  @WhistleCommandEndpoint('part finished', FORBIDDEN)
  finish(@Param('whistleId') whistleId: string, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<WhistleOutcome> {
    return this.commands.department(principal, whistleId, 'FinishPart', correlationIdOf(correlationId));
  }
}
