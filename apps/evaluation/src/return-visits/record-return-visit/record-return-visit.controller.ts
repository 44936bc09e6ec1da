import { Body, Controller, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiSecurity, ApiResponse } from '@nestjs/swagger';
import { RETURN_VISIT_OUTCOME } from '../../openapi.schemas';
import { randomUUID } from 'node:crypto';
import { CallbackStaffGuard } from '../../auth/callback-staff.guard';
import { ReturnVisitsHandler, type ReturnVisitOutcome } from '../return-visits.handler';
import { RecordReturnVisitDto } from './record-return-visit.dto';

@ApiTags('return visits')
@ApiSecurity('callback-token')
@UseGuards(CallbackStaffGuard)
@Controller('api/v1/return-visits')
export class RecordReturnVisitController {
  constructor(private readonly handler: ReturnVisitsHandler) {}

  @Post(':caseId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the return visit of a case whose result was approved',
    description:
      'Resolved and satisfied or basically satisfied: the case is closed (resolved). Unresolved or dissatisfied: the first time the case is reopened for the same unit (a redo), the second time it is closed as unresolved. A closed case emits case.facts.v1.',
  })
  @ApiResponse({ status: 200, description: 'the events appended and where the case stands', schema: RETURN_VISIT_OUTCOME })
  @ApiBadRequestResponse({ description: 'the body names each bad field; nothing was stored' })
  @ApiUnauthorizedResponse({ description: 'missing or wrong X-Callback-Token' })
  @ApiNotFoundResponse({ description: 'evaluation knows no such case' })
  @ApiConflictResponse({ description: 'CASE.NOT_DUE_FOR_RETURN_VISIT or CASE.ALREADY_CLOSED' })
  record(@Param('caseId') caseId: string, @Body() body: RecordReturnVisitDto, @Headers('x-correlation-id') correlationId?: string): Promise<ReturnVisitOutcome> {
    return this.handler.execute(
      caseId,
      body.visitedAt,
      (approval, at) => ({ type: 'RecordReturnVisit', caseId, approval, resolved: body.resolved, satisfaction: body.satisfaction, at }),
      body.comment,
      correlationId || randomUUID(),
    );
  }
}
