import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCodes, DomainError, type DomainErrorKind } from '@county/contracts';
import { ConcurrencyError, isTransient } from '@county/event-store';
import { CORRELATION_ID } from './input-guard';

export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  precondition: 412,
  'too-large': 413,
  'unsupported-media': 415,
  unprocessable: 422,
  'rate-limited': 429,
};

/** The code of an error that did not come with one (Nest's own 404 for an unknown route, for one). */
const CODE_OF_STATUS: Record<number, string> = {
  400: ErrorCodes.BAD_REQUEST,
  401: ErrorCodes.UNAUTHORISED,
  403: ErrorCodes.FORBIDDEN,
  404: ErrorCodes.NOT_FOUND,
  405: ErrorCodes.METHOD_NOT_ALLOWED,
  409: ErrorCodes.CONFLICT,
  412: ErrorCodes.PRECONDITION_FAILED,
  413: ErrorCodes.BODY_TOO_LARGE,
  415: ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
  422: ErrorCodes.UNPROCESSABLE,
  429: ErrorCodes.RATE_LIMITED,
};

/** The body of every error answer: `statusCode`, a stable `code` (ErrorCodes), a `message`, the request's `correlationId` (always, from the filter), and per-field `errors` where fields were bad. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly correlationId: string;
  readonly [detail: string]: unknown;
}

/**
 * The correlation id of a request, for its error body and its log lines: the request's (from
 * X-Correlation-Id or X-Request-Id, or the one the logger gave it) when it is well-formed, else a
 * fresh one, so that every error body has one and a malformed header is never echoed back nor
 * copied into a log line.
 */
export function correlationIdOf(req: { id?: unknown; headers?: Record<string, unknown> }): string {
  if (typeof req.id === 'string' && CORRELATION_ID.test(req.id)) return req.id;
  for (const name of ['x-correlation-id', 'x-request-id']) {
    const header = req.headers?.[name];
    if (typeof header === 'string' && CORRELATION_ID.test(header)) return header;
  }
  return randomUUID();
}

/** How long a caller is asked to wait before it retries an answer 503 UNAVAILABLE (the Retry-After header, in seconds). */
export const RETRY_AFTER_UNAVAILABLE_S = 5;

/** Describes any error as the status and body callers see. */
export function errorBody(error: unknown, correlationId: string): ErrorBody {
  const id = { correlationId };
  if (error instanceof ConcurrencyError) {
    return {
      statusCode: 409,
      code: error.code,
      message: `the case is at version ${error.actual}, not at version ${String(error.expected)} (the one named by If-Match, or the one read just before): it changed in between; read it again and retry`,
      expectedVersion: error.expected,
      currentVersion: error.actual,
      ...id,
    };
  }
  if (error instanceof DomainError) {
    const statusCode = STATUS_OF_KIND[error.kind];
    return { statusCode, code: error.code, message: error.message, ...(error.details ?? {}), ...id };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : { message: String(response) };
    const message = Array.isArray(body.message) ? body.message.join('; ') : typeof body.message === 'string' ? body.message : error.message;
    const rest: Record<string, unknown> = { ...body };
    delete rest.error;
    return { ...rest, statusCode, code: typeof body.code === 'string' ? body.code : (CODE_OF_STATUS[statusCode] ?? `HTTP_${statusCode}`), message, ...id };
  }
  if (isTransient(error)) {
    // an engine away for a moment (a PostgreSQL restart, a connection cut), not a wrong request or code
    return {
      statusCode: 503,
      code: ErrorCodes.UNAVAILABLE,
      message: `an engine this service depends on (its database, Kafka or Temporal) does not answer just now (it may be restarting); retry after ${RETRY_AFTER_UNAVAILABLE_S} s. If the answer was lost while a command was being stored, it may have been stored: retry it with the same Idempotency-Key, or for a case the same channel reference, and it is not stored twice`,
      ...id,
    };
  }
  return { statusCode: 500, code: ErrorCodes.INTERNAL, message: 'internal error', ...id };
}

/** Maps every error to HTTP once, for every service: domain errors, version conflicts, Nest's own, an engine away (503, Retry-After) and the unexpected (500, logged). */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request & { id?: unknown }>();
    const res = host.switchToHttp().getResponse<Response>();
    const body = errorBody(error, correlationIdOf(req));
    const told = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (body.code === ErrorCodes.UNAVAILABLE) this.log.warn(told);
    else if (body.statusCode >= 500) this.log.error(told);
    if (res.headersSent) return;
    if (body.code === ErrorCodes.UNAVAILABLE) res.setHeader('Retry-After', String(RETRY_AFTER_UNAVAILABLE_S));
    res.status(body.statusCode).json(body);
  }
}

export { HttpException };
