import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiTags, ApiResponse } from '@nestjs/swagger';
import { COMMAND_OUTCOME, QUEUE_ROWS, UNIT_TRANSFERS } from '../../openapi.schemas';
import { Authenticated } from '@county/auth';
import { CaseCommands, parseIfMatch, type CommandOutcome } from '../case-commands';
import { CORRELATION, IF_MATCH } from '../dispatch-case/dispatch-case.controller';
import { QueueQueryDto } from '../queue-query.dto';
import { Queues } from '../queues';
import { ReasonDto } from '../reason.dto';
import { commandMetadata } from '../request-context';
import { ApproveTransferDto } from './transfers.dto';

/**
 * Transfers (退单): a unit asks (handling's case.transfer-requested.v1) within its window after
 * dispatch; the centre approves (re-dispatch) or rejects (the unit keeps the case). After
 * two transfers the centre's assignment is final. Transfers count against the unit that asked.
 */
@ApiTags('transfers')
@Authenticated('centre', 'admin')
@Controller('api/v1')
export class TransfersController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly queues: Queues,
  ) {}

  @Get('transfer-requests')
  @ApiResponse({ status: 200, description: 'transfer requests waiting for the centre, oldest first', schema: QUEUE_ROWS })
  list(@Query() query: QueueQueryDto) {
    return this.queues.list('transfer', query.limit ?? 50, query.unitCode);
  }

  @Post('cases/:caseId/transfer/approve')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'transfer approved; the case was re-dispatched (redispatch true)', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no request waits, or the case changed since If-Match' })
  approve(@Param('caseId') caseId: string, @Body() body: ApproveTransferDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(
      caseId,
      { type: 'ApproveTransfer', toUnitCode: body.toUnitCode, cooperatingUnitCodes: body.cooperatingUnitCodes ?? [], reason: body.reason, now: meta.now },
      meta,
      { expectedVersion: parseIfMatch(ifMatch) },
    );
  }

  @Post('cases/:caseId/transfer/reject')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'transfer rejected: the unit keeps the case', schema: COMMAND_OUTCOME })
  @ApiConflictResponse({ description: 'no request waits, or the case changed since If-Match' })
  reject(@Param('caseId') caseId: string, @Body() body: ReasonDto, @Headers('if-match') ifMatch?: string, @Headers('x-correlation-id') correlationId?: string): Promise<CommandOutcome> {
    const meta = commandMetadata(correlationId);
    return this.cases.execute(caseId, { type: 'RejectTransfer', reason: body.reason, now: meta.now }, meta, { expectedVersion: parseIfMatch(ifMatch) });
  }

  @Get('units/:unitCode/transfers')
  @ApiTags('units')
  @ApiResponse({ status: 200, description: 'transfers counted against a unit: asked, approved, rejected', schema: UNIT_TRANSFERS })
  counted(@Param('unitCode') unitCode: string) {
    return this.queues.unitTransfers(unitCode);
  }
}
