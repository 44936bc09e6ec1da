import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import { DomainError, ErrorCodes } from '@county/contracts';
import { ConcurrencyError } from '@county/event-store';
import { correlationIdOf, errorBody } from '../src/errors.filter';
import { completeDocument, ERROR_BODY_SCHEMA } from '../src/openapi';

// The schema every service's OpenAPI document gives its error answers (ErrorBody), against the
// bodies the error filter really sends: each one has what the schema requires, the correlation id
// included, so that a client generated from the document may rely on it.
const validate = new Ajv({ allErrors: true, strict: false }).compile(ERROR_BODY_SCHEMA);

const ERRORS: [string, unknown][] = [
  ['a domain refusal', new DomainError(ErrorCodes.CASE_NOT_FOUND, 'no such case', 'not-found')],
  ['a domain refusal with details', new DomainError(ErrorCodes.LIST_INVALID_ITEM, 'a township scope names its township', 'invalid', { errors: [{ field: 'scope', messages: ['names no township'] }] })],
  ['a version conflict', new ConcurrencyError('case-C1', 3, 4)],
  [
    'a validation failure',
    new BadRequestException({ statusCode: 400, code: ErrorCodes.VALIDATION_FAILED, message: 'invalid request: urgency', errors: [{ field: 'urgency', messages: ['urgency must be one of normal, urgent, emergency'] }] }),
  ],
  ["Nest's own 404", new NotFoundException('Cannot GET /nowhere')],
  ['a body too large', new PayloadTooLargeException()],
  ['the unexpected', new Error('boom')],
];

describe('the error body schema of the OpenAPI documents', () => {
  it('requires the correlation id', () => {
    expect(ERROR_BODY_SCHEMA.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'correlationId']));
    expect(validate({ statusCode: 404, code: 'CASE.NOT_FOUND', message: 'no such case' })).toBe(false);
  });

  it.each(ERRORS)('describes the body of %s, whatever correlation id the request had', (_what, error) => {
    for (const req of [{ id: 'corr-1' }, { headers: { 'x-correlation-id': 'corr-2' } }, {}, { headers: { 'x-correlation-id': 'x'.repeat(200) } }]) {
      const body = errorBody(error, correlationIdOf(req));
      expect(validate(body) ? [] : validate.errors).toEqual([]);
    }
  });

  it('is the body of every error answer of a completed document', () => {
    const document = completeDocument({
      openapi: '3.0.0',
      info: { title: 'test', version: '1' },
      paths: { '/api/v1/cases/{caseId}': { get: { parameters: [{ in: 'path', name: 'caseId', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'the case' } } } } },
    } as unknown as OpenAPIObject);
    const schemas = document.components?.schemas as Record<string, { required?: string[] }>;
    expect(schemas.ErrorBody.required).toContain('correlationId');
    const responses = (document.paths['/api/v1/cases/{caseId}'].get?.responses ?? {}) as Record<string, { content?: Record<string, { schema: unknown }> }>;
    expect(responses['404'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
  });
});
