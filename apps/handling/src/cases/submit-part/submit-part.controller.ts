import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';
import { SubmitPartDto } from './submit-part.dto';

@Controller('api/v1/cases')
export class SubmitPartController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/part')
  @HttpCode(200)
  @ApiOperation({ summary: 'A co-handling unit submits its part of the case' })
  @CaseCommandEndpoint('part submitted')
  submit(@Param('caseId') caseId: string, @Body() body: SubmitPartDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    return this.commands.execute(principal, caseId, correlationIdOf(correlationId), (ctx) => ({
      type: 'SubmitPart',
      ...ctx,
      part: body.part,
      evidenceUrls: body.evidenceUrls ?? [],
    }));
  }
}
