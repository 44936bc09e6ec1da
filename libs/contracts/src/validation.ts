import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** Path of the committed AsyncAPI document (the contract for downstream consumers). */
export const ASYNCAPI_PATH = path.join(__dirname, '..', 'asyncapi.yaml');

type Doc = { components: { messages: Record<string, { name: string; payload: object }> } };

let validators: Map<string, ValidateFunction> | undefined;

function load(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const doc = parse(fs.readFileSync(ASYNCAPI_PATH, 'utf8')) as Doc;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validators = new Map();
  for (const message of Object.values(doc.components.messages)) validators.set(message.name, ajv.compile(message.payload));
  return validators;
}

export interface EventValidationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

/** Validates a CloudEvent against the payload schema the AsyncAPI document gives for its type. */
export function validateAgainstAsyncApi(event: object): EventValidationResult {
  const type = (event as { type?: unknown }).type;
  const validate = load().get(String(type));
  if (!validate) return { valid: false, errors: [`type ${String(type)} is not in the AsyncAPI document`] };
  const valid = validate(event) as boolean;
  return {
    valid,
    errors: valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`),
  };
}
