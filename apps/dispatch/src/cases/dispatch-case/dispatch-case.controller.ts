import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse, ApiResponse } from '@nestjs/swagger';
import { COMMAND_OUTCOME } from '../../openapi.schemas';
import { Authenticated } from '@county/auth';
import { ErrorCodes, DomainError, type DispatchAssignment } from '@county/contracts';
import { CaseCommands, parseIfMatch, type CommandOutcome } from '../case-commands';
import { commandMetadata } from '../request-context';
import { DispatchCaseDto } from './dispatch-case.dto';

export const IF_MATCH = { name: 'If-Match', required: false, description: 'the case version the dispatcher saw; a case that moved on since is a 409' } as const;
export const CORRELATION = { name: 'X-Correlation-Id', required: false } as const;

@ApiTags('dispatch')
@Authenticated('centre', 'admin')
@Controller('api/v1/cases')
export class DispatchCaseController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':caseId/dispatch')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(CORRELATION)
  @ApiResponse({ status: 200, description: 'dispatched (from triage) or re-dispatched (override)', schema: COMMAND_OUTCOME })
  @ApiNotFoundResponse({ description: 'the centre has no such case' })
  @ApiConflictResponse({ description: 'the case changed since the version in If-Match, or a request waits for a ruling first' })
  @ApiUnprocessableEntityResponse({ description: 'not exactly one lead, or an unknown unit' })
  dispatch(
    @Param('caseId') caseId: string,
    @Body() body: DispatchCaseDto,
    @Headers('if-match') ifMatch?: string,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<CommandOutcome> {
    const assignments: DispatchAssignment[] = body.assignments?.map((a) => ({ unitCode: a.unitCode, role: a.role, ...(a.part !== undefined && { part: a.part }) })) ??
      (body.primaryUnitCode ? [{ unitCode: body.primaryUnitCode, role: 'lead' }] : []);
    if (assignments.length === 0) throw new DomainError(ErrorCodes.CASE_NO_LEAD, 'name the lead unit: primaryUnitCode or assignments', 'invalid');
    if (body.primaryUnitCode && body.assignments && !body.assignments.some((a) => a.role === 'lead' && a.unitCode === body.primaryUnitCode)) {
      throw new DomainError(ErrorCodes.CASE_LEAD_MISMATCH, 'primaryUnitCode must be the lead of the assignments', 'invalid');
    }
    const meta = commandMetadata(correlationId);
    return this.cases.execute(
      caseId,
      {
        type: 'DispatchManually',
        assignments,
        cooperatingUnitCodes: body.cooperatingUnitCodes ?? [],
        reason: body.reason,
        final: body.final === true,
        ...(body.categoryCode !== undefined && { categoryCode: body.categoryCode }),
        now: meta.now,
      },
      meta,
      { expectedVersion: parseIfMatch(ifMatch) },
    );
  }
}
