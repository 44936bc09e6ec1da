import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';
import { RequestExtensionDto } from './extension-request.dto';

@Controller('api/v1/cases')
export class ExtensionRequestController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/extension-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the centre for more working days (延期); the lead unit\'s leader asks' })
  @CaseCommandEndpoint('extension requested')
  request(@Param('caseId') caseId: string, @Body() body: RequestExtensionDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    return this.commands.execute(
      principal,
      caseId,
      correlationIdOf(correlationId),
      (ctx) => ({ type: 'RequestExtension', ...ctx, extraWorkingDays: body.extraWorkingDays, reason: body.reason }),
      { leaderOnly: true },
    );
  }
}
