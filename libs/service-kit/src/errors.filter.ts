import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorKind } from '@county/contracts';
import { ConcurrencyError } from '@county/event-store';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  precondition: 412,
  unprocessable: 422,
  'rate-limited': 429,
};

/** Maps domain errors and version conflicts to HTTP once, for every service. */
@Catch(DomainError, ConcurrencyError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError | ConcurrencyError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof ConcurrencyError) {
      res.status(409).json({ statusCode: 409, code: error.code, message: 'the case was changed by someone else at the same moment; read it again and retry' });
      return;
    }
    res.status(STATUS[error.kind]).json({ statusCode: STATUS[error.kind], code: error.code, message: error.message, ...(error.details ?? {}) });
  }
}

export { HttpException };
