/**
 * The case workflow's search attributes (what the ops staff filter on in Temporal) as a pure
 * function of its state, used by the workflow when it upserts them and by the Kafka bridge when a
 * case's first event starts its workflow with them (so that the workflow's first task need not
 * write them again).
 */
import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import { SA } from './definitions';
import { clockAttributes, initialCaseState, receive, type CaseState } from './case-transitions';
import type { CaseSignal, CaseSignalFacts, CaseStatus } from './definitions';

/** The case's status and facts as search attributes. */
export function factAttributes(status: CaseStatus, facts: CaseSignalFacts): SearchAttributeUpdatePair[] {
  const pairs: SearchAttributeUpdatePair[] = [{ key: SA.status, value: status }];
  if (facts.categoryCode) pairs.push({ key: SA.category, value: facts.categoryCode });
  if (facts.urgency) pairs.push({ key: SA.urgency, value: facts.urgency });
  if (facts.channel) pairs.push({ key: SA.channel, value: facts.channel });
  if (facts.townshipCode) pairs.push({ key: SA.township, value: facts.townshipCode });
  if (facts.responsibleUnitCode) pairs.push({ key: SA.responsibleUnit, value: facts.responsibleUnitCode });
  return pairs;
}

/** Every search attribute of the case: its status and facts, its next deadline, overdue and worst light. */
export function caseSearchAttributes(state: CaseState): SearchAttributeUpdatePair[] {
  const pairs = factAttributes(state.status, state.facts);
  const clocks = clockAttributes(state);
  pairs.push({ key: SA.nextDeadline, value: clocks.nextDeadline });
  pairs.push({ key: SA.overdue, value: clocks.overdue });
  pairs.push({ key: SA.warningLevel, value: clocks.warningLevel });
  return pairs;
}

/** The attributes a case's workflow starts with when this signal starts it: what taking the signal alone gives (clocks are planned later, in the workflow). */
export function startAttributes(caseId: string, workflowId: string, signal: CaseSignal): SearchAttributePair[] {
  const { state } = receive(initialCaseState(caseId, workflowId), signal, true);
  return caseSearchAttributes(state).filter((p): p is SearchAttributePair => p.value !== null && p.value !== undefined);
}

/** The same attributes give the same text whatever their order; an attribute without a value is one that is not set. */
export function fingerprintOf(pairs: readonly { readonly key: { readonly name: string }; readonly value: unknown }[]): string {
  return JSON.stringify(
    pairs
      .filter((p) => p.value !== null && p.value !== undefined && !(Array.isArray(p.value) && p.value.length === 0))
      .map((p) => [p.key.name, p.value instanceof Date ? p.value.toISOString() : p.value])
      .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
  );
}
