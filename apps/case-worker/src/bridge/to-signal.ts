import type { CaseDispatchedData, CaseReceivedData, CloudEvent } from '@county/contracts';
import type { CaseSignal, CaseSignalFacts, SignalDetails } from '../workflows/definitions';

/**
 * What the case workflow learns from an event: only non-personal facts (codes, instants, counts),
 * because Temporal keeps histories and search attributes unencrypted. Reasons, notes, results and
 * evidence never go in. Events the workflow does not follow give null.
 */
export function toCaseSignal(event: CloudEvent): CaseSignal | null {
  const read = READERS[event.type];
  if (!read) return null;
  const { facts = {}, about } = read(event.data as Record<string, unknown>);
  return { eventId: event.id, correlationId: event.correlationid, type: event.type, time: event.time, facts, ...(about ? { about: definedOnly(about) } : {}) };
}

/** The lifecycle events the case workflow follows (the agreed event catalogue). */
export const FOLLOWED_EVENT_TYPES = (): string[] => Object.keys(READERS);

type Reader = (data: Record<string, unknown>) => { facts?: CaseSignalFacts; about?: SignalDetails };

const unitOnly: Reader = (d) => ({ about: { unitCode: text(d.unitCode) } });

const READERS: Record<string, Reader> = {
  'case.received.v1': (data) => {
    const d = data as unknown as CaseReceivedData;
    return {
      facts: { categoryCode: d.categoryCode, urgency: d.urgency, channel: d.channel, townshipCode: d.location?.townshipCode },
      about: { at: d.receivedAt },
    };
  },
  // no item of the responsibility list covers the case: the workflow says it is in triage (the reason is free text and stays out)
  'case.sent-to-triage.v1': (d) => ({
    facts: { categoryCode: text(d.categoryCode), urgency: text(d.urgency), townshipCode: text(d.townshipCode) },
    about: { at: text(d.sentAt) },
  }),
  'case.dispatched.v1': (data) => {
    const d = data as unknown as CaseDispatchedData;
    return {
      facts: { categoryCode: d.categoryCode, urgency: d.urgency, townshipCode: d.townshipCode, responsibleUnitCode: d.primaryUnitCode },
      // a redispatch needs no flag: the workflow knows from its running handling clock that the case moves to a new unit
      about: { unitCode: d.primaryUnitCode, at: d.dispatchedAt },
    };
  },
  'case.signed-for.v1': (d) => ({ about: { unitCode: text(d.unitCode), at: text(d.signedAt) } }),
  'case.first-contact-recorded.v1': (d) => ({ about: { unitCode: text(d.unitCode), at: text(d.contactedAt) } }),
  'case.transfer-requested.v1': unitOnly,
  'case.transfer-approved.v1': (d) => ({ about: { unitCode: text(d.fromUnitCode) } }),
  'case.transfer-rejected.v1': unitOnly,
  'case.result-submitted.v1': unitOnly,
  'case.result-approved.v1': (d) => ({ about: { unitCode: text(d.unitCode), at: text(d.reviewedAt) } }),
  'case.result-sent-back.v1': unitOnly,
  'case.extension-approved.v1': (d) => ({ about: { unitCode: text(d.unitCode), extraWorkingDays: typeof d.extraWorkingDays === 'number' ? d.extraWorkingDays : undefined } }),
  'case.clock-paused.v1': (d) => ({ about: { unitCode: text(d.unitCode), at: text(d.pausedAt) } }),
  'case.clock-resumed.v1': (d) => ({ about: { unitCode: text(d.unitCode), at: text(d.resumedAt) } }),
  // the return visit's outcome reaches the workflow as case.reopened.v1 or case.closed.v1
  'case.return-visit-recorded.v1': () => ({}),
  'case.return-visit-unreachable.v1': () => ({}),
  'case.reopened.v1': (d) => ({ facts: { responsibleUnitCode: text(d.unitCode) }, about: { unitCode: text(d.unitCode) } }),
  'case.closed.v1': () => ({}),
  'whistle.blown.v1': (d) => ({
    about: {
      whistleId: text(d.whistleId),
      unitCode: text(d.callerUnitCode),
      calledDepartmentCodes: Array.isArray(d.calledDepartmentCodes) ? d.calledDepartmentCodes.filter((c): c is string => typeof c === 'string') : [],
      urgency: text(d.urgency),
    },
  }),
  'whistle.answered.v1': (d) => ({ about: { whistleId: text(d.whistleId), departmentCode: text(d.departmentCode) } }),
  'whistle.reported-on-site.v1': (d) => ({ about: { whistleId: text(d.whistleId), departmentCode: text(d.departmentCode), at: text(d.reportedAt) } }),
};

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
