import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';
import { RequestPauseDto } from './pause-request.dto';

@Controller('api/v1/cases')
export class PauseRequestController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/pause-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the centre to pause the clock while waiting on the resident or a third party' })
  @CaseCommandEndpoint('pause requested')
  request(@Param('caseId') caseId: string, @Body() body: RequestPauseDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    return this.commands.execute(principal, caseId, correlationIdOf(correlationId), (ctx) => ({ type: 'RequestPause', ...ctx, reason: body.reason }));
  }
}
