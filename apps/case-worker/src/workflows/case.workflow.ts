/**
 * CaseWorkflow: one per case (workflow id case-<caseId>). A small state machine driven by the
 * case's lifecycle events (signals from the Kafka bridge) and by time: it runs the case's clocks
 * (sign-for, first contact, handling, transfer window, review, return visit), warns at 50 % and
 * 75 %, marks the case overdue at 100 %, reminds the next working day and hands the case to the
 * level above 5 working days later. A whistle gets a child workflow with its answer deadline.
 *
 * What it decides leaves as events through an activity and case-worker's event store + outbox.
 * Deterministic: it imports only @temporalio/workflow, @temporalio/common and types; every instant
 * it acts on was planned by a local activity (recorded in the history) or is workflow time.
 */
import {
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { CaseActivities, EmitRequest } from '../activities';
import type { ClockPlan, PlanPoint, Stage } from '@county/rules';
import {
  CLOCKS_PATCH,
  CLOCK_RUNS_PATCH,
  SA,
  STEP_IN_ONE_TASK_PATCH,
  WHISTLE_WORKFLOW_TYPE,
  caseEventSignal,
  caseViewQuery,
  clocksQuery,
  whistleAnswerSignal,
  whistleWorkflowId,
  type CaseFacts,
  type CaseSignal,
  type CaseStatus,
  type CaseView,
  type CaseWorkflowInput,
  type ClockName,
  type ClockView,
  type WarningLight,
  type WhistleView,
  type WhistleWorkflowInput,
} from './definitions';
import { formatLocal } from './words';

const { emitCaseEvents } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { planClock } = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '10 seconds' });
// STEP_IN_ONE_TASK_PATCH: every clock of a step planned at once, and the events announced in the workflow task
const { planClocks, emitCaseEvents: emitCaseEventsInTask } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

type Emitted = EmitRequest['events'][number];

/** The lifecycle event a step follows from (its causation) and that event's correlation id. */
interface Cause {
  readonly eventId: string;
  readonly correlationId?: string;
}

/** A clock of the case. `fired` lists the steps taken, so that nothing is announced twice. */
interface Clock {
  plan: ClockPlan;
  state: ClockView['state'];
  fired: Stage[];
  pausedAt?: string;
  /** The lifecycle event that started or last moved the clock, and its correlation id. */
  causationId: string;
  correlationId?: string;
  /**
   * Which run of this clock it is (1 for its first start, 2 when it starts again after a reopen
   * or for a new unit, ...), when the run is part of its event ids (CLOCK_RUNS_PATCH); undefined
   * for a first run and for clocks started before the patch, whose ids stay as they were.
   */
  run?: number;
}

/** The transfer window has no warnings: it only closes. */
type Step = PlanPoint | { readonly stage: 'window-closed'; readonly at: string };

const WAITING_FOR: Record<ClockName, string> = {
  'sign-for': 'to sign for the case',
  'first-contact': 'to contact the resident',
  handling: 'to report a result',
  'transfer-window': 'may ask to return the case',
  review: 'the centre to review the result',
  'return-visit': 'the centre to call the resident back',
};

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  // cases started before the clocks existed keep following the status-only path
  if (!patched(CLOCKS_PATCH)) return statusOnlyCaseWorkflow(input);
  const stepInOneTask = patched(STEP_IN_ONE_TASK_PATCH);

  const { caseId } = input;
  const workflowId = workflowInfo().workflowId;
  let status = 'received' as CaseStatus;
  let facts: CaseFacts = {};
  let signedFor = false;
  const seen = new Set<string>();
  const queue: CaseSignal[] = [];
  const clocks = new Map<ClockName, Clock>();
  /** How many times each clock was started. */
  const starts = new Map<ClockName, number>();
  const whistles = new Map<string, { handle: ChildWorkflowHandle<(input: WhistleWorkflowInput) => Promise<unknown>>; view: WhistleView }>();
  let publishedAttributes = '';
  let utcOffsetMinutes = 480;

  const view = (): CaseView => ({ caseId, status, facts, eventsSeen: seen.size });

  setHandler(caseEventSignal, (signal) => {
    if (seen.has(signal.eventId)) return; // a redelivered event changes nothing
    seen.add(signal.eventId);
    queue.push(signal);
  });
  setHandler(caseViewQuery, view);
  setHandler(clocksQuery, () => ({
    caseId,
    status,
    clocks: [...clocks.values()].map(clockView),
    whistles: [...whistles.values()].map((w) => w.view),
  }));

  // ---- what time does -------------------------------------------------------------------------

  const stepsOf = (c: Clock): Step[] => (c.plan.points.length ? [...c.plan.points] : [{ stage: 'window-closed', at: c.plan.deadline }]);

  const nextStep = (c: Clock): Step | undefined =>
    c.state === 'running' ? stepsOf(c).find((p) => p.stage === 'window-closed' || !c.fired.includes(p.stage)) : undefined;

  const earliest = (): { clock: Clock; step: Step } | undefined => {
    let found: { clock: Clock; step: Step } | undefined;
    for (const c of clocks.values()) {
      const step = nextStep(c);
      if (step && (!found || Date.parse(step.at) < Date.parse(found.step.at))) found = { clock: c, step };
    }
    return found;
  };

  const lightOf = (c: Clock): WarningLight => {
    if (c.fired.includes('supervision')) return 'supervised';
    if (c.fired.includes('overdue')) return 'red';
    if (c.fired.includes('orange')) return 'orange';
    if (c.fired.includes('yellow')) return 'yellow';
    return 'none';
  };

  function clockView(c: Clock): ClockView {
    const next = nextStep(c);
    return {
      clock: c.plan.clock,
      ...(c.plan.unitCode ? { unitCode: c.plan.unitCode } : {}),
      startedAt: c.plan.startedAt,
      deadline: c.plan.deadline,
      state: c.state,
      light: lightOf(c),
      overdue: c.fired.includes('overdue'),
      ...(next ? { next: { stage: next.stage, at: next.at } } : {}),
      fired: [...c.fired],
    };
  }

  const fire = async (c: Clock, step: Step): Promise<void> => {
    if (step.stage === 'window-closed') {
      c.state = 'expired';
      return;
    }
    c.fired.push(step.stage);
    const { clock, unitCode, deadline } = c.plan;
    const unit = unitCode ? { unitCode } : {};
    const key = `${keyOf(c)}/${step.stage}/${deadline}`;
    let event: Emitted;
    switch (step.stage) {
      case 'yellow':
      case 'orange':
        event = {
          key,
          type: 'case.warning-issued.v1',
          data: { caseId, clock, level: step.stage, fraction: step.fraction ?? (step.stage === 'yellow' ? 0.5 : 0.75), notify: [...(step.notify ?? ['handler'])], deadline, ...unit },
        };
        break;
      case 'overdue':
        event = { key, type: 'case.overdue.v1', data: { caseId, clock, deadline, ...unit } };
        break;
      case 'reminder':
        event = { key, type: 'case.reminder-issued.v1', data: { caseId, clock, ...unit } };
        break;
      case 'supervision':
        event = { key, type: 'case.supervision-started.v1', data: { caseId, clock, supervisingUnitCode: c.plan.supervisingUnitCode, ...unit } };
        break;
    }
    await emit([event], c.causationId, c.correlationId);
  };

  const emit = async (events: Emitted[], causationId: string, correlationId: string | undefined): Promise<void> => {
    if (events.length === 0) return;
    const request: EmitRequest = { caseId, streamId: workflowId, time: new Date(Date.now()).toISOString(), causationId, ...(correlationId ? { correlationId } : {}), events };
    await (stepInOneTask ? emitCaseEventsInTask(request) : emitCaseEvents(request));
  };

  /** What the ids of a clock's events are derived from: the workflow, the clock and, from its second run on, the run. */
  const keyOf = (c: Clock): string => `${workflowId}/${c.plan.clock}${c.run ? `/run-${c.run}` : ''}`;

  // ---- what the lifecycle events do ---------------------------------------------------------------

  const deadlineSet = (c: Clock): Emitted => ({
    key: `${keyOf(c)}/deadline-set/${c.plan.deadline}/${c.plan.unitCode ?? ''}`,
    type: 'case.deadline-set.v1',
    data: { caseId, clock: c.plan.clock, deadline: c.plan.deadline, ...(c.plan.unitCode ? { unitCode: c.plan.unitCode } : {}) },
  });

  /** Counts a start of the clock: its run (1 for the first). */
  const nextRun = (clock: ClockName): number => {
    const run = (starts.get(clock) ?? 0) + 1;
    starts.set(clock, run);
    return run;
  };

  const started = (plan: ClockPlan, cause: Cause, run: number | undefined): Emitted => {
    utcOffsetMinutes = plan.utcOffsetMinutes;
    const c: Clock = { plan, state: 'running', fired: [], causationId: cause.eventId, ...(cause.correlationId ? { correlationId: cause.correlationId } : {}), ...(run ? { run } : {}) };
    clocks.set(plan.clock, c);
    return deadlineSet(c);
  };

  const start = async (clock: ClockName, unitCode: string | undefined, from: string, cause: Cause): Promise<Emitted> => {
    const run = nextRun(clock);
    // a clock started again is a run of its own: its ids must differ from the earlier runs'
    const ownIds = run > 1 && patched(CLOCK_RUNS_PATCH);
    const plan = await planClock({ kind: 'start', clock, unitCode, from, categoryCode: facts.categoryCode, urgency: facts.urgency });
    return started(plan, cause, ownIds ? run : undefined);
  };

  /** Starts clocks of one step for the same unit from the same instant: one local activity plans them all (STEP_IN_ONE_TASK_PATCH). */
  const startAll = async (names: readonly ClockName[], unitCode: string | undefined, from: string, cause: Cause): Promise<Emitted[]> => {
    if (!stepInOneTask) {
      const out: Emitted[] = [];
      for (const clock of names) out.push(await start(clock, unitCode, from, cause));
      return out;
    }
    const runs = names.map(nextRun);
    // as in start: a clock started again gets ids of its own (histories of this path recorded before CLOCK_RUNS_PATCH keep the old ids)
    const ownIds = runs.some((run) => run > 1) && patched(CLOCK_RUNS_PATCH);
    const plans = await planClocks(names.map((clock) => ({ kind: 'start' as const, clock, unitCode, from, categoryCode: facts.categoryCode, urgency: facts.urgency })));
    return plans.map((plan, i) => started(plan, cause, ownIds && runs[i]! > 1 ? runs[i] : undefined));
  };

  /** The clock stops because what it waited for happened. */
  const meet = (clock: ClockName) => {
    const c = clocks.get(clock);
    if (c && (c.state === 'running' || c.state === 'paused')) c.state = 'met';
  };

  /** The clock stops because it no longer matters (the case moved on or closed). */
  const stop = (clock: ClockName) => {
    const c = clocks.get(clock);
    if (c && (c.state === 'running' || c.state === 'paused')) c.state = 'stopped';
  };

  const apply = async (signal: CaseSignal): Promise<void> => {
    facts = { ...facts, ...definedOnly(signal.facts) };
    const about = signal.about ?? {};
    const at = about.at ?? signal.time;
    const cause: Cause = { eventId: signal.eventId, ...(signal.correlationId ? { correlationId: signal.correlationId } : {}) };
    const out: Emitted[] = [];
    switch (signal.type) {
      case 'case.sent-to-triage.v1':
        if (status === 'received') status = 'in-triage';
        break;
      case 'case.dispatched.v1': {
        const unitCode = signal.facts.responsibleUnitCode;
        const handling = clocks.get('handling');
        if (handling && (handling.state === 'running' || handling.state === 'paused') && status !== 'reopened') {
          // a transfer or an override: the handling clock keeps running, now for the new unit
          handling.plan = await planClock({ kind: 'reassign', plan: handling.plan, unitCode });
          moved(handling, cause);
          out.push(deadlineSet(handling));
          signedFor = false;
          out.push(...(await startAll(clocks.get('first-contact')?.state !== 'met' ? ['sign-for', 'first-contact', 'transfer-window'] : ['sign-for', 'transfer-window'], unitCode, at, cause)));
        } else if (!handling) {
          out.push(...(await startAll(['sign-for', 'first-contact', 'handling', 'transfer-window'], unitCode, at, cause)));
        }
        status = 'dispatched';
        break;
      }
      case 'case.signed-for.v1':
        meet('sign-for');
        signedFor = true;
        if (status === 'dispatched' || status === 'reopened') status = 'signed-for';
        break;
      case 'case.first-contact-recorded.v1':
        meet('first-contact');
        break;
      case 'case.transfer-requested.v1':
        meet('transfer-window');
        status = 'transfer-requested';
        break;
      case 'case.transfer-rejected.v1':
        if (status === 'transfer-requested') status = signedFor ? 'signed-for' : 'dispatched';
        break;
      case 'case.result-submitted.v1':
        meet('handling');
        for (const clock of ['sign-for', 'first-contact', 'transfer-window'] as const) stop(clock);
        status = 'result-submitted';
        out.push(await start('review', undefined, at, cause));
        break;
      case 'case.result-sent-back.v1': {
        meet('review');
        // rework: the handling clock runs on towards the same deadline
        const handling = clocks.get('handling');
        if (handling && handling.state === 'met') handling.state = 'running';
        status = 'signed-for';
        break;
      }
      case 'case.result-approved.v1':
        meet('review');
        status = 'result-approved';
        out.push(await start('return-visit', undefined, at, cause));
        break;
      case 'case.extension-approved.v1': {
        const handling = clocks.get('handling');
        if (handling && about.extraWorkingDays && about.extraWorkingDays > 0) {
          handling.plan = await planClock({ kind: 'extend', plan: handling.plan, extraWorkingDays: about.extraWorkingDays, categoryCode: facts.categoryCode, urgency: facts.urgency });
          moved(handling, cause);
          // warnings given stay given; overdue, reminder and supervision count again from the new deadline
          if (Date.parse(handling.plan.deadline) > Date.now()) handling.fired = handling.fired.filter((s) => s === 'yellow' || s === 'orange');
          if (handling.state === 'met' || handling.state === 'stopped') break;
          out.push(deadlineSet(handling));
        }
        break;
      }
      case 'case.clock-paused.v1': {
        const handling = clocks.get('handling');
        if (handling?.state === 'running') {
          handling.state = 'paused';
          handling.pausedAt = at;
        }
        break;
      }
      case 'case.clock-resumed.v1': {
        const handling = clocks.get('handling');
        if (handling?.state === 'paused' && handling.pausedAt) {
          handling.plan = await planClock({ kind: 'resume', plan: handling.plan, pausedAt: handling.pausedAt, resumedAt: at });
          handling.state = 'running';
          handling.pausedAt = undefined;
          moved(handling, cause);
          out.push(deadlineSet(handling));
        }
        break;
      }
      case 'case.return-visit-recorded.v1':
      case 'case.return-visit-unreachable.v1':
        meet('return-visit');
        break;
      case 'case.reopened.v1': {
        // handled again (重办): a new sign-for and handling clock for the unit
        const unitCode = about.unitCode ?? facts.responsibleUnitCode;
        for (const clock of clocks.keys()) stop(clock);
        status = 'reopened';
        signedFor = false;
        if (unitCode) facts = { ...facts, responsibleUnitCode: unitCode };
        out.push(...(await startAll(['sign-for', 'handling'], unitCode, at, cause)));
        break;
      }
      case 'case.closed.v1':
        for (const clock of clocks.keys()) stop(clock);
        status = 'closed';
        break;
      case 'whistle.blown.v1':
        await blow(signal);
        break;
      case 'whistle.answered.v1':
      case 'whistle.reported-on-site.v1':
        await forwardAnswer(signal);
        break;
      default:
        break;
    }
    publish();
    await emit(out, cause.eventId, cause.correlationId);
  };

  /** The clock moved (a transfer, an extension, a resume): what it announces next follows from this event. */
  function moved(c: Clock, cause: Cause): void {
    c.causationId = cause.eventId;
    c.correlationId = cause.correlationId;
  }

  const blow = async (signal: CaseSignal): Promise<void> => {
    const about = signal.about ?? {};
    const whistleId = about.whistleId;
    if (!whistleId || whistles.has(whistleId)) return;
    const calledDepartmentCodes = [...(about.calledDepartmentCodes ?? [])];
    const workflowIdOfWhistle = whistleWorkflowId(whistleId);
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
    const running = [...clocks.values()].filter((c) => c.state === 'running' || c.state === 'paused');
    const pairs = searchAttributes(status, facts);
    const deadlines = running.filter((c) => c.state === 'running' && c.plan.clock !== 'transfer-window').map((c) => Date.parse(c.plan.deadline));
    pairs.push({ key: SA.nextDeadline, value: deadlines.length ? new Date(Math.min(...deadlines)) : null });
    pairs.push({ key: SA.overdue, value: running.some((c) => c.fired.includes('overdue')) });
    pairs.push({ key: SA.warningLevel, value: worst(running.map(lightOf)) });
    const fingerprint = JSON.stringify(pairs);
    if (fingerprint !== publishedAttributes) {
      upsertSearchAttributes(pairs);
      publishedAttributes = fingerprint;
    }
    setCurrentDetails(describe(running));
  };

  const describe = (running: Clock[]): string => {
    if (status === 'closed') return 'Closed.';
    if (status === 'received') return 'Received; waiting for the centre to dispatch it.';
    if (status === 'in-triage') return 'In triage at the centre; waiting for a dispatcher to route it.';
    const lines = [`Status: ${status}${facts.responsibleUnitCode ? `, responsible unit ${facts.responsibleUnitCode}` : ''}.`];
    for (const c of running) {
      const who = c.plan.unitCode ?? 'the centre';
      const light = lightOf(c);
      const mark = light === 'none' ? '' : ` [${light}]`;
      if (c.state === 'paused') lines.push(`The ${c.plan.clock} clock is paused since ${formatLocal(c.pausedAt ?? c.plan.startedAt, utcOffsetMinutes)}.`);
      else if (c.plan.clock === 'transfer-window') lines.push(`${who} ${WAITING_FOR[c.plan.clock]} until ${formatLocal(c.plan.deadline, utcOffsetMinutes)}.`);
      else if (c.plan.clock === 'review' || c.plan.clock === 'return-visit') lines.push(`Waiting for ${WAITING_FOR[c.plan.clock]} until ${formatLocal(c.plan.deadline, utcOffsetMinutes)}${mark}.`);
      else lines.push(`Waiting for ${who} ${WAITING_FOR[c.plan.clock]} until ${formatLocal(c.plan.deadline, utcOffsetMinutes)}${mark}.`);
    }
    if (whistles.size) lines.push(`Whistles blown: ${[...whistles.keys()].join(', ')}.`);
    return lines.join('\n');
  };

  // ---- the loop: one lifecycle event or one point in time at a time ------------------------------

  publish();
  for (;;) {
    const signal = queue.shift();
    if (signal) {
      await apply(signal);
      publish();
      continue;
    }
    if (status === 'closed') break;
    const next = earliest();
    if (next && Date.parse(next.step.at) <= Date.now()) {
      await fire(next.clock, next.step);
      publish();
      continue;
    }
    if (next) await condition(() => queue.length > 0, Math.max(1, Date.parse(next.step.at) - Date.now()));
    else await condition(() => queue.length > 0);
  }
  publish();
  return view();
}

const LIGHTS: readonly WarningLight[] = ['none', 'yellow', 'orange', 'red', 'supervised'];

function worst(lights: WarningLight[]): WarningLight {
  return lights.reduce<WarningLight>((a, b) => (LIGHTS.indexOf(b) > LIGHTS.indexOf(a) ? b : a), 'none');
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
    if (seen.has(signal.eventId)) return;
    seen.add(signal.eventId);
    facts = { ...facts, ...definedOnly(signal.facts) };
    const next = LEGACY_STATUS_AFTER[signal.type];
    if (next && LEGACY_RANK[next] > LEGACY_RANK[status]) status = next;
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
