import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@county/contracts';
import { HANDLING_SETTINGS, type HandlingSettings } from '../settings';
import type { Principal } from './principal';
import { verifyToken } from './tokens';

type WithPrincipal = { headers: Record<string, string | undefined>; principal?: Principal };

/** Every request carries `Authorization: Bearer <token>`; the token names the person, unit and role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(HANDLING_SETTINGS) private readonly settings: HandlingSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WithPrincipal>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('AUTH.TOKEN_MISSING', 'send Authorization: Bearer <token>', 'unauthorised');
    req.principal = verifyToken(this.settings.tokenSecret, match[1], new Date());
    return true;
  }
}

/** The principal the AuthGuard verified. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<WithPrincipal>().principal;
  if (!principal) throw new DomainError('AUTH.TOKEN_MISSING', 'send Authorization: Bearer <token>', 'unauthorised');
  return principal;
});
