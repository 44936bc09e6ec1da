import { Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';

@Controller('api/v1/cases')
export class ResumeRequestController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/resume-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the centre to run the paused clock again' })
  @CaseCommandEndpoint('resume requested')
  request(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    return this.commands.execute(principal, caseId, correlationIdOf(correlationId), (ctx) => ({ type: 'RequestResume', ...ctx }));
  }
}
