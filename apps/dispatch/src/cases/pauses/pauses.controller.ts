import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiTags, ApiResponse } from '@nestjs/swagger';
import { COMMAND_OUTCOME, QUEUE_ROWS } from '../../openapi.schemas';
import { Authenticated } from '@county/auth';
import { CaseCommands, parseIfMatch, type CommandOutcome } from '../case-commands';
import { CORRELATION, IF_MATCH } from '../dispatch-case/dispatch-case.controller';
import { QueueQueryDto } from '../queue-query.dto';
import { Queues } from '../queues';
import { EmptyDto, ReasonDto } from '../reason.dto';
import { commandMetadata } from '../request-context';

/** Pauses: a unit waiting on the resident or a third party asks to stop its clock; the centre decides and can run it again. */
@ApiTags('pauses')
@Authenticated('centre', 'admin')
@Controller('api/v1')
export class PausesController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly queues: Queues,
  ) {}

  @Get('pause-requests')
  @ApiResponse({ status: 200, description: 'pause requests waiting for the centre, oldest first', schema: QUEUE_ROWS })
  list(@Query() query: QueueQueryDto) {
    return this.queues.list('pause', query.limit ?? 50, query.unitCode);
  }

  @Post('cases/:caseId/pause/approve')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'the clock is paused', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no request waits, or the case changed since If-Match' })
  approve(@Param('caseId') caseId: string, @Body() _body: EmptyDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(caseId, { type: 'ApprovePause', now: meta.now }, meta, { expectedVersion: parseIfMatch(ifMatch) });
  }

  @Post('cases/:caseId/pause/reject')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'the clock keeps running', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no request waits, or the case changed since If-Match' })
  reject(@Param('caseId') caseId: string, @Body() body: ReasonDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(caseId, { type: 'RejectPause', reason: body.reason, now: meta.now }, meta, { expectedVersion: parseIfMatch(ifMatch) });
  }

  @Post('cases/:caseId/resume')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'the clock runs again', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'the clock is not paused, or the case changed since If-Match' })
  resume(@Param('caseId') caseId: string, @Body() _body: EmptyDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(caseId, { type: 'ResumeClock', now: meta.now }, meta, { expectedVersion: parseIfMatch(ifMatch) });
  }
}
