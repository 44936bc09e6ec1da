import type { ErrorCode } from './error-codes';

/**
 * A refusal by the domain, with a stable code from the catalogue (error-codes.ts, e.g. CASE.ALREADY_SIGNED) and a kind that the
 * HTTP edge maps to a status once: invalid 400/422, unauthorised 401, forbidden 403,
 * not-found 404, conflict 409, precondition 412, too-large 413, unsupported-media 415,
 * rate-limited 429.
 */
export type DomainErrorKind = 'invalid' | 'unprocessable' | 'unauthorised' | 'forbidden' | 'not-found' | 'conflict' | 'precondition' | 'too-large' | 'unsupported-media' | 'rate-limited';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
