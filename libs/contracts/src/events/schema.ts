import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { ServiceName } from '../envelope';

/** A JSON Schema (draft 2020-12 subset, as used by AsyncAPI 3 with the default schema format). */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * One event type: its name, its producer and the JSON Schema of its data. The schema is the one
 * definition of the payload: the AsyncAPI document publishes it, consumers check events against
 * it, and the TypeScript type of the data is derived from it (`EventData`), so the two cannot
 * drift apart.
 */
export interface EventDefinition<TType extends string = string, TSchema extends JsonSchema = JsonSchema> {
  readonly type: TType;
  readonly source: ServiceName;
  /** One line for the AsyncAPI message title. */
  readonly summary: string;
  readonly schema: TSchema;
}

export const str = { type: 'string', minLength: 1 } as const;
export const optionalStr = { type: 'string' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const unitCode = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;

/** Keeps the schema's literal type (`const`), from which the data's type is derived. */
export function defineEvent<TType extends string, const TSchema extends JSONSchema & JsonSchema>(def: EventDefinition<TType, TSchema>): EventDefinition<TType, TSchema> {
  return def;
}

/**
 * An event about one case: an object with the case id and the given fields, and no other.
 * `required` names the fields besides `caseId` that every event of the type carries.
 */
export function defineCaseEvent<TType extends string, const TRequired extends readonly string[], const TProperties extends Record<string, JSONSchema>>(
  source: ServiceName,
  type: TType,
  summary: string,
  required: TRequired,
  properties: TProperties,
) {
  return defineEvent({
    type,
    source,
    summary,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['caseId', ...required],
      properties: { caseId: str, ...properties },
    } as const,
  });
}

/** Every object and array of a payload is read-only: an event, once decided, is a fact. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The TypeScript type of a value that a JSON Schema describes (read-only). */
export type Payload<TSchema extends JSONSchema> = DeepReadonly<FromSchema<TSchema>>;

/** The type of the data of an event definition, derived from its schema. */
export type EventData<TDefinition> = TDefinition extends EventDefinition<string, infer TSchema> ? (TSchema extends JSONSchema ? Payload<TSchema> : never) : never;

/** The `{ type, data }` of each event definition of a union (what a decider decides). */
export type EventOf<TDefinition> = TDefinition extends EventDefinition<infer TType, JsonSchema> ? { type: TType; data: EventData<TDefinition> } : never;
