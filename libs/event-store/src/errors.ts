import { ErrorCodes } from '@county/contracts';

/** A stream was appended to by someone else since the caller read it. Retry from a fresh read, never overwrite. */
export class ConcurrencyError extends Error {
  readonly code = ErrorCodes.EVENT_STORE_VERSION_CONFLICT;
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, found ${actual}`);
    this.name = 'ConcurrencyError';
  }
}

/** no_stream: the stream must not exist; a number: the stream must be exactly at that version; any: no check. */
export type ExpectedVersion = number | 'no_stream' | 'any';
