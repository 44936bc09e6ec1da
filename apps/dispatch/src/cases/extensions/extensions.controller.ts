import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiTags, ApiUnprocessableEntityResponse, ApiResponse } from '@nestjs/swagger';
import { COMMAND_OUTCOME, QUEUE_ROWS } from '../../openapi.schemas';
import { Authenticated } from '@county/auth';
import { CaseCommands, parseIfMatch, type CommandOutcome } from '../case-commands';
import { CORRELATION, IF_MATCH } from '../dispatch-case/dispatch-case.controller';
import { QueueQueryDto } from '../queue-query.dto';
import { Queues } from '../queues';
import { Reopens } from '../../reopens/reopens';
import { ReasonDto } from '../reason.dto';
import { commandMetadata } from '../request-context';
import { ApproveExtensionDto } from './extensions.dto';

/** Extensions (延期): asked before the deadline; approved (at most 10 more working days in all) or rejected. */
@ApiTags('extensions')
@Authenticated('centre', 'admin')
@Controller('api/v1')
export class ExtensionsController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly queues: Queues,
    private readonly reopens: Reopens,
  ) {}

  @Get('extension-requests')
  @ApiResponse({ status: 200, description: 'extension requests waiting for the centre, oldest first', schema: QUEUE_ROWS })
  list(@Query() query: QueueQueryDto) {
    return this.queues.list('extension', query.limit ?? 50, query.unitCode);
  }

  @Post('cases/:caseId/extension/approve')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'extension approved, with the new deadline', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no request waits, or the case changed since If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'more working days than the case may still get' })
  async approve(@Param('caseId') caseId: string, @Body() body: ApproveExtensionDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    const reopen = await this.reopens.of(caseId);
    return this.cases.execute(caseId, { type: 'ApproveExtension', extraWorkingDays: body.extraWorkingDays, reason: body.reason, now: meta.now, ...(reopen && { reopen: { unitCode: reopen.unitCode, redoCount: reopen.redoCount, reopenedAt: reopen.reopenedAt } }) }, meta, {
      expectedVersion: parseIfMatch(ifMatch),
    });
  }

  @Post('cases/:caseId/extension/reject')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'extension rejected: the deadline stands', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no request waits, or the case changed since If-Match' })
  reject(@Param('caseId') caseId: string, @Body() body: ReasonDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(caseId, { type: 'RejectExtension', reason: body.reason, now: meta.now }, meta, { expectedVersion: parseIfMatch(ifMatch) });
  }
}
