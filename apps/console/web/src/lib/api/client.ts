import createClient from 'openapi-fetch';
import type { paths as IntakePaths } from './generated/intake';
import type { paths as DispatchPaths } from './generated/dispatch';
import type { paths as HandlingPaths } from './generated/handling';
import type { paths as EvaluationPaths } from './generated/evaluation';
import type { components } from './generated/dispatch';

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

/** Every service answers a refusal with this body (service-kit's ErrorBody in each OpenAPI document). */
type ErrorBody = Partial<components['schemas']['ErrorBody']> & { readonly field?: string };

export function apiErrorOf(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const fields = [...(b.errors ?? []).map((e) => e.field).filter((f): f is string => typeof f === 'string'), ...(b.field ? [b.field] : [])];
  const message = b.message || (b.errors ?? []).map((e) => `${e.field}: ${(e.messages ?? []).join(', ')}`).join('; ');
  return new ApiError(status, b.code ?? `HTTP_${status}`, message || `HTTP ${status}`, fields);
}

/**
 * The body of a service's answer, typed by the service's own OpenAPI document (its named answer
 * schema), or its refusal as an ApiError. Reports that also answer CSV are read as JSON here.
 */
export async function unwrap<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<Exclude<D, string | undefined>> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiErrorOf(response.status, error);
  return data as Exclude<D, string | undefined>;
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
