/**
 * The one envelope every event travels in: CloudEvents 1.0, structured JSON mode.
 * `subject` is the case id (also the Kafka message key), `sequence` is the version of the
 * event in its stream, `id` is the dedupe key of every consumer.
 */
export interface CloudEvent<TType extends string = string, TData = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: ServiceName;
  readonly type: TType;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: TData;
  readonly sequence: number;
  readonly correlationid: string;
  readonly causationid: string;
}

export const SERVICE_NAMES = ['intake', 'dispatch', 'handling', 'evaluation', 'case-worker'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The Kafka content type of a structured-mode CloudEvent. */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/** What the producer of an event decides; the event store fills in the rest of the envelope. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/** Metadata of the command that caused an event: who, when, why. Time never comes from a clock inside domain code. */
export interface EventMetadata {
  readonly time: string;
  readonly correlationId: string;
  readonly causationId: string;
}

export const ENVELOPE_SCHEMA = {
  $id: 'https://county-appeals.example/schemas/envelope.json',
  type: 'object',
  additionalProperties: false,
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data', 'sequence', 'correlationid', 'causationid'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', format: 'uuid' },
    source: { enum: [...SERVICE_NAMES] },
    type: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*\\.v[0-9]+$' },
    subject: { type: 'string', minLength: 1 },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    data: { type: 'object' },
    sequence: { type: 'integer', minimum: 1 },
    correlationid: { type: 'string', minLength: 1 },
    causationid: { type: 'string', minLength: 1 },
  },
} as const;
