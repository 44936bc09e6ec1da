import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthGuard } from '@county/auth';
import { WHISTLE_OUTCOME } from '../openapi.schemas';

/** The guard and the documented answers every whistle command shares. */
export function WhistleCommandEndpoint(summary: string, forbidden: string, status: 200 | 201 = 200) {
  return applyDecorators(
    ApiTags('whistles'),
    ApiBearerAuth(),
    UseGuards(AuthGuard),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'carried into the events of this command' }),
    ApiResponse({ status, description: `${summary}; the body names the events written`, schema: WHISTLE_OUTCOME }),
    ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED' }),
    ApiForbiddenResponse({ description: `${forbidden}; nothing was written` }),
    ApiNotFoundResponse({ description: 'WHISTLE.NOT_FOUND' }),
    ApiConflictResponse({ description: 'an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written' }),
  );
}
