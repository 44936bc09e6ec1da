/**
 * The facts evaluation keeps about one case, built event by event from every service's topic.
 *
 * Events of one case arrive from five topics in no guaranteed order, so the facts are lists of
 * what happened (each item with its own time and the id of the event that told it), kept
 * sorted by (time, event id) and deduplicated by event id. Every figure is derived from the
 * times, never from the order of arrival: replaying the same events in any order gives the
 * same facts, byte for byte.
 */

export interface FactEvent {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly data: unknown;
}

export interface Item {
  readonly eventId: string;
  readonly at: string;
}

export interface Received extends Item {
  readonly channel: string | null;
  readonly appealType: string | null;
  readonly categoryCode: string | null;
  readonly urgency: string | null;
  readonly townshipCode: string | null;
  readonly communityCode: string | null;
  readonly gridCode: string | null;
}

export interface Dispatch extends Item {
  readonly unitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  readonly categoryCode: string | null;
  readonly urgency: string | null;
  readonly townshipCode: string | null;
  readonly redispatch: boolean;
}

export interface UnitItem extends Item {
  readonly unitCode: string | null;
}

export interface ClockItem extends Item {
  readonly clock: string;
  readonly unitCode: string | null;
}

export interface WhistleBlown extends Item {
  readonly whistleId: string;
  readonly callerUnitCode: string | null;
  readonly departmentCodes: readonly string[];
}

export interface WhistleItem extends Item {
  readonly whistleId: string;
  readonly departmentCode: string;
}

export interface WhistleRating extends WhistleItem {
  readonly rating: number;
}

export interface Visit extends Item {
  readonly resolved: boolean;
  readonly satisfaction: 'satisfied' | 'basically-satisfied' | 'dissatisfied';
  readonly attempt: number;
}

export interface Outcome extends Item {
  readonly outcome: string;
}

export interface CaseFacts {
  readonly caseId: string;
  readonly received: readonly Received[];
  readonly dispatches: readonly Dispatch[];
  readonly signedFor: readonly UnitItem[];
  readonly firstContacts: readonly UnitItem[];
  readonly transferRequests: readonly UnitItem[];
  readonly transfersApproved: readonly UnitItem[];
  readonly transfersRejected: readonly UnitItem[];
  readonly resultsSubmitted: readonly UnitItem[];
  readonly resultsApproved: readonly UnitItem[];
  readonly resultsSentBack: readonly UnitItem[];
  readonly extensionsApproved: readonly UnitItem[];
  readonly overdue: readonly ClockItem[];
  readonly repeatAppeals: readonly Item[];
  readonly merges: readonly Item[];
  readonly mergesUndone: readonly Item[];
  readonly whistlesBlown: readonly WhistleBlown[];
  readonly whistleAnswers: readonly WhistleItem[];
  readonly whistleAnswersOverdue: readonly WhistleItem[];
  readonly whistleRatings: readonly WhistleRating[];
  readonly visits: readonly Visit[];
  readonly failedAttempts: readonly Item[];
  readonly reopens: readonly UnitItem[];
  readonly closes: readonly Outcome[];
}

export function emptyFacts(caseId: string): CaseFacts {
  return {
    caseId,
    received: [],
    dispatches: [],
    signedFor: [],
    firstContacts: [],
    transferRequests: [],
    transfersApproved: [],
    transfersRejected: [],
    resultsSubmitted: [],
    resultsApproved: [],
    resultsSentBack: [],
    extensionsApproved: [],
    overdue: [],
    repeatAppeals: [],
    merges: [],
    mergesUndone: [],
    whistlesBlown: [],
    whistleAnswers: [],
    whistleAnswersOverdue: [],
    whistleRatings: [],
    visits: [],
    failedAttempts: [],
    reopens: [],
    closes: [],
  };
}

type Data = Record<string, unknown>;
const text = (d: Data, k: string): string | null => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : null);
const iso = (value: string): string => new Date(value).toISOString();
const timeOf = (d: Data, k: string, fallback: string): string => iso(text(d, k) ?? fallback);
const strings = (d: Data, k: string): string[] => (Array.isArray(d[k]) ? (d[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);

function add<K extends keyof CaseFacts, T extends Item>(facts: CaseFacts, key: K, item: T): CaseFacts {
  const list = facts[key] as unknown as readonly T[];
  if (list.some((i) => i.eventId === item.eventId)) return facts;
  const next = [...list, item].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return { ...facts, [key]: next };
}

/** Folds one event (of any service) into the facts of its case; unknown types change nothing. */
export function evolveFacts(facts: CaseFacts, event: FactEvent): CaseFacts {
  const d = (event.data ?? {}) as Data;
  const base = { eventId: event.id, at: iso(event.time) };
  const unitItem = (key: keyof CaseFacts, unitField: string, timeField?: string): CaseFacts =>
    add(facts, key, { ...base, ...(timeField && { at: timeOf(d, timeField, event.time) }), unitCode: text(d, unitField) });
  switch (event.type) {
    case 'case.received.v1': {
      const loc = (d.location ?? {}) as Data;
      return add(facts, 'received', {
        ...base,
        at: timeOf(d, 'receivedAt', event.time),
        channel: text(d, 'channel'),
        appealType: text(d, 'appealType'),
        categoryCode: text(d, 'categoryCode'),
        urgency: text(d, 'urgency'),
        townshipCode: text(loc, 'townshipCode'),
        communityCode: text(loc, 'communityCode'),
        gridCode: text(loc, 'gridCode'),
      });
    }
    case 'case.repeat-appeal-recorded.v1':
      return add(facts, 'repeatAppeals', { ...base, at: timeOf(d, 'receivedAt', event.time) });
    case 'case.merged.v1':
      return add(facts, 'merges', base);
    case 'case.merge-undone.v1':
      return add(facts, 'mergesUndone', base);
    case 'case.dispatched.v1': {
      const unitCode = text(d, 'primaryUnitCode');
      if (!unitCode) return facts;
      return add(facts, 'dispatches', {
        ...base,
        at: timeOf(d, 'dispatchedAt', event.time),
        unitCode,
        cooperatingUnitCodes: strings(d, 'cooperatingUnitCodes'),
        categoryCode: text(d, 'categoryCode'),
        urgency: text(d, 'urgency'),
        townshipCode: text(d, 'townshipCode'),
        redispatch: d.redispatch === true,
      });
    }
    case 'case.signed-for.v1':
      return unitItem('signedFor', 'unitCode', 'signedAt');
    case 'case.first-contact-recorded.v1':
      return unitItem('firstContacts', 'unitCode', 'contactedAt');
    case 'case.transfer-requested.v1':
      return unitItem('transferRequests', 'unitCode');
    case 'case.transfer-approved.v1':
      return unitItem('transfersApproved', 'fromUnitCode');
    case 'case.transfer-rejected.v1':
      return unitItem('transfersRejected', 'unitCode');
    case 'case.result-submitted.v1':
      return unitItem('resultsSubmitted', 'unitCode');
    case 'case.result-approved.v1':
      return unitItem('resultsApproved', 'unitCode', 'reviewedAt');
    case 'case.result-sent-back.v1':
      return unitItem('resultsSentBack', 'unitCode');
    case 'case.extension-approved.v1':
      return unitItem('extensionsApproved', 'unitCode');
    case 'case.overdue.v1':
      return add(facts, 'overdue', { ...base, clock: text(d, 'clock') ?? 'unknown', unitCode: text(d, 'unitCode') });
    case 'whistle.blown.v1': {
      const whistleId = text(d, 'whistleId');
      if (!whistleId) return facts;
      return add(facts, 'whistlesBlown', { ...base, whistleId, callerUnitCode: text(d, 'callerUnitCode'), departmentCodes: strings(d, 'calledDepartmentCodes') });
    }
    case 'whistle.answered.v1':
    case 'whistle.answer-overdue.v1':
    case 'whistle.answer-rated.v1': {
      const whistleId = text(d, 'whistleId');
      const departmentCode = text(d, 'departmentCode');
      if (!whistleId || !departmentCode) return facts;
      if (event.type === 'whistle.answered.v1') return add(facts, 'whistleAnswers', { ...base, whistleId, departmentCode });
      if (event.type === 'whistle.answer-overdue.v1') return add(facts, 'whistleAnswersOverdue', { ...base, whistleId, departmentCode });
      const rating = typeof d.rating === 'number' ? d.rating : NaN;
      if (!(rating >= 1 && rating <= 5)) return facts;
      return add(facts, 'whistleRatings', { ...base, whistleId, departmentCode, rating });
    }
    case 'case.return-visit-recorded.v1': {
      const s = d.satisfaction;
      if (s !== 'satisfied' && s !== 'basically-satisfied' && s !== 'dissatisfied') return facts;
      return add(facts, 'visits', { ...base, at: timeOf(d, 'visitedAt', event.time), resolved: d.resolved === true, satisfaction: s, attempt: typeof d.attempt === 'number' ? d.attempt : 1 });
    }
    case 'case.return-visit-attempt-failed.v1':
      return add(facts, 'failedAttempts', { ...base, at: timeOf(d, 'attemptedAt', event.time) });
    case 'case.reopened.v1':
      return unitItem('reopens', 'unitCode');
    case 'case.closed.v1':
      return add(facts, 'closes', { ...base, at: timeOf(d, 'closedAt', event.time), outcome: text(d, 'outcome') ?? 'unknown' });
    default:
      return facts;
  }
}

/** True while a merge of this case into another is not undone: the case is not counted on its own. */
export function isMergedAway(facts: CaseFacts): boolean {
  return facts.merges.length > facts.mergesUndone.length;
}

/** The lead unit at an instant: the primary unit of the last dispatch at or before it (the first dispatch's unit before any). */
export function leadUnitAt(facts: CaseFacts, at: string): string | null {
  let unit: string | null = facts.dispatches[0]?.unitCode ?? null;
  for (const d of facts.dispatches) if (d.at <= at) unit = d.unitCode;
  return unit;
}

/** Where the case is in the loop, for the callback queue. */
export type Stage = 'open' | 'awaiting-return-visit' | 'closed';

export function stageOf(facts: CaseFacts): Stage {
  if (facts.closes.length > 0) return 'closed';
  return facts.resultsApproved.length > facts.reopens.length ? 'awaiting-return-visit' : 'open';
}

/** The category and place of a case for hot issues: intake's received event, else dispatch's. */
export function categoryAndPlace(facts: CaseFacts): { categoryCode: string | null; townshipCode: string | null; communityCode: string | null; gridCode: string | null; at: string | null } {
  const r = facts.received[0];
  const d = facts.dispatches[0];
  return {
    categoryCode: r?.categoryCode ?? d?.categoryCode ?? null,
    townshipCode: r?.townshipCode ?? d?.townshipCode ?? null,
    communityCode: r?.communityCode ?? null,
    gridCode: r?.gridCode ?? null,
    at: r?.at ?? null,
  };
}
