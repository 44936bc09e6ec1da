import type { ServiceName } from '../envelope';

/** A JSON Schema (draft 2020-12 subset, as used by AsyncAPI 3 with the default schema format). */
export type JsonSchema = { readonly [key: string]: unknown };

export interface EventDefinition<TType extends string = string> {
  readonly type: TType;
  readonly source: ServiceName;
  /** One line for the AsyncAPI message title. */
  readonly summary: string;
  readonly schema: JsonSchema;
}

export function defineEvent<TType extends string>(def: EventDefinition<TType>): EventDefinition<TType> {
  return def;
}

export const str = { type: 'string', minLength: 1 } as const;
export const optionalStr = { type: 'string' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const unitCode = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;
