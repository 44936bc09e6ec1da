import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, defineSchema, oas, object } from '@county/service-kit';
import { ROLES } from '@county/auth';
import { ErrorCodes, DomainError } from '@county/contracts';
import { issueToken, type IssuedToken, seedUser, seedUsers, type SeedUser } from '@county/auth';
import { HANDLING_SETTINGS, type HandlingSettings } from '../settings';
import { IssueTokenDto } from './issue-token.dto';

const SEED_USER = defineSchema('SeedUser', object({ userId: oas.string, unitCode: oas.string, role: oas.enumOf(ROLES), displayName: oas.string }));

/**
 * Tokens for the demo county's seeded users, for local development and tests only: off when
 * NODE_ENV=production or HANDLING_DEV_TOKENS=off. Production tokens come from the identity provider.
 */
@ApiTags('development')
@Controller('api/v1/dev')
export class DevTokensController {
  constructor(@Inject(HANDLING_SETTINGS) private readonly settings: HandlingSettings) {}

  private assertEnabled(): void {
    if (!this.settings.devTokens) throw new DomainError(ErrorCodes.DEV_DISABLED, 'development tokens are switched off here', 'not-found');
  }

  @Get('users')
  @ApiOperation({ summary: "The seeded users (a few per unit of the demo county); filter by unit code" })
  @ApiQuery({ name: 'unitCode', required: false, example: 'QH-CG-01' })
  @ApiAnswer({ status: 200, description: 'the users', name: 'SeedUsers', schema: oas.arrayOf(SEED_USER) })
  users(@Query('unitCode') unitCode?: string): SeedUser[] {
    this.assertEnabled();
    return [...seedUsers().values()].filter((u) => unitCode === undefined || u.unitCode === unitCode);
  }

  @Post('tokens')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a signed, expiring token for a seeded user' })
  @ApiAnswer({
    status: 201,
    description: 'send the token as Authorization: Bearer <token>',
    name: 'IssuedToken',
    schema: object({ token: oas.string, expiresAt: oas.instant, user: SEED_USER }),
  })
  @ApiNotFoundResponse({ description: 'AUTH.USER_NOT_FOUND, DEV.DISABLED' })
  issue(@Body() body: IssueTokenDto): IssuedToken & { user: SeedUser } {
    this.assertEnabled();
    const user = seedUser(body.userId);
    if (!user) throw new DomainError(ErrorCodes.AUTH_USER_NOT_FOUND, `no seeded user ${body.userId}`, 'not-found');
    return { ...issueToken(this.settings.tokenSecret, user, new Date(), this.settings.tokenTtlSeconds), user };
  }
}
