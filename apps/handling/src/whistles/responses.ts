import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthGuard } from '@county/auth';

/** The guard and the documented answers every whistle command shares. */
export function WhistleCommandEndpoint(summary: string, forbidden: string) {
  return applyDecorators(
    ApiTags('whistles'),
    ApiBearerAuth(),
    UseGuards(AuthGuard),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'carried into the events of this command' }),
    ApiOkResponse({ description: `${summary}; the body names the events written` }),
    ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED' }),
    ApiForbiddenResponse({ description: `${forbidden}; nothing was written` }),
    ApiNotFoundResponse({ description: 'WHISTLE.NOT_FOUND' }),
    ApiConflictResponse({ description: 'an illegal move, e.g. WHISTLE.NOT_ANSWERED, WHISTLE.ALREADY_ANSWERED, WHISTLE.NOT_REPORTED; nothing was written' }),
  );
}
