import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_CATALOGUE, payloadSchema, type CloudEvent } from '@county/contracts';

let validators: Map<string, ValidateFunction> | undefined;

function compiled(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validators = new Map();
  // the same schemas the AsyncAPI document publishes (payloadSchema: the envelope with its data)
  for (const def of EVENT_CATALOGUE) validators.set(def.type, ajv.compile(JSON.parse(JSON.stringify(payloadSchema(def)))));
  return validators;
}

/**
 * What is wrong with an event against its type's schema in the event catalogue: an empty list
 * when it conforms, or when its type is not in the catalogue (a consumer only reads the types it
 * has a handler for, and those are in the catalogue).
 */
export function schemaViolations(event: CloudEvent): string[] {
  const validate = compiled().get(event.type);
  if (!validate || validate(event)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
