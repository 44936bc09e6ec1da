import createClient from 'openapi-fetch';
import type { paths as IntakePaths } from './generated/intake';
import type { paths as DispatchPaths } from './generated/dispatch';
import type { paths as HandlingPaths } from './generated/handling';
import type { paths as EvaluationPaths } from './generated/evaluation';

/**
 * One typed client per service, all through the console's origin (/svc/<service>): the session
 * cookie carries the user's token, which the console's server adds to every call. Paths, query
 * parameters and request bodies are checked against the services' own OpenAPI documents.
 */
export const intake = createClient<IntakePaths>({ baseUrl: '/svc/intake', credentials: 'same-origin' });
export const dispatch = createClient<DispatchPaths>({ baseUrl: '/svc/dispatch', credentials: 'same-origin' });
export const handling = createClient<HandlingPaths>({ baseUrl: '/svc/handling', credentials: 'same-origin' });
export const evaluation = createClient<EvaluationPaths>({ baseUrl: '/svc/evaluation', credentials: 'same-origin' });

/** A service's refusal as the screens show it: HTTP status, stable code, message and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly string[],
  ) {
    super(message);
  }
}

interface ErrorBody {
  readonly code?: string;
  readonly message?: string | string[];
  readonly field?: string;
  readonly errors?: readonly { readonly field?: string; readonly message?: string }[];
}

export function apiErrorOf(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const fields = [...(b.errors ?? []).map((e) => e.field).filter((f): f is string => typeof f === 'string'), ...(b.field ? [b.field] : [])];
  const message = Array.isArray(b.message) ? b.message.join('; ') : (b.message ?? (b.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; '));
  return new ApiError(status, b.code ?? `HTTP_${status}`, message || `HTTP ${status}`, fields);
}

/**
 * The body of a service's answer, or its refusal as an ApiError. The services' documents do not
 * describe most response bodies yet, so each caller names the shape it reads (see the features'
 * api/types.ts); request bodies and parameters stay generated.
 */
export async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiErrorOf(response.status, error);
  return data as T;
}

/** A call to the console's own server (/console/api/...). */
export async function consoleApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`/console/api/${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body !== undefined ? { 'content-type': 'application/json' } : {},
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw apiErrorOf(res.status, body);
  return body as T;
}

function correlationId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Headers of a command on a case at the centre: the version the screen shows (If-Match: a case that
 * moved on since is refused with 409 and nothing is written) and a correlation id that the
 * services carry into every event and log line that follows.
 */
export function commandHeaders(version: number): { 'if-match': string; 'x-correlation-id': string } {
  return { 'if-match': `"${version}"`, 'x-correlation-id': correlationId() };
}

export function correlationHeader(): { 'x-correlation-id': string } {
  return { 'x-correlation-id': correlationId() };
}
