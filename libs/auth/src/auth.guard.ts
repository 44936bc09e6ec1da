import { applyDecorators, createParamDecorator, Inject, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext, type Provider } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorCodes, DomainError } from '@county/contracts';
import type { Principal, Role } from './principal';
import { AUTH_SETTINGS, loadAuthSettings, type AuthSettings } from './settings';
import { verifyToken } from './tokens';

type WithPrincipal = { headers: Record<string, string | undefined>; principal?: Principal };

const ALLOWED_ROLES = 'county:auth:roles';

/**
 * Every request carries `Authorization: Bearer <token>`; the token names the person, unit and role.
 * 401 without a token, with a bad or an expired one; 403 when the endpoint (see `Authenticated`)
 * admits only some roles and the token's role is not among them.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WithPrincipal>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError(ErrorCodes.AUTH_TOKEN_MISSING, 'send Authorization: Bearer <token>', 'unauthorised');
    const principal = verifyToken(this.settings.tokenSecret, match[1], new Date());
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ALLOWED_ROLES, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError(ErrorCodes.AUTH_ROLE_NOT_ALLOWED, `a ${principal.role} may not do this; it needs one of ${roles.join(', ')}`, 'forbidden');
    }
    req.principal = principal;
    return true;
  }
}

/**
 * Guards a controller or a handler with the AuthGuard and documents the bearer scheme; with roles,
 * only tokens of those roles pass (403 otherwise). A handler's roles override its controller's.
 */
export function Authenticated(...roles: Role[]) {
  return applyDecorators(
    ApiBearerAuth(),
    UseGuards(AuthGuard),
    ...(roles.length > 0 ? [SetMetadata(ALLOWED_ROLES, roles)] : []),
    ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED' }),
    ...(roles.length > 0 ? [ApiForbiddenResponse({ description: `AUTH.ROLE_NOT_ALLOWED: needs a token of role ${roles.join(' or ')}; nothing was written` })] : []),
  );
}

/** The principal the AuthGuard verified. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<WithPrincipal>().principal;
  if (!principal) throw new DomainError(ErrorCodes.AUTH_TOKEN_MISSING, 'send Authorization: Bearer <token>', 'unauthorised');
  return principal;
});

/** The providers a module needs for the AuthGuard: the settings (from env) and the guard. */
export function authProviders(env?: NodeJS.ProcessEnv): Provider[] {
  return [{ provide: AUTH_SETTINGS, useValue: loadAuthSettings(env) }, AuthGuard];
}
