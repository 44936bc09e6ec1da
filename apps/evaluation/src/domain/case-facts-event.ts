import type { CaseFactsData, CloseOutcome } from '@county/contracts';
import { workingTimeBetween, type WorkingCalendar } from '@county/reference';
import { categoryAndPlace, type CaseFacts } from './case-facts';

/**
 * The case.facts.v1 payload of a closed case: everything an analyst needs, no personal data.
 * Step times are in working hours on the county's calendar (workingTimeBetween), rounded to
 * the minute (2 decimals of an hour would lose minutes).
 */
export function caseFactsData(facts: CaseFacts, closed: { outcome: CloseOutcome; closedAt: string }, calendar: WorkingCalendar): CaseFactsData {
  const hours = (from: string | null | undefined, to: string | null | undefined): number | null =>
    from && to ? Math.round(workingTimeBetween(new Date(from), new Date(to), calendar, 'working-minutes')) / 60 : null;
  const r = facts.received[0];
  const firstDispatch = facts.dispatches[0];
  const firstSigned = facts.signedFor[0];
  const firstContact = facts.firstContacts[0];
  const firstSubmitted = facts.resultsSubmitted[0];
  const lastApproval = facts.resultsApproved[facts.resultsApproved.length - 1];
  const place = categoryAndPlace(facts);
  const lastVisit = facts.visits[facts.visits.length - 1];
  const unique = (xs: readonly string[]) => [...new Set(xs)];
  return {
    caseId: facts.caseId,
    outcome: closed.outcome,
    closedAt: closed.closedAt,
    channel: r?.channel ?? null,
    appealType: r?.appealType ?? null,
    categoryCode: place.categoryCode,
    urgency: r?.urgency ?? firstDispatch?.urgency ?? null,
    place: { townshipCode: place.townshipCode, communityCode: place.communityCode, gridCode: place.gridCode },
    times: {
      receivedAt: r?.at ?? null,
      firstDispatchedAt: firstDispatch?.at ?? null,
      firstSignedForAt: firstSigned?.at ?? null,
      firstContactAt: firstContact?.at ?? null,
      firstResultSubmittedAt: firstSubmitted?.at ?? null,
      lastResultApprovedAt: lastApproval?.at ?? null,
    },
    workingHours: {
      receivedToDispatched: hours(r?.at, firstDispatch?.at),
      dispatchedToSignedFor: hours(firstDispatch?.at, firstSigned?.at),
      dispatchedToFirstContact: hours(firstDispatch?.at, firstContact?.at),
      dispatchedToResultSubmitted: hours(firstDispatch?.at, firstSubmitted?.at),
      dispatchedToResultApproved: hours(firstDispatch?.at, lastApproval?.at),
      resultApprovedToClosed: hours(lastApproval?.at, closed.closedAt),
      receivedToClosed: hours(r?.at, closed.closedAt),
    },
    units: {
      leadUnitCodes: unique(facts.dispatches.map((d) => d.unitCode)),
      cooperatingUnitCodes: unique(facts.dispatches.flatMap((d) => d.cooperatingUnitCodes)),
      finalUnitCode: lastApproval?.unitCode ?? null,
    },
    transfers: { requested: facts.transferRequests.length, approved: facts.transfersApproved.length, rejected: facts.transfersRejected.length },
    whistles: facts.whistlesBlown.map((w) => ({
      whistleId: w.whistleId,
      calledDepartmentCodes: [...w.departmentCodes],
      answeredDepartmentCodes: unique(facts.whistleAnswers.filter((a) => a.whistleId === w.whistleId).map((a) => a.departmentCode)),
      overdueDepartmentCodes: unique(facts.whistleAnswersOverdue.filter((a) => a.whistleId === w.whistleId).map((a) => a.departmentCode)),
      ratings: facts.whistleRatings.filter((x) => x.whistleId === w.whistleId).map((x) => ({ departmentCode: x.departmentCode, rating: x.rating })),
    })),
    overdue: facts.overdue.map((o) => ({ clock: o.clock, unitCode: o.unitCode })),
    extensionsApproved: facts.extensionsApproved.length,
    resultsSentBack: facts.resultsSentBack.length,
    repeatAppeals: facts.repeatAppeals.length,
    redoCount: facts.reopens.length,
    returnVisit: lastVisit ? { resolved: lastVisit.resolved, satisfaction: lastVisit.satisfaction, attempts: lastVisit.attempt } : null,
  };
}
