import type { CaseDispatchedData, CaseReceivedData, CloudEvent } from '@county/contracts';
import type { CaseFacts, CaseSignal } from '../workflows/definitions';

/**
 * What the case workflow learns from an event: only non-personal facts, because Temporal keeps
 * histories and search attributes unencrypted. Events the workflow does not follow give null.
 */
export function toCaseSignal(event: CloudEvent): CaseSignal | null {
  const facts = factsOf(event);
  if (!facts) return null;
  return { eventId: event.id, type: event.type, time: event.time, facts };
}

function factsOf(event: CloudEvent): CaseFacts | null {
  switch (event.type) {
    case 'case.received.v1': {
      const d = event.data as CaseReceivedData;
      return { categoryCode: d.categoryCode, urgency: d.urgency, channel: d.channel, townshipCode: d.location.townshipCode, receivedAt: d.receivedAt };
    }
    case 'case.dispatched.v1': {
      const d = event.data as CaseDispatchedData;
      return { categoryCode: d.categoryCode, urgency: d.urgency, townshipCode: d.townshipCode, responsibleUnitCode: d.primaryUnitCode };
    }
    default:
      return null;
  }
}
