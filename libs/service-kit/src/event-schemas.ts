import Ajv, { type ValidateFunction } from 'ajv';
import { EVENT_CATALOGUE, payloadSchema, type CloudEvent, type JsonSchema } from '@county/contracts';

/**
 * The shape of an event, as a consumer checks it before a handler sees it: the catalogue's schema
 * (the one the AsyncAPI document publishes: the envelope with its data) kept to its structure,
 * every required field present with its type, in objects, arrays and alternatives. Value rules
 * (limits, patterns, formats, enumerations) and fields the schema does not name are left to the
 * reader, as a tolerant reader does: a rule of the consumer's own decides on a value (the centre
 * refuses too long an extension), and a producer that adds a field breaks no consumer.
 */
const STRUCTURE = ['type', 'required', 'properties', 'items', 'anyOf'] as const;

function shapeOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(shapeOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = schema as JsonSchema;
  const kept: Record<string, unknown> = {};
  for (const key of STRUCTURE) {
    if (s[key] === undefined) continue;
    if (key === 'properties') kept.properties = Object.fromEntries(Object.entries(s.properties as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]));
    else if (key === 'items' || key === 'anyOf') kept[key] = shapeOf(s[key]);
    else kept[key] = s[key];
  }
  return kept;
}

const ajv = new Ajv({ allErrors: true, strict: false });
/** Compiled per type on first use (a consumer compiles only the types it reads). */
const validators = new Map<string, ValidateFunction | null>();

function validatorOf(type: string): ValidateFunction | null {
  let validate = validators.get(type);
  if (validate === undefined) {
    const def = EVENT_CATALOGUE.find((d) => d.type === type);
    validate = def ? ajv.compile(shapeOf(JSON.parse(JSON.stringify(payloadSchema(def)))) as object) : null;
    validators.set(type, validate);
  }
  return validate;
}

/**
 * What is wrong with the shape of an event (see above): an empty list when it has its type's
 * shape, or when its type is not in the catalogue (a consumer only reads the types it has a
 * handler for, and those are in the catalogue).
 */
export function shapeViolations(event: CloudEvent): string[] {
  const validate = validatorOf(event.type);
  if (!validate || validate(event)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
