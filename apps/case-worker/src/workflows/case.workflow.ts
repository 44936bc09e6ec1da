/**
 * CaseWorkflow: one per case (workflow id case-<caseId>). A small state machine driven by the
 * case's lifecycle events (signals from the Kafka bridge) and by time: it runs the case's clocks
 * (sign-for, first contact, handling, transfer window, review, return visit), warns at 50 % and
 * 75 %, marks the case overdue at 100 %, reminds the next working day and hands the case to the
 * level above 5 working days later. A whistle gets a child workflow with its answer deadline.
 *
 * What follows from a signal or a point in time is decided by the pure functions of
 * case-transitions.ts; this file is the loop around them. What it decides leaves as events through
 * an activity and case-worker's event store + outbox. Deterministic: it imports only
 * @temporalio/workflow, @temporalio/common, pure code and types; every instant it acts on was
 * planned by a local activity (recorded in the history) or is workflow time.
 */
import {
  CancellationScope,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { CaseActivities, EmitRequest } from '../activities';
import type { ClockPlan } from '@county/rules';
import {
  CLOCKS_PATCH,
  CLOCK_RUNS_PATCH,
  ECONOMY_PATCH,
  STEP_IN_ONE_TASK_PATCH,
  WHISTLE_WORKFLOW_TYPE,
  caseEventSignal,
  caseViewQuery,
  clocksQuery,
  whistleAnswerSignal,
  whistleWorkflowId,
  type CaseSignal,
  type CaseSignalFacts,
  type CaseView,
  type CaseWorkflowInput,
  type WhistleView,
  type WhistleWorkflowInput,
} from './definitions';
import { clockView, definedOnly, describe, earliest, fire, initialCaseState, receive, settle, type CaseState, type Emitted, type Planned, type Planning } from './case-transitions';
import { caseSearchAttributes, factAttributes, fingerprintOf } from './search-attributes';

const { emitCaseEvents } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { planClock } = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '10 seconds' });
// STEP_IN_ONE_TASK_PATCH: every clock of a step planned at once, and the events announced in the workflow task
const { planClocks, emitCaseEvents: emitCaseEventsInTask, emitCaseEventsInOrder } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The loop around case-transitions.ts: it takes one lifecycle signal or one point in time at a
 * time, plans the clocks a transition asks for, starts whistles, announces events and shows the
 * case to the ops staff. What follows from what is decided there.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  // one marker for a new case (ECONOMY_PATCH stands for the patches before it); cases started
  // before the clocks existed keep following the status-only path
  const economy = patched(ECONOMY_PATCH);
  if (!economy && !patched(CLOCKS_PATCH)) return statusOnlyCaseWorkflow(input);
  const stepInOneTask = economy || patched(STEP_IN_ONE_TASK_PATCH);
  const ownRunIds = (): boolean => economy || patched(CLOCK_RUNS_PATCH);

  const { caseId } = input;
  const workflowId = workflowInfo().workflowId;
  let state: CaseState = initialCaseState(caseId, workflowId);
  const seen = new Set<string>();
  const queue: CaseSignal[] = [];
  const whistles = new Map<string, { handle: ChildWorkflowHandle<(input: WhistleWorkflowInput) => Promise<unknown>>; view: WhistleView }>();
  let publishedAttributes = economy ? fingerprintOf(workflowInfo().typedSearchAttributes.getAll()) : '';

  const view = (): CaseView => ({ caseId, status: state.status, facts: state.facts, eventsSeen: seen.size });

  setHandler(caseEventSignal, (signal) => {
    if (seen.has(signal.eventId)) return; // a redelivered event changes nothing
    seen.add(signal.eventId);
    queue.push(signal);
  });
  setHandler(caseViewQuery, view);
  setHandler(clocksQuery, () => ({
    caseId,
    status: state.status,
    clocks: [...state.clocks.values()].map(clockView),
    whistles: [...whistles.values()].map((w) => w.view),
  }));

  // ECONOMY_PATCH: what a workflow task decides waits here and leaves in one local activity (flush)
  const decided: EmitRequest[] = [];

  const emit = async (events: Emitted[], causationId: string, correlationId: string | undefined): Promise<void> => {
    if (events.length === 0) return;
    const request: EmitRequest = { caseId, streamId: workflowId, time: new Date(Date.now()).toISOString(), causationId, ...(correlationId ? { correlationId } : {}), events };
    if (economy) decided.push(request);
    else await (stepInOneTask ? emitCaseEventsInTask(request) : emitCaseEvents(request));
  };

  /** Announces what was decided since the last flush, in its order (ECONOMY_PATCH). */
  const flush = async (): Promise<void> => {
    if (decided.length === 0) return;
    await emitCaseEventsInOrder(decided.splice(0));
  };

  /** Plans what a transition asked for, in its order, in local activities (recorded in the history). */
  const plan = async (p: Planning): Promise<Planned> => {
    if (p.kind === 'move') return { plans: [await planClock(p.request)] };
    if (!stepInOneTask || !p.together) {
      // one clock at a time; a clock started again gets ids of its own (CLOCK_RUNS_PATCH)
      const plans: ClockPlan[] = [];
      const ownIds: boolean[] = [];
      for (const [i, request] of p.requests.entries()) {
        ownIds.push(p.runs[i]! > 1 && ownRunIds());
        plans.push(await planClock(request));
      }
      return { plans, ownIds };
    }
    // all at once (histories of this path recorded before CLOCK_RUNS_PATCH keep the old ids)
    const own = p.runs.some((run) => run > 1) && ownRunIds();
    const plans = await planClocks(p.requests);
    return { plans, ownIds: p.runs.map((run) => own && run > 1) };
  };

  const apply = async (signal: CaseSignal): Promise<void> => {
    const received = receive(state, signal, stepInOneTask);
    state = received.state;
    const planned: Planned[] = [];
    for (const p of received.planning) planned.push(await plan(p));
    const settled = settle(state, signal, received.planning, planned, Date.now());
    state = settled.state;
    // what was decided before a whistle is announced before the whistle's child acts
    if (received.whistle) await flush();
    if (received.whistle?.kind === 'blow') await blow(received.whistle.signal);
    if (received.whistle?.kind === 'forward-answer') await forwardAnswer(received.whistle.signal);
    if (!economy) publish();
    await emit(settled.events, signal.eventId, signal.correlationId);
  };

  const blow = async (signal: CaseSignal): Promise<void> => {
    const about = signal.about ?? {};
    const whistleId = about.whistleId;
    if (!whistleId || whistles.has(whistleId)) return;
    const calledDepartmentCodes = [...(about.calledDepartmentCodes ?? [])];
    const workflowIdOfWhistle = whistleWorkflowId(whistleId);
    const { facts } = state;
    const args: WhistleWorkflowInput = {
      caseId,
      whistleId,
      blownEventId: signal.eventId,
      ...(signal.correlationId ? { correlationId: signal.correlationId } : {}),
      calledDepartmentCodes,
      blownAt: about.at ?? signal.time,
      ...(about.urgency ? { urgency: about.urgency } : {}),
      ...(facts.categoryCode ? { categoryCode: facts.categoryCode } : {}),
      ...(facts.townshipCode ? { townshipCode: facts.townshipCode } : {}),
    };
    try {
      const handle = await startChild(WHISTLE_WORKFLOW_TYPE, { workflowId: workflowIdOfWhistle, args: [args], staticSummary: `Whistle ${whistleId} of case ${caseId}` });
      whistles.set(whistleId, { handle, view: { whistleId, workflowId: workflowIdOfWhistle, calledDepartmentCodes } });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };

  const forwardAnswer = async (signal: CaseSignal): Promise<void> => {
    const about = signal.about ?? {};
    const whistle = about.whistleId ? whistles.get(about.whistleId) : undefined;
    if (!whistle || !about.departmentCode) return;
    try {
      await whistle.handle.signal(whistleAnswerSignal, { eventId: signal.eventId, departmentCode: about.departmentCode, at: about.at ?? signal.time });
    } catch {
      // the whistle's workflow has finished: every department had answered already
    }
  };

  // ---- what the ops staff see ------------------------------------------------------------------

  const publish = () => {
    const pairs = caseSearchAttributes(state);
    // ECONOMY_PATCH: compared with what the workflow has (the bridge may have started it with them)
    const fingerprint = economy ? fingerprintOf(pairs) : JSON.stringify(pairs);
    if (fingerprint !== publishedAttributes) {
      upsertSearchAttributes(pairs);
      publishedAttributes = fingerprint;
    }
    setCurrentDetails(describe(state, [...whistles.keys()]));
  };

  // ---- waiting for the next step (ECONOMY_PATCH: its timer kept while its instant stays) -----------

  let timer: { at: number; scope: CancellationScope; fired: boolean } | undefined;

  const waitFor = async (at: number | undefined): Promise<void> => {
    if (timer && (timer.at !== at || timer.fired)) {
      if (!timer.fired) timer.scope.cancel();
      timer = undefined;
    }
    if (at === undefined) {
      await condition(() => queue.length > 0);
      return;
    }
    if (!timer) {
      const t = { at, scope: new CancellationScope(), fired: false };
      t.scope.run(() => sleep(Math.max(1, at - Date.now()))).then(
        () => (t.fired = true),
        () => undefined, // cancelled: the step moved
      );
      timer = t;
    }
    const waiting = timer;
    await condition(() => queue.length > 0 || waiting.fired);
  };

  // ---- the loop: one lifecycle event or one point in time at a time ------------------------------

  if (!economy) publish();
  for (;;) {
    const signal = queue.shift();
    if (signal) {
      await apply(signal);
      if (!economy) publish();
      continue;
    }
    if (state.status === 'closed') break;
    const next = earliest(state);
    if (next && Date.parse(next.step.at) <= Date.now()) {
      const fired = fire(state, next.clock, next.step);
      state = fired.state;
      await emit(fired.events, fired.cause.eventId, fired.cause.correlationId);
      if (!economy) publish();
      continue;
    }
    if (economy) {
      // the workflow task is done: announce, show, then wait (a signal that came meanwhile is taken at once)
      await flush();
      publish();
      await waitFor(next ? Date.parse(next.step.at) : undefined);
    } else if (next) await condition(() => queue.length > 0, Math.max(1, Date.parse(next.step.at) - Date.now()));
    else await condition(() => queue.length > 0);
  }
  await flush();
  publish();
  return view();
}

// ---- before CLOCKS_PATCH: the status-only workflow, kept as it was for the cases it started ------

type LegacyStatus = 'received' | 'dispatched' | 'closed';

const LEGACY_STATUS_AFTER: Record<string, LegacyStatus | undefined> = {
  'case.received.v1': 'received',
  'case.dispatched.v1': 'dispatched',
  'case.closed.v1': 'closed',
};

const LEGACY_RANK: Record<LegacyStatus, number> = { received: 0, dispatched: 1, closed: 2 };

async function statusOnlyCaseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  let status = 'received' as LegacyStatus;
  let facts: CaseSignalFacts = {};
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
    if (seen.has(signal.eventId)) return;
    seen.add(signal.eventId);
    facts = { ...facts, ...definedOnly(signal.facts) };
    const next = LEGACY_STATUS_AFTER[signal.type];
    if (next && LEGACY_RANK[next] > LEGACY_RANK[status]) status = next;
    upsertSearchAttributes(factAttributes(status, facts));
    describe();
  };

  setHandler(caseEventSignal, apply);
  setHandler(caseViewQuery, () => ({ caseId: input.caseId, status, facts, eventsSeen: seen.size }));
  upsertSearchAttributes(factAttributes(status, facts));
  describe();

  await condition(() => status === 'closed');
  return { caseId: input.caseId, status, facts, eventsSeen: seen.size };
}
