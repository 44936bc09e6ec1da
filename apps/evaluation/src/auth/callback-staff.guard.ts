import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { ErrorCodes, DomainError } from '@county/contracts';
import { EVALUATION_SETTINGS, type EvaluationSettings } from '../settings';

export const CALLBACK_TOKEN_HEADER = 'X-Callback-Token';

/**
 * Callback staff authenticate with one shared secret (EVALUATION_CALLBACK_TOKEN) in the
 * X-Callback-Token header. Missing or wrong: 401 AUTH.CALLBACK_TOKEN_INVALID, nothing written.
 */
@Injectable()
export class CallbackStaffGuard implements CanActivate {
  constructor(@Inject(EVALUATION_SETTINGS) private readonly settings: EvaluationSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['x-callback-token'];
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const expected = Buffer.from(this.settings.callbackToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError(ErrorCodes.AUTH_CALLBACK_TOKEN_INVALID, `send the callback staff's shared secret in the ${CALLBACK_TOKEN_HEADER} header`, 'unauthorised');
    }
    return true;
  }
}
