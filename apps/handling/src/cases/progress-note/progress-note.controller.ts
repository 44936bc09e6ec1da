import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@county/auth';
import { TaskCommands, type CommandOutcome } from '../case-commands.service';
import { CaseCommandEndpoint, correlationIdOf } from '../responses';
import { NoteProgressDto } from './progress-note.dto';

@Controller('api/v1/cases')
export class ProgressNoteController {
  constructor(private readonly commands: TaskCommands) {}

  @Post(':caseId/progress-notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a progress note to a case' })
  @CaseCommandEndpoint('progress noted')
  note(@Param('caseId') caseId: string, @Body() body: NoteProgressDto, @CurrentPrincipal() principal: Principal, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    return this.commands.execute(principal, caseId, correlationIdOf(correlationId), (ctx) => ({ type: 'NoteProgress', ...ctx, note: body.note }));
  }
}
