import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiSecurity, ApiTags, ApiResponse } from '@nestjs/swagger';
import { MERGE_OUTCOME } from '../case.schemas';
import { randomUUID } from 'node:crypto';
import { ErrorCodes, DomainError } from '@county/contracts';
import { ApiKeyGuard, CallerKey, requireCentre } from '../../auth/api-key.guard';
import type { ApiKey } from '../../auth/api-keys';
import { MergeCaseDto, UndoMergeDto } from './merge-case.dto';
import { MergeCaseHandler } from './merge-case.handler';

const caseIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ErrorCodes.CASE_NOT_FOUND, 'no such case', 'not-found') });

@ApiTags('cases (centre staff)')
@ApiSecurity('api-key')
@Controller('api/v1/cases/:caseId/merge')
@UseGuards(ApiKeyGuard)
export class MergeCaseController {
  constructor(private readonly handler: MergeCaseHandler) {}

  @Post()
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'the case is merged into intoCaseId (case.merged.v1)', schema: MERGE_OUTCOME })
  @ApiForbiddenResponse({ description: 'not a centre key' })
  @ApiNotFoundResponse({ description: 'either case does not exist' })
  @ApiConflictResponse({ description: 'already merged, or the target is itself merged' })
  merge(@Param('caseId', caseIdPipe) caseId: string, @Body() body: MergeCaseDto, @CallerKey() caller: ApiKey, @Headers('x-correlation-id') correlationId?: string) {
    requireCentre(caller);
    return this.handler.execute({ type: 'MergeCase', data: { caseId, intoCaseId: body.intoCaseId, reason: body.reason } }, correlationId || randomUUID());
  }

  @Post('undo')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'the merge is undone (case.merge-undone.v1)', schema: MERGE_OUTCOME })
  @ApiConflictResponse({ description: 'the case is not merged' })
  undo(@Param('caseId', caseIdPipe) caseId: string, @Body() body: UndoMergeDto, @CallerKey() caller: ApiKey, @Headers('x-correlation-id') correlationId?: string) {
    requireCentre(caller);
    return this.handler.execute({ type: 'UndoMerge', data: { caseId, reason: body.reason } }, correlationId || randomUUID());
  }
}
