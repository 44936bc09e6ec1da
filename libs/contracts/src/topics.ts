import type { ServiceName } from './envelope';

/** One topic per producing service; the message key is always the case id. */
export const TOPICS = {
  intake: 'county.intake.events',
  dispatch: 'county.dispatch.events',
  handling: 'county.handling.events',
  evaluation: 'county.evaluation.events',
  'case-worker': 'county.case-worker.events',
} as const satisfies Record<ServiceName, string>;

export type Topic = (typeof TOPICS)[ServiceName];

export function topicOf(source: ServiceName): Topic {
  return TOPICS[source];
}

/** Where a consumer group parks a message it could not handle after its retries. */
export function deadLetterTopic(groupId: string): string {
  return `county.dead-letter.${groupId}`;
}

/**
 * Where an operator re-delivers a consumer group's parked messages once their cause is fixed:
 * only that group reads it, so the producers' topics and every other group stay as they were.
 */
export function deadLetterReplayTopic(groupId: string): string {
  return `county.dead-letter-replay.${groupId}`;
}
