import { Controller, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiSecurity, ApiTags, ApiUnauthorizedResponse, ApiResponse } from '@nestjs/swagger';
import { CASE_DETAIL } from '../case.schemas';
import { ErrorCodes, DomainError } from '@county/contracts';
import { ApiKeyGuard, CallerKey, readableChannel } from '../../auth/api-key.guard';
import type { ApiKey } from '../../auth/api-keys';
import { CaseQueries, type CaseDetail } from '../case-queries';

@ApiTags('cases')
@ApiSecurity('api-key')
@Controller('api/v1/cases')
@UseGuards(ApiKeyGuard)
export class GetCaseController {
  constructor(private readonly cases: CaseQueries) {}

  @Get(':caseId')
  @ApiResponse({ status: 200, description: 'the case as the resident may see it: status, responsible unit, handling deadline and the timeline of public steps', schema: CASE_DETAIL })
  @ApiNotFoundResponse({ description: 'no such case' })
  @ApiUnauthorizedResponse({ description: 'no API key' })
  @ApiForbiddenResponse({ description: 'unknown or revoked key' })
  get(
    @Param(
      'caseId',
      new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ErrorCodes.CASE_NOT_FOUND, 'no such case', 'not-found') }),
    )
    caseId: string,
    @CallerKey() caller: ApiKey,
  ): Promise<CaseDetail> {
    return this.cases.detail(caseId, readableChannel(caller));
  }
}
