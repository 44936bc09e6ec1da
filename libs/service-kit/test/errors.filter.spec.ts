import type { ArgumentsHost } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@county/contracts';
import { DomainErrorFilter } from '../src/errors.filter';

/** Runs the filter on an error for a request as Express and the logger leave it, and returns the status and body sent. */
function answer(error: unknown, req: { id?: unknown; headers?: Record<string, unknown> }): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ headers: {}, ...req }), getResponse: () => res }) } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(error, host);
  return sent;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the error body', () => {
  const refusal = new DomainError(ErrorCodes.CASE_NOT_FOUND, 'no such case', 'not-found');

  it('carries the request’s correlation id', () => {
    expect(answer(refusal, { id: 'corr-1' })).toEqual({ status: 404, body: { statusCode: 404, code: 'CASE.NOT_FOUND', message: 'no such case', correlationId: 'corr-1' } });
  });

  it('carries a correlation id when the request got none from the logger', () => {
    expect(answer(refusal, { headers: { 'x-correlation-id': 'corr-2' } }).body.correlationId).toBe('corr-2');
    expect(answer(refusal, {}).body.correlationId).toMatch(UUID);
    expect(answer(new Error('boom'), {}).body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'internal error', correlationId: expect.stringMatching(UUID) });
  });

  it('never echoes a malformed correlation id', () => {
    const bad = 'x'.repeat(200);
    const { body } = answer(new DomainError(ErrorCodes.CORRELATION_ID_INVALID, 'invalid request: X-Correlation-Id', 'invalid'), { id: bad, headers: { 'x-correlation-id': bad } });
    expect(body.code).toBe('CORRELATION_ID_INVALID');
    expect(body.correlationId).toMatch(UUID);
  });
});
