import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';
import { RecordFirstContactDto } from './first-contact.dto';

@Controller('api/v1/cases')
export class FirstContactController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/first-contact')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the first contact with the resident' })
  @CaseCommandEndpoint('first contact recorded')
  record(
    @Param('caseId') caseId: string,
    @Body() body: RecordFirstContactDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<CommandOutcome> {
    return this.commands.execute(principal, caseId, correlationIdOf(correlationId), (ctx) => ({
      type: 'RecordFirstContact',
      ...ctx,
      contactedAt: body.contactedAt ? new Date(body.contactedAt).toISOString() : ctx.now,
    }));
  }
}
