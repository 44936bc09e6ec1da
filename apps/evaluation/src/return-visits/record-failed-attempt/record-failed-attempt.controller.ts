import { Body, Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiSecurity, ApiResponse } from '@nestjs/swagger';
import { RETURN_VISIT_OUTCOME } from '../../openapi.schemas';
import { randomUUID } from 'node:crypto';
import { CallbackStaffGuard } from '../../auth/callback-staff.guard';
import { EVALUATION_SETTINGS, type EvaluationSettings } from '../../settings';
import { ReturnVisitsHandler, type ReturnVisitOutcome } from '../return-visits.handler';
import { RecordFailedAttemptDto } from './record-failed-attempt.dto';

@ApiTags('return visits')
@ApiSecurity('callback-token')
@UseGuards(CallbackStaffGuard)
@Controller('api/v1/return-visits')
export class RecordFailedAttemptController {
  constructor(
    private readonly handler: ReturnVisitsHandler,
    @Inject(EVALUATION_SETTINGS) private readonly settings: EvaluationSettings,
  ) {}

  @Post(':caseId/failed-attempts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a call back that did not get through',
    description: 'The attempt that reaches EVALUATION_MAX_VISIT_ATTEMPTS (default 3) in a round makes the visit unreachable and closes the case (outcome unreachable).',
  })
  @ApiResponse({ status: 200, description: 'the events appended and where the case stands', schema: RETURN_VISIT_OUTCOME })
  @ApiBadRequestResponse({ description: 'the body names each bad field; nothing was stored' })
  @ApiUnauthorizedResponse({ description: 'missing or wrong X-Callback-Token' })
  @ApiNotFoundResponse({ description: 'evaluation knows no such case' })
  @ApiConflictResponse({ description: 'CASE.NOT_DUE_FOR_RETURN_VISIT or CASE.ALREADY_CLOSED' })
  record(@Param('caseId') caseId: string, @Body() body: RecordFailedAttemptDto, @Headers('x-correlation-id') correlationId?: string): Promise<ReturnVisitOutcome> {
    return this.handler.execute(
      caseId,
      body.attemptedAt,
      (approval, at) => ({ type: 'RecordFailedAttempt', caseId, approval, reason: body.reason, maxAttempts: this.settings.maxVisitAttempts, at }),
      body.comment,
      correlationId || randomUUID(),
    );
  }
}
