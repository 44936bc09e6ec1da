import { Injectable, type CanActivate, type ExecutionContext, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { json, urlencoded } from 'body-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCodes, DomainError, type ErrorCode } from '@county/contracts';

/**
 * The one input guard of every service. What a caller sends is checked before any controller,
 * validation pipe or database sees it:
 * - the body: at most BODY_LIMIT bytes (413), valid UTF-8, well-formed JSON or form encoding,
 *   nested at most MAX_DEPTH levels (400 naming the limit);
 * - every string in the body, the query and the path: no NUL and no lone UTF-16 surrogate
 *   (PostgreSQL stores neither) (400 naming the field);
 * - `X-Correlation-Id`: 1 to 128 of `A-Z a-z 0-9 . _ : -`, else the request is refused (400);
 * - the content type: what the endpoint declares with `@ApiConsumes` (JSON when it declares
 *   nothing), else 415;
 * - path parameters: ids (`caseId`, `whistleId`) are UUIDs, every other parameter a code.
 *
 * The express middleware only records what is wrong (`req.inputProblem`); the global
 * `InputGuard` throws it once the route is known, so each controller's own error format
 * (Open311's, for one) applies to it as to every other refusal.
 */
export const BODY_LIMIT = '100kb';
export const MAX_DEPTH = 32;
export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** Path parameters that name an entity by its UUID; every other path parameter is a code. */
const UUID_PARAMS = new Set(['caseId', 'whistleId']);

type Guarded = Request & { inputProblem?: DomainError };

function invalid(field: string, message: string, code: ErrorCode = ErrorCodes.VALIDATION_FAILED): DomainError {
  return new DomainError(code, `invalid request: ${field}`, 'invalid', { errors: [{ field, messages: [message] }] });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or undefined when it can. */
export function unstorable(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/**
 * Walks a parsed value without recursion: the first string that cannot be stored (named by its
 * dotted path, keys included), or a nesting deeper than maxDepth.
 */
export function inspectValue(root: unknown, maxDepth: number, prefix = ''): DomainError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: prefix, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      const why = unstorable(value);
      if (why) return invalid(path || 'body', `${path || 'body'} ${why}`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      return new DomainError(ErrorCodes.BODY_TOO_DEEP, `invalid request: the body is nested deeper than ${maxDepth} levels`, 'invalid', {
        limit: maxDepth,
        errors: [{ field: path || 'body', messages: [`nested deeper than ${maxDepth} levels`] }],
      });
    }
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      const why = unstorable(key);
      if (why) return invalid(childPath, `field name ${why}`);
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

class InvalidUtf8 extends Error {}

function verifyUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  try {
    utf8.decode(buf);
  } catch {
    throw new InvalidUtf8('the body is not valid UTF-8');
  }
}

/** body-parser's errors as the refusals callers see. */
function parserProblem(err: { type?: string; status?: number; message?: string; limit?: number }): DomainError {
  if (err instanceof InvalidUtf8 || err.type === 'entity.verify.failed') return invalid('body', 'the body is not valid UTF-8', ErrorCodes.BODY_NOT_UTF8);
  if (err.type === 'entity.too.large') return new DomainError(ErrorCodes.BODY_TOO_LARGE, `the body is larger than the limit of ${BODY_LIMIT}`, 'too-large', { limit: BODY_LIMIT });
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported') {
    return new DomainError(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, `${err.message ?? 'unsupported body encoding'}; send UTF-8`, 'unsupported-media');
  }
  if (err.type === 'parameters.too.many' || err.type === 'querystring.parse.rangeError') return invalid('body', `too many or too deeply nested form fields (at most ${MAX_DEPTH} levels)`, ErrorCodes.BODY_TOO_DEEP);
  return invalid('body', `the body is not well-formed: ${err.message ?? 'parse error'}`, ErrorCodes.MALFORMED_BODY);
}

function inspectPath(req: Request): DomainError | undefined {
  for (const segment of req.path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return invalid('path', 'the path has a malformed percent-encoding or is not UTF-8');
    }
    const why = unstorable(decoded);
    if (why) return invalid('path', `a path parameter ${why}`);
  }
  return undefined;
}

/** The express middleware (installed by createService before everything else). */
export function inputGuardMiddleware(): RequestHandler[] {
  const parsers = [
    json({ limit: BODY_LIMIT, strict: true, verify: verifyUtf8 }),
    // body-parser 2 takes `depth`; its type definitions predate it
    urlencoded({ limit: BODY_LIMIT, extended: true, depth: MAX_DEPTH, parameterLimit: 1000, verify: verifyUtf8 } as Parameters<typeof urlencoded>[0]),
  ];
  const record = (req: Guarded, problem: DomainError | undefined) => {
    if (problem && !req.inputProblem) req.inputProblem = problem;
  };
  const headersAndPath: RequestHandler = (req: Guarded, _res, next) => {
    const correlationId = req.headers['x-correlation-id'];
    if (correlationId !== undefined) {
      if (typeof correlationId !== 'string' || !CORRELATION_ID.test(correlationId)) {
        delete req.headers['x-correlation-id'];
        record(req, invalid('X-Correlation-Id', 'X-Correlation-Id must be 1 to 128 characters of A-Z a-z 0-9 . _ : -', ErrorCodes.CORRELATION_ID_INVALID));
      }
    }
    record(req, inspectPath(req));
    let query: unknown;
    try {
      query = req.query;
    } catch {
      record(req, invalid('query', 'the query string is malformed'));
    }
    if (query && typeof query === 'object') record(req, inspectValue(query, MAX_DEPTH));
    next();
  };
  const parse = (parser: RequestHandler): RequestHandler => (req: Guarded, res: Response, next: NextFunction) => {
    if (req.inputProblem) return next();
    parser(req, res, (err?: unknown) => {
      if (err) {
        record(req, parserProblem(err as { type?: string }));
        // what could not be read must not reach a handler
        req.body = undefined;
      }
      next();
    });
  };
  const body: RequestHandler = (req: Guarded, _res, next) => {
    if (!req.inputProblem && req.body !== undefined) record(req, inspectValue(req.body, MAX_DEPTH));
    next();
  };
  return [headersAndPath, ...parsers.map(parse), body];
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** The media types an endpoint takes: its `@ApiConsumes`, else JSON. */
function consumes(reflector: Reflector, context: ExecutionContext): string[] {
  return reflector.getAllAndOverride<string[] | undefined>('swagger/apiConsumes', [context.getHandler(), context.getClass()]) ?? ['application/json'];
}

/** Throws what the middleware recorded, then refuses a body of a content type the endpoint does not take (415). */
@Injectable()
export class InputGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Guarded>();
    if (req.inputProblem) throw req.inputProblem;
    if (hasBody(req)) {
      const taken = consumes(this.reflector, context);
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!taken.includes(type)) {
        throw new DomainError(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, `this endpoint takes ${taken.join(' or ')}, not ${type || 'a body without a content type'}`, 'unsupported-media', {
          accepted: taken,
        });
      }
    }
    return true;
  }
}

/**
 * Checks every path parameter before a handler (and so the database) sees it: `caseId` and
 * `whistleId` are UUIDs, every other parameter a code (letters, digits, `.`, `_`, `-`).
 */
@Injectable()
export class PathParameterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || !metadata.data || typeof value !== 'string') return value;
    const name = metadata.data;
    if (UUID_PARAMS.has(name)) {
      if (!UUID.test(value)) throw invalid(name, `${name} must be a UUID`);
    } else if (!CODE.test(value)) {
      throw invalid(name, `${name} must be 1 to 80 letters, digits, '.', '_' or '-', starting with a letter or digit`);
    }
    return value;
  }
}
