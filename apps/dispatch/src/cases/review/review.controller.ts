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

/** Review (审核): a submitted result is approved (on to the return visit) or sent back for rework. */
@ApiTags('review')
@Authenticated('centre', 'admin')
@Controller('api/v1')
export class ReviewController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly queues: Queues,
  ) {}

  @Get('reviews')
  @ApiResponse({ status: 200, description: 'results waiting for review, oldest first, with the result and its evidence', schema: QUEUE_ROWS })
  list(@Query() query: QueueQueryDto) {
    return this.queues.list('review', query.limit ?? 50, query.unitCode);
  }

  @Post('cases/:caseId/review/approve')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'result approved', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no result waits, or the case changed since If-Match' })
  approve(@Param('caseId') caseId: string, @Body() _body: EmptyDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(caseId, { type: 'ApproveResult', now: meta.now }, meta, { expectedVersion: parseIfMatch(ifMatch) });
  }

  @Post('cases/:caseId/review/send-back')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'result sent back to the unit for rework', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no result waits, or the case changed since If-Match' })
  sendBack(@Param('caseId') caseId: string, @Body() body: ReasonDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(caseId, { type: 'SendBackResult', reason: body.reason, now: meta.now }, meta, { expectedVersion: parseIfMatch(ifMatch) });
  }
}
