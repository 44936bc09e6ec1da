import pino, { type Logger } from 'pino';
import type { CloudEvent } from '@county/contracts';
import type { ServiceConfig } from './config';

/** Structured JSON logs; secrets and personal data are redacted. */
export function createRootLogger(config: Pick<ServiceConfig, 'service' | 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: config.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.phone', '*.residentName', '*.name'],
      censor: '[redacted]',
    },
  });
}

/** The fields every log line about an event carries. */
export function eventLogFields(event: CloudEvent): Record<string, string> {
  return { caseId: event.subject, correlationId: event.correlationid, eventId: event.id, eventType: event.type };
}
