import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';
import { SubmitResultDto } from './submit-result.dto';

@Controller('api/v1/cases')
export class SubmitResultController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/result')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit the result (办结) with evidence; the lead unit submits, once every called department finished or was released (CASE.WHISTLE_OUTSTANDING)',
  })
  @CaseCommandEndpoint('result submitted')
  submit(@Param('caseId') caseId: string, @Body() body: SubmitResultDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    return this.commands.execute(
      principal,
      caseId,
      correlationIdOf(correlationId),
      async (ctx, db) => ({
        type: 'SubmitResult',
        ...ctx,
        result: body.result,
        evidenceUrls: body.evidenceUrls ?? [],
        outstandingWhistleDepartments: await this.commands.outstandingWhistleDepartments(db, caseId),
      }),
      { lockCase: true },
    );
  }
}
