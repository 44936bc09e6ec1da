import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';
import { RequestTransferDto } from './transfer-request.dto';

@Controller('api/v1/cases')
export class TransferRequestController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/transfer-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the centre to take the case back (退单), with the reason; the unit leader asks' })
  @CaseCommandEndpoint('transfer requested')
  request(@Param('caseId') caseId: string, @Body() body: RequestTransferDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    return this.commands.execute(principal, caseId, correlationIdOf(correlationId), (ctx) => ({ type: 'RequestTransfer', ...ctx, reason: body.reason }), { leaderOnly: true });
  }
}
