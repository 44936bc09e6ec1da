import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AuthGuard } from '@county/auth';
import { CASE_COMMAND_OUTCOME } from '../openapi.schemas';

/** The guard and the documented answers every command on a unit's case shares. */
export function CaseCommandEndpoint(summary: string) {
  return applyDecorators(
    ApiTags('cases'),
    ApiBearerAuth(),
    UseGuards(AuthGuard),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'carried into the events of this command' }),
    ApiResponse({ status: 200, description: `${summary}; the body names the events written`, schema: CASE_COMMAND_OUTCOME }),
    ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED' }),
    ApiForbiddenResponse({ description: 'CASE.NOT_YOUR_CASE (not a case of the token\'s unit), AUTH.ROLE_NOT_ALLOWED, AUTH.LEADER_REQUIRED; nothing was written' }),
    ApiConflictResponse({ description: 'an illegal move, e.g. CASE.NOT_SIGNED, CASE.ALREADY_SIGNED, CASE.TRANSFERRED_AWAY, CASE.ALREADY_RESOLVED; nothing was written' }),
  );
}

export function correlationIdOf(header: string | undefined): string {
  return header && header.length <= 200 ? header : randomUUID();
}
