/**
 * The answers of Open311 GeoReport v2 as OpenAPI schemas (JSON; XML is the same data in the
 * spec's wrapped form). Kept beside the controller that sends them.
 */
type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const nullableStr: Schema = { type: 'string', nullable: true };

const ERRORS: Schema = {
  type: 'array',
  items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: str } },
};

/** Open311's error answer (`[{code, description}]`; XML `<errors><error>`), for every 4xx of /open311. */
export const OPEN311_ERROR_CONTENT = { 'application/json': { schema: ERRORS }, 'text/xml': { schema: str } };

function both(schema: Schema) {
  return { 'application/json': { schema }, 'text/xml': { schema: str } };
}

export const DISCOVERY_CONTENT = both({
  type: 'object',
  required: ['changeset', 'contact', 'endpoints'],
  properties: {
    changeset: { type: 'string', format: 'date-time' },
    contact: str,
    key_service: str,
    endpoints: {
      type: 'object',
      properties: {
        endpoint: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              specification: str,
              url: str,
              changeset: { type: 'string', format: 'date-time' },
              type: { type: 'string', enum: ['production', 'test'] },
              formats: { type: 'object', properties: { format: { type: 'array', items: str } } },
            },
          },
        },
      },
    },
  },
});

export const SERVICES_CONTENT = both({
  type: 'array',
  items: {
    type: 'object',
    required: ['service_code', 'service_name', 'metadata', 'type'],
    properties: { service_code: str, service_name: str, description: str, metadata: { type: 'boolean' }, type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] }, keywords: str, group: str },
  },
});

export const SERVICE_DEFINITION_CONTENT = both({
  type: 'object',
  required: ['service_code', 'attributes'],
  properties: {
    service_code: str,
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
        properties: {
          variable: { type: 'boolean' },
          code: str,
          datatype: { type: 'string', enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: str,
          order: { type: 'integer' },
          description: str,
          values: { type: 'array', items: { type: 'object', required: ['key', 'name'], properties: { key: str, name: str } } },
        },
      },
    },
  },
});

export const POSTED_CONTENT = both({
  type: 'array',
  items: {
    type: 'object',
    required: ['service_request_id'],
    properties: { service_request_id: { type: 'string', format: 'uuid' }, service_notice: str, account_id: nullableStr },
  },
});

export const REQUESTS_CONTENT = both({
  type: 'array',
  items: {
    type: 'object',
    required: ['service_request_id', 'status', 'service_code', 'requested_datetime', 'updated_datetime'],
    properties: {
      service_request_id: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: ['open', 'closed'] },
      status_notes: str,
      service_name: str,
      service_code: str,
      description: str,
      agency_responsible: nullableStr,
      service_notice: nullableStr,
      requested_datetime: { type: 'string', format: 'date-time' },
      updated_datetime: { type: 'string', format: 'date-time' },
      expected_datetime: { type: 'string', format: 'date-time', nullable: true },
      address: nullableStr,
      address_id: nullableStr,
      zipcode: nullableStr,
      lat: { type: 'number', nullable: true },
      long: { type: 'number', nullable: true },
      media_url: nullableStr,
    },
  },
});

export const TOKEN_CONTENT = both({
  type: 'array',
  items: { type: 'object', required: ['service_request_id', 'token'], properties: { service_request_id: { type: 'string', format: 'uuid' }, token: str } },
});

export const FORMAT_PARAM = { name: 'format', in: 'path' as const, required: true, schema: { type: 'string' as const, enum: ['json', 'xml'] } };

export function fileParam(what: string) {
  return {
    name: 'file',
    in: 'path' as const,
    required: true,
    description: `${what}, then .json or .xml`,
    schema: { type: 'string' as const, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,73}\\.(json|xml)$' },
  };
}
