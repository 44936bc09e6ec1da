import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { BODY_LIMIT, CORRELATION_ID } from './input-guard';

/**
 * Completes a service's OpenAPI document with what every endpoint shares, so that no controller
 * has to repeat it and none can forget it:
 * - the optional headers (`X-Correlation-Id` on every operation; `Idempotency-Key` and
 *   `If-Match` where an endpoint reads them) documented once, as optional, with their patterns;
 *   headers that a security scheme carries (`X-Api-Key`, `X-Callback-Token`) only as that scheme;
 * - the refusals of the input guard on every operation (400; 413 and 415 where there is a body),
 *   404 where a path names something, 409 for every command (a state that does not allow it), and the refusals of each security scheme (401, 403 and,
 *   for rate-limited keys, 429), and 503 on every operation for an engine that does not answer;
 * - the body of every error answer (ErrorBody, or the service's own, such as Open311's).
 */
type Schema = Record<string, unknown>;
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security?: Record<string, string[]>[];
};

export interface DocumentOptions {
  /** Per security scheme: the header it is sent in (removed as a parameter) and the statuses it answers. */
  readonly securitySchemes?: Record<string, { readonly header?: string; readonly statuses: readonly number[] }>;
  /** Error bodies of paths with their own format (Open311): the first prefix that matches wins. */
  readonly errorContent?: readonly { readonly pathPrefix: string; readonly content: Record<string, { schema: Schema }> }[];
}

export const ERROR_BODY_SCHEMA: Schema = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'correlationId'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    code: { type: 'string', description: 'stable error code, e.g. VALIDATION_FAILED, CASE.NOT_FOUND, AUTH.KEY_INVALID', example: 'VALIDATION_FAILED' },
    message: { type: 'string' },
    correlationId: { type: 'string', description: "the request's correlation id (X-Correlation-Id when well-formed, or the one given to it); every error body has one" },
    errors: {
      type: 'array',
      description: 'one entry per bad field (dotted path; a header or path parameter by its name)',
      items: { type: 'object', required: ['field', 'messages'], properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } } },
    },
  },
  additionalProperties: true,
};

const OPTIONAL_HEADERS: Record<string, { name: string; description: string; schema: Schema }> = {
  'x-correlation-id': {
    name: 'X-Correlation-Id',
    description: 'carried into every event and log line that follows; 1 to 128 of A-Z a-z 0-9 . _ : - (anything else is refused with 400)',
    schema: { type: 'string', pattern: CORRELATION_ID.source, maxLength: 128 },
  },
  'idempotency-key': {
    name: 'Idempotency-Key',
    description: 'the same key with the same body answers the first answer again; with another body 409',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
  },
  'if-match': {
    name: 'If-Match',
    description: 'the version of the case this command was decided on (e.g. "3"); another current version is a 409',
    schema: { type: 'string', pattern: '^(W/)?"?[0-9]{1,9}"?$' },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'a bad field, header, path or query parameter (each named in errors), malformed or too deeply nested body; nothing was stored',
  401: 'no credentials, or not valid ones',
  403: 'the caller may not do this',
  404: 'no such thing',
  413: `the body is larger than ${BODY_LIMIT}`,
  409: 'the current state does not allow this, or it changed in between',
  415: 'a body of a content type this endpoint does not take',
  429: 'over the rate limit; see Retry-After',
  503: 'an engine the service depends on (its database, Kafka or Temporal) does not answer just now (UNAVAILABLE); retry after Retry-After seconds',
};

export function completeDocument(document: OpenAPIObject, options: DocumentOptions = {}): OpenAPIObject {
  const schemes = options.securitySchemes ?? {};
  const securityHeaders = new Set(Object.values(schemes).flatMap((s) => (s.header ? [s.header.toLowerCase()] : [])));
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ErrorBody: ERROR_BODY_SCHEMA as never } };
  addNamedSchemas(document);
  addValidationRules(document);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const headers = new Map<string, { description?: string }>();
      const others: NonNullable<Operation['parameters']> = [];
      for (const p of op.parameters ?? []) {
        const key = p.name.toLowerCase();
        if (p.in === 'header' && securityHeaders.has(key)) continue;
        if (p.in === 'header' && OPTIONAL_HEADERS[key]) {
          if (!headers.get(key)?.description) headers.set(key, { description: p.description });
          continue;
        }
        others.push(p);
      }
      headers.set('x-correlation-id', headers.get('x-correlation-id') ?? {});
      op.parameters = [
        ...others,
        ...[...headers.entries()].map(([key, h]) => ({ in: 'header', name: OPTIONAL_HEADERS[key].name, required: false, description: h.description ?? OPTIONAL_HEADERS[key].description, schema: OPTIONAL_HEADERS[key].schema })),
      ];
      // every operation reads or writes the service's database (or another engine), which may be restarting
      const statuses = new Set<number>([400, 503]);
      if (op.requestBody) {
        statuses.add(413);
        statuses.add(415);
      }
      if (others.some((p) => p.in === 'path')) statuses.add(404);
      // a command the current state does not allow is a conflict (DomainError's default kind)
      if (method !== 'get') statuses.add(409);
      for (const requirement of op.security ?? []) for (const name of Object.keys(requirement)) for (const s of schemes[name]?.statuses ?? []) statuses.add(s);
      for (const status of statuses) op.responses[String(status)] ??= { description: DESCRIPTIONS[status] ?? 'refused' };
      const content = options.errorContent?.find((e) => path.startsWith(e.pathPrefix))?.content ?? { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && !response.content) response.content = content;
      }
    }
  }
  return document;
}

/** Named answer schemas, collected from the controllers' @ApiAnswer and added to the document's components. */
const NAMED_SCHEMAS = new Map<string, Schema>();

/**
 * Documents a success answer with a named schema (components/schemas/<name>), so that clients
 * generating types from the document get one named type per answer.
 */
export function ApiAnswer(options: { status: number; description: string; name: string; schema: Schema }): MethodDecorator {
  NAMED_SCHEMAS.set(options.name, options.schema);
  return ApiResponse({ status: options.status, description: options.description, schema: { $ref: `#/components/schemas/${options.name}` } });
}

function addNamedSchemas(document: OpenAPIObject): void {
  const schemas = (document.components ??= {}).schemas ??= {};
  for (const [name, schema] of NAMED_SCHEMAS) schemas[name] ??= schema as never;
}

/** Schema helpers: an object whose listed properties are all present (`optional` ones may be absent). */
export function object(properties: Record<string, Schema>, optional: readonly string[] = []): Schema {
  return { type: 'object', required: Object.keys(properties).filter((k) => !optional.includes(k)), properties };
}
export const oas = {
  string: { type: 'string' } as Schema,
  nullableString: { type: 'string', nullable: true } as Schema,
  uuid: { type: 'string', format: 'uuid' } as Schema,
  instant: { type: 'string', format: 'date-time' } as Schema,
  nullableInstant: { type: 'string', format: 'date-time', nullable: true } as Schema,
  integer: { type: 'integer' } as Schema,
  number: { type: 'number' } as Schema,
  boolean: { type: 'boolean' } as Schema,
  enumOf: (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] }),
  arrayOf: (items: Schema): Schema => ({ type: 'array', items }),
  nullable: (schema: Schema): Schema => ({ ...schema, nullable: true }),
  ref: (name: string): Schema => ({ $ref: `#/components/schemas/${name}` }),
  /** An object whose fields are not pinned down (event data, read-model details). */
  anyObject: { type: 'object', additionalProperties: true } as Schema,
};

/** Names a schema shared by several answers; returns its $ref. */
export function defineSchema(name: string, schema: Schema): Schema {
  NAMED_SCHEMAS.set(name, schema);
  return oas.ref(name);
}

/**
 * The validation rules of the DTOs (class-validator decorators) as JSON Schema keywords on their
 * component schemas, so that the document says what the validation pipe enforces: patterns,
 * lengths, enums, bounds, formats. A keyword the DTO's @ApiProperty already gives is kept.
 */
export function addValidationRules(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, Schema> }>;
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, { propertyName: string; constraintCls?: unknown; constraints?: unknown[]; each?: boolean; name?: string }[]> | { target: unknown }[];
    getTargetValidatorConstraints(cls: unknown): { name?: string }[];
  };
  const all = storage.validationMetadatas instanceof Map ? [...storage.validationMetadatas.entries()] : [];
  for (const [target, metadatas] of all) {
    const name = typeof target === 'function' ? target.name : undefined;
    const schema = name ? schemas[name] : undefined;
    if (!schema?.properties) continue;
    for (const m of metadatas) {
      const property = schema.properties[m.propertyName];
      if (!property || property.$ref || property.allOf) continue;
      const constraint = m.name ?? (m.constraintCls ? storage.getTargetValidatorConstraints(m.constraintCls)[0]?.name : undefined);
      const at = m.each && property.type === 'array' && property.items && !(property.items as Schema).$ref ? (property.items as Schema) : property;
      applyRule(at, constraint, m.constraints ?? []);
    }
  }
}

function applyRule(schema: Schema, rule: string | undefined, c: unknown[]): void {
  const set = (key: string, value: unknown) => {
    if (value !== undefined && schema[key] === undefined) schema[key] = value;
  };
  switch (rule) {
    case 'matches':
      set('pattern', c[0] instanceof RegExp ? c[0].source : typeof c[0] === 'string' ? c[0] : undefined);
      break;
    case 'isLength':
      set('minLength', c[0]);
      set('maxLength', c[1]);
      break;
    case 'minLength':
      set('minLength', c[0]);
      break;
    case 'maxLength':
      set('maxLength', c[0]);
      break;
    case 'isIn':
      set('enum', Array.isArray(c[0]) ? [...c[0]] : undefined);
      break;
    case 'min':
      set('minimum', c[0]);
      break;
    case 'max':
      set('maximum', c[0]);
      break;
    case 'arrayMaxSize':
      set('maxItems', c[0]);
      break;
    case 'arrayMinSize':
      set('minItems', c[0]);
      break;
    case 'isUuid':
      set('format', 'uuid');
      break;
    case 'isEmail':
      set('format', 'email');
      break;
    case 'isUrl':
      set('format', 'uri');
      break;
    case 'isInt':
      if (schema.type === 'number' || schema.type === undefined) schema.type = 'integer';
      break;
    case 'isPastInstant':
    case 'isInstant':
      set('format', 'date-time');
      break;
    default:
      break;
  }
}
