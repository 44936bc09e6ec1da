import { ENVELOPE_SCHEMA, SERVICE_NAMES, type ServiceName } from './envelope';
import { EVENT_CATALOGUE, type EventDefinition, type JsonSchema } from './events';
import { TOPICS } from './topics';

/**
 * Builds the AsyncAPI 3 document of every topic and event from the event catalogue.
 * The committed libs/contracts/asyncapi.yaml is this document; a test keeps them equal.
 */

function messageName(type: string): string {
  // case.received.v1 -> CaseReceivedV1
  return type
    .split(/[.-]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/** The full payload schema of one event type: the CloudEvents envelope with its data. */
export function payloadSchema(def: EventDefinition): JsonSchema {
  return {
    ...ENVELOPE_SCHEMA,
    $id: undefined,
    properties: {
      ...ENVELOPE_SCHEMA.properties,
      source: { const: def.source },
      type: { const: def.type },
      data: def.schema,
    },
  };
}

function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function buildAsyncApiDocument(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const def of EVENT_CATALOGUE) {
    messages[messageName(def.type)] = {
      name: def.type,
      title: def.summary,
      contentType: 'application/cloudevents+json; charset=UTF-8',
      bindings: { kafka: { key: { type: 'string', description: 'the case id (= subject)' }, bindingVersion: '0.5.0' } },
      payload: payloadSchema(def),
    };
  }

  for (const service of SERVICE_NAMES as readonly ServiceName[]) {
    const defs = EVENT_CATALOGUE.filter((d) => d.source === service);
    const channelId = `${service}Events`;
    const channelMessages: Record<string, unknown> = {};
    for (const def of defs) channelMessages[messageName(def.type)] = { $ref: `#/components/messages/${messageName(def.type)}` };
    channels[channelId] = {
      address: TOPICS[service],
      description: `Every event produced by ${service}, keyed by case id so that a case's events keep their order.`,
      messages: channelMessages,
      bindings: { kafka: { topic: TOPICS[service], bindingVersion: '0.5.0' } },
    };
    operations[`publish${messageName(service)}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `${service} publishes its committed events through its outbox relay.`,
      messages: Object.keys(channelMessages).map((m) => ({ $ref: `#/channels/${channelId}/messages/${m}` })),
    };
  }

  return stripUndefined({
    asyncapi: '3.0.0',
    info: {
      title: 'County appeals: case events',
      version: '1.0.0',
      description:
        'Events of the case-handling platform. Every message is a CloudEvents 1.0 structured JSON envelope; ' +
        'the Kafka key is the case id (= subject), `sequence` is the event version within its stream, `id` is unique ' +
        'and is the dedupe key (delivery is at least once). A published type never changes incompatibly: a breaking ' +
        'change is a new type name. No event carries a resident\'s name or phone.',
    },
    defaultContentType: 'application/cloudevents+json; charset=UTF-8',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'deploy/local and docker-compose broker' },
    },
    channels,
    operations,
    components: { messages },
  });
}
