import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind } from '@county/contracts';
import { ConcurrencyError } from '@county/event-store';
import { formatOfPath, sendErrors, type Open311Error } from './open311.format';

/**
 * Open311's error answer: an array of {code, description} (XML: <errors><error>...), with 400,
 * 403 or 404. A missing key is 403 here (the spec has no 401); 409, 413, 415 and 429 keep their
 * own status where the spec has none.
 */
const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unprocessable: 400,
  unauthorised: 403,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  precondition: 400,
  'too-large': 413,
  'unsupported-media': 415,
  'rate-limited': 429,
};

@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('open311');

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const format = formatOfPath(req.path);
    const { status, errors } = describe(error);
    if (status >= 500) this.log.error(error instanceof Error ? error.stack : String(error));
    sendErrors(res, format, status, errors);
  }
}

function describe(error: unknown): { status: number; errors: Open311Error[] } {
  if (error instanceof DomainError) {
    const status = STATUS[error.kind];
    const fields = (error.details?.errors as { field: string; messages: string[] }[] | undefined) ?? [];
    return { status, errors: fields.length ? fields.map((f) => ({ code: status, description: `${f.field}: ${f.messages.join('; ')}` })) : [{ code: status, description: error.message }] };
  }
  if (error instanceof ConcurrencyError) return { status: 409, errors: [{ code: 409, description: 'the request changed at the same moment; retry' }] };
  if (error instanceof HttpException) {
    const status = error.getStatus() === 401 ? 403 : error.getStatus();
    const body = error.getResponse() as { errors?: { field: string; messages: string[] }[]; message?: string | string[] } | string;
    if (typeof body === 'object' && body.errors?.length) return { status, errors: body.errors.map((f) => ({ code: status, description: `${f.field}: ${f.messages.join('; ')}` })) };
    const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? error.message);
    return { status, errors: [{ code: status, description: message }] };
  }
  // a bug of ours: say nothing more than that
  return { status: 500, errors: [{ code: 500, description: 'internal error' }] };
}
