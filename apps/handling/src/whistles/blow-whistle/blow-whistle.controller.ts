import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { correlationIdOf } from '../../cases/responses';
import { WhistleCommands, type WhistleOutcome } from '../whistle-commands.service';
import { WhistleCommandEndpoint } from '../responses';
import { BlowWhistleDto } from './blow-whistle.dto';

@Controller('api/v1/cases')
export class BlowWhistleController {
  constructor(private readonly commands: WhistleCommands) {}

  @Post(':caseId/whistles')
  @HttpCode(201)
  @ApiOperation({ summary: 'Blow the whistle (吹哨): a township or community that handles the case calls county departments' })
  @WhistleCommandEndpoint('whistle blown', 'CASE.NOT_YOUR_CASE, WHISTLE.CALLER_NOT_GRASSROOTS, AUTH.ROLE_NOT_ALLOWED', 201)
  @ApiUnprocessableEntityResponse({ description: 'WHISTLE.NOT_A_DEPARTMENT' })
  blow(@Param('caseId') caseId: string, @Body() body: BlowWhistleDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<WhistleOutcome> {
    return this.commands.blow(principal, caseId, body, correlationIdOf(correlationId));
  }
}
