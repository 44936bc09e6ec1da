/**
 * CaseWorkflow: one per case (workflow id case-<caseId>). It follows the case's lifecycle
 * through signals and keeps the Web UI's search attributes current. Deterministic: it imports
 * only @temporalio/workflow, @temporalio/common and pure code.
 */
import { condition, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SA, caseEventSignal, caseViewQuery, type CaseFacts, type CaseSignal, type CaseStatus, type CaseView, type CaseWorkflowInput } from './definitions';

const STATUS_AFTER: Record<string, CaseStatus | undefined> = {
  'case.received.v1': 'received',
  'case.dispatched.v1': 'dispatched',
  'case.closed.v1': 'closed',
};

const RANK: Record<CaseStatus, number> = { received: 0, dispatched: 1, closed: 2 };

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  let status: CaseStatus = 'received';
  let facts: CaseFacts = {};
  const seen = new Set<string>();

  const describe = () =>
    setCurrentDetails(
      status === 'closed'
        ? 'Closed.'
        : status === 'dispatched'
          ? `Dispatched to ${facts.responsibleUnitCode ?? 'a unit'}; waiting for the unit to sign for it.`
          : 'Received; waiting for the centre to dispatch it.',
    );

  const apply = (signal: CaseSignal) => {
    if (seen.has(signal.eventId)) return; // a redelivered event changes nothing
    seen.add(signal.eventId);
    facts = { ...facts, ...definedOnly(signal.facts) };
    const next = STATUS_AFTER[signal.type];
    // events of different producers may arrive out of order: the status never goes back
    if (next && RANK[next] > RANK[status]) status = next;
    upsertSearchAttributes(searchAttributes(status, facts));
    describe();
  };

  setHandler(caseEventSignal, apply);
  setHandler(caseViewQuery, () => ({ caseId: input.caseId, status, facts, eventsSeen: seen.size }));
  upsertSearchAttributes(searchAttributes(status, facts));
  describe();

  await condition(() => status === 'closed');
  return { caseId: input.caseId, status, facts, eventsSeen: seen.size };
}

function definedOnly(facts: CaseFacts): CaseFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as CaseFacts;
}

function searchAttributes(status: CaseStatus, facts: CaseFacts): SearchAttributeUpdatePair[] {
  const pairs: SearchAttributeUpdatePair[] = [{ key: SA.status, value: status }];
  if (facts.categoryCode) pairs.push({ key: SA.category, value: facts.categoryCode });
  if (facts.urgency) pairs.push({ key: SA.urgency, value: facts.urgency });
  if (facts.channel) pairs.push({ key: SA.channel, value: facts.channel });
  if (facts.townshipCode) pairs.push({ key: SA.township, value: facts.townshipCode });
  if (facts.responsibleUnitCode) pairs.push({ key: SA.responsibleUnit, value: facts.responsibleUnitCode });
  return pairs;
}
