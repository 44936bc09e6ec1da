/**
 * What the case workflow decides, as pure functions: (state, signal) -> (state, clocks to plan,
 * events to announce), and (state, a point in time) -> (state, events). No Temporal here: the
 * workflow (case.workflow.ts) is the loop around these, which waits, plans the clocks asked for in
 * local activities, starts whistles and announces the events. Tests run these without engines.
 *
 * A lifecycle signal is taken in two steps, because a clock's plan comes from a local activity
 * (recorded in the history): `receive` says what follows from the signal and which clocks to plan,
 * in order; once they are planned, `settle` puts the plans in and says what to announce.
 */
import type { CaseClock, CaseStatus } from '@county/contracts';
import type { ClockPlan, PlanPoint, PlanRequest, Stage } from '@county/rules';
import { REVIEW_CLOCKS, type ReviewClockMoves } from '@county/rules/src/review';
import type { EmitRequest } from '../activities';
import type { CaseSignal, CaseSignalFacts, ClockView, WarningLight } from './definitions';
import { formatLocal } from './words';

export type Emitted = EmitRequest['events'][number];

/** The lifecycle event a step follows from (its causation) and that event's correlation id. */
export interface Cause {
  readonly eventId: string;
  readonly correlationId?: string;
}

/** A clock of the case. `fired` lists the steps taken, so that nothing is announced twice. */
export interface Clock {
  readonly plan: ClockPlan;
  readonly state: ClockView['state'];
  readonly fired: readonly Stage[];
  readonly pausedAt?: string;
  /** The lifecycle event that started or last moved the clock, and its correlation id. */
  readonly causationId: string;
  readonly correlationId?: string;
  /**
   * Which run of this clock it is (1 for its first start, 2 when it starts again after a reopen
   * or for a new unit, ...), when the run is part of its event ids (CLOCK_RUNS_PATCH); undefined
   * for a first run and for clocks started before the patch, whose ids stay as they were.
   */
  readonly run?: number;
}

export interface CaseState {
  readonly caseId: string;
  readonly workflowId: string;
  readonly status: CaseStatus;
  readonly facts: CaseSignalFacts;
  readonly signedFor: boolean;
  /** The clocks in the order they were first started (a clock started again keeps its place). */
  readonly clocks: ReadonlyMap<CaseClock, Clock>;
  /** How many times each clock was started. */
  readonly starts: Readonly<Partial<Record<CaseClock, number>>>;
  readonly utcOffsetMinutes: number;
}

/** The transfer window has no warnings: it only closes. */
export type Step = PlanPoint | { readonly stage: 'window-closed'; readonly at: string };

/**
 * A clock to plan. `move`: a running clock gets a new plan (a new unit, an extension, a resume).
 * `start`: clocks start for a unit from an instant, each as the given run of it; `together` when
 * the step plans them all at once (STEP_IN_ONE_TASK_PATCH), else one at a time.
 */
export type Planning =
  | { readonly kind: 'move'; readonly clock: CaseClock; readonly why: 'reassign' | 'extend' | 'resume'; readonly request: PlanRequest }
  | { readonly kind: 'start'; readonly clocks: readonly CaseClock[]; readonly runs: readonly number[]; readonly together: boolean; readonly requests: readonly PlanRequest[] };

/** A planning done: the plans, in the order asked, and for a start, which runs get ids of their own. */
export interface Planned {
  readonly plans: readonly ClockPlan[];
  readonly ownIds?: readonly boolean[];
}

/** What the workflow does beside its clocks: a whistle's child workflow, or an answer passed on to it. */
export type WhistleEffect = { readonly kind: 'blow'; readonly signal: CaseSignal } | { readonly kind: 'forward-answer'; readonly signal: CaseSignal };

export function initialCaseState(caseId: string, workflowId: string): CaseState {
  return { caseId, workflowId, status: 'received', facts: {}, signedFor: false, clocks: new Map(), starts: {}, utcOffsetMinutes: 480 };
}

/** A working copy that the steps below change and return (the caller's state stays as it was). */
interface Draft {
  caseId: string;
  workflowId: string;
  status: CaseStatus;
  facts: CaseSignalFacts;
  signedFor: boolean;
  clocks: Map<CaseClock, { -readonly [K in keyof Clock]: Clock[K] } & { fired: Stage[] }>;
  starts: Partial<Record<CaseClock, number>>;
  utcOffsetMinutes: number;
}

function draft(s: CaseState): Draft {
  const clocks: Draft['clocks'] = new Map();
  for (const [name, c] of s.clocks) clocks.set(name, { ...c, fired: [...c.fired] });
  return { ...s, facts: { ...s.facts }, clocks, starts: { ...s.starts } };
}

function causeOf(signal: CaseSignal): Cause {
  return { eventId: signal.eventId, ...(signal.correlationId ? { correlationId: signal.correlationId } : {}) };
}

/** The business instant of a signal: what the event says, else its time. */
function instantOf(signal: CaseSignal): string {
  return signal.about?.at ?? signal.time;
}

// ---- what the lifecycle events do ---------------------------------------------------------------

/** The clock stops because what it waited for happened. */
function meet(d: Draft, clock: CaseClock): void {
  const c = d.clocks.get(clock);
  if (c && (c.state === 'running' || c.state === 'paused')) c.state = 'met';
}

/** The clock stops because it no longer matters (the case moved on or closed). */
function stop(d: Draft, clock: CaseClock): void {
  const c = d.clocks.get(clock);
  if (c && (c.state === 'running' || c.state === 'paused')) c.state = 'stopped';
}

/** The review step's moves of the clocks (@county/rules' review rule); returns the clock it starts. */
function moveForReview(d: Draft, moves: ReviewClockMoves): CaseClock | undefined {
  moves.meets.forEach((clock) => meet(d, clock));
  moves.stops.forEach((clock) => stop(d, clock));
  if (moves.resumes) {
    // rework: the clock runs on towards the same deadline
    const c = d.clocks.get(moves.resumes);
    if (c && c.state === 'met') c.state = 'running';
  }
  return moves.starts;
}

/** Asks for clocks to start: counts a start of each (its run). */
function starting(d: Draft, clocks: readonly CaseClock[], unitCode: string | undefined, from: string, together: boolean): Planning {
  const runs = clocks.map((clock) => {
    const run = (d.starts[clock] ?? 0) + 1;
    d.starts[clock] = run;
    return run;
  });
  const requests = clocks.map((clock): PlanRequest => ({ kind: 'start', clock, unitCode, from, categoryCode: d.facts.categoryCode, urgency: d.facts.urgency }));
  return { kind: 'start', clocks, runs, together, requests };
}

/**
 * Takes a lifecycle signal: the new state, the clocks to plan (in order), and a whistle to start
 * or to pass an answer to. `together` says whether a step plans all its clocks at once.
 */
export function receive(state: CaseState, signal: CaseSignal, together: boolean): { state: CaseState; planning: Planning[]; whistle?: WhistleEffect } {
  const d = draft(state);
  d.facts = { ...d.facts, ...definedOnly(signal.facts) };
  const about = signal.about ?? {};
  const at = instantOf(signal);
  const planning: Planning[] = [];
  let whistle: WhistleEffect | undefined;
  switch (signal.type) {
    case 'case.sent-to-triage.v1':
      if (d.status === 'received') d.status = 'in-triage';
      break;
    case 'case.dispatched.v1': {
      const unitCode = signal.facts.responsibleUnitCode;
      const handling = d.clocks.get('handling');
      if (handling && (handling.state === 'running' || handling.state === 'paused') && d.status !== 'reopened') {
        // a transfer or an override: the handling clock keeps running, now for the new unit
        planning.push({ kind: 'move', clock: 'handling', why: 'reassign', request: { kind: 'reassign', plan: handling.plan, unitCode } });
        d.signedFor = false;
        const clocks: CaseClock[] = d.clocks.get('first-contact')?.state !== 'met' ? ['sign-for', 'first-contact', 'transfer-window'] : ['sign-for', 'transfer-window'];
        planning.push(starting(d, clocks, unitCode, at, together));
      } else if (!handling) {
        planning.push(starting(d, ['sign-for', 'first-contact', 'handling', 'transfer-window'], unitCode, at, together));
      }
      d.status = 'dispatched';
      break;
    }
    case 'case.signed-for.v1':
      meet(d, 'sign-for');
      d.signedFor = true;
      if (d.status === 'dispatched' || d.status === 'reopened') d.status = 'signed-for';
      break;
    case 'case.first-contact-recorded.v1':
      meet(d, 'first-contact');
      break;
    case 'case.transfer-requested.v1':
      meet(d, 'transfer-window');
      d.status = 'transfer-requested';
      break;
    case 'case.transfer-rejected.v1':
      if (d.status === 'transfer-requested') d.status = d.signedFor ? 'signed-for' : 'dispatched';
      break;
    case 'case.result-submitted.v1': {
      const review = moveForReview(d, REVIEW_CLOCKS.resultSubmitted);
      d.status = 'result-submitted';
      if (review) planning.push(starting(d, [review], undefined, at, false));
      break;
    }
    case 'case.result-sent-back.v1':
      moveForReview(d, REVIEW_CLOCKS.sentBack);
      d.status = 'signed-for';
      break;
    case 'case.result-approved.v1': {
      const returnVisit = moveForReview(d, REVIEW_CLOCKS.approved);
      d.status = 'result-approved';
      if (returnVisit) planning.push(starting(d, [returnVisit], undefined, at, false));
      break;
    }
    case 'case.extension-approved.v1': {
      const handling = d.clocks.get('handling');
      if (handling && about.extraWorkingDays && about.extraWorkingDays > 0) {
        planning.push({
          kind: 'move',
          clock: 'handling',
          why: 'extend',
          request: { kind: 'extend', plan: handling.plan, extraWorkingDays: about.extraWorkingDays, categoryCode: d.facts.categoryCode, urgency: d.facts.urgency },
        });
      }
      break;
    }
    case 'case.clock-paused.v1': {
      const handling = d.clocks.get('handling');
      if (handling?.state === 'running') {
        handling.state = 'paused';
        handling.pausedAt = at;
      }
      break;
    }
    case 'case.clock-resumed.v1': {
      const handling = d.clocks.get('handling');
      if (handling?.state === 'paused' && handling.pausedAt) {
        planning.push({ kind: 'move', clock: 'handling', why: 'resume', request: { kind: 'resume', plan: handling.plan, pausedAt: handling.pausedAt, resumedAt: at } });
      }
      break;
    }
    case 'case.return-visit-recorded.v1':
    case 'case.return-visit-unreachable.v1':
      meet(d, 'return-visit');
      break;
    case 'case.reopened.v1': {
      // handled again (重办): a new sign-for and handling clock for the unit
      const unitCode = about.unitCode ?? d.facts.responsibleUnitCode;
      for (const clock of d.clocks.keys()) stop(d, clock);
      d.status = 'reopened';
      d.signedFor = false;
      if (unitCode) d.facts = { ...d.facts, responsibleUnitCode: unitCode };
      planning.push(starting(d, ['sign-for', 'handling'], unitCode, at, together));
      break;
    }
    case 'case.closed.v1':
      for (const clock of d.clocks.keys()) stop(d, clock);
      d.status = 'closed';
      break;
    case 'whistle.blown.v1':
      whistle = { kind: 'blow', signal };
      break;
    case 'whistle.answered.v1':
    case 'whistle.reported-on-site.v1':
      whistle = { kind: 'forward-answer', signal };
      break;
    default:
      break;
  }
  return { state: d, planning, ...(whistle ? { whistle } : {}) };
}

/**
 * Puts in the plans made for what `receive` asked, in its order, and says what to announce: the
 * deadline of every clock started or moved. `now` is workflow time.
 */
export function settle(state: CaseState, signal: CaseSignal, planning: readonly Planning[], planned: readonly Planned[], now: number): { state: CaseState; events: Emitted[] } {
  const d = draft(state);
  const cause = causeOf(signal);
  const events: Emitted[] = [];
  planning.forEach((p, i) => {
    const done = planned[i];
    if (!done) throw new Error(`no plan for step ${i} of ${signal.type}`);
    if (p.kind === 'start') {
      done.plans.forEach((plan, j) => {
        d.utcOffsetMinutes = plan.utcOffsetMinutes;
        const run = done.ownIds?.[j] ? p.runs[j] : undefined;
        const c = { plan, state: 'running' as const, fired: [], causationId: cause.eventId, ...(cause.correlationId ? { correlationId: cause.correlationId } : {}), ...(run ? { run } : {}) };
        d.clocks.set(plan.clock, c);
        events.push(deadlineSet(d, c));
      });
      return;
    }
    const c = d.clocks.get(p.clock);
    const plan = done.plans[0];
    if (!c || !plan) return;
    // the clock moved: what it announces next follows from this event
    c.plan = plan;
    c.causationId = cause.eventId;
    c.correlationId = cause.correlationId;
    switch (p.why) {
      case 'reassign':
        events.push(deadlineSet(d, c));
        break;
      case 'extend':
        // warnings given stay given; overdue, reminder and supervision count again from the new deadline
        if (Date.parse(plan.deadline) > now) c.fired = c.fired.filter((s) => s === 'yellow' || s === 'orange');
        if (c.state !== 'met' && c.state !== 'stopped') events.push(deadlineSet(d, c));
        break;
      case 'resume':
        c.state = 'running';
        c.pausedAt = undefined;
        events.push(deadlineSet(d, c));
        break;
    }
  });
  return { state: d, events };
}

// ---- what time does -------------------------------------------------------------------------

/** What the ids of a clock's events are derived from: the workflow, the clock and, from its second run on, the run. */
function keyOf(s: Pick<CaseState, 'workflowId'>, c: Clock): string {
  return `${s.workflowId}/${c.plan.clock}${c.run ? `/run-${c.run}` : ''}`;
}

function deadlineSet(s: Pick<CaseState, 'workflowId' | 'caseId'>, c: Clock): Emitted {
  return {
    key: `${keyOf(s, c)}/deadline-set/${c.plan.deadline}/${c.plan.unitCode ?? ''}`,
    type: 'case.deadline-set.v1',
    data: { caseId: s.caseId, clock: c.plan.clock, deadline: c.plan.deadline, ...(c.plan.unitCode ? { unitCode: c.plan.unitCode } : {}) },
  };
}

function stepsOf(c: Clock): Step[] {
  return c.plan.points.length ? [...c.plan.points] : [{ stage: 'window-closed', at: c.plan.deadline }];
}

/** What a running clock does next. */
export function nextStep(c: Clock): Step | undefined {
  return c.state === 'running' ? stepsOf(c).find((p) => p.stage === 'window-closed' || !c.fired.includes(p.stage)) : undefined;
}

/** The clock that acts first, and its step (the first started wins a tie). */
export function earliest(state: CaseState): { clock: CaseClock; step: Step } | undefined {
  let found: { clock: CaseClock; step: Step } | undefined;
  for (const [name, c] of state.clocks) {
    const step = nextStep(c);
    if (step && (!found || Date.parse(step.at) < Date.parse(found.step.at))) found = { clock: name, step };
  }
  return found;
}

/** A clock takes its step: a warning, overdue, a reminder or supervision is announced; a transfer window just closes. */
export function fire(state: CaseState, clock: CaseClock, step: Step): { state: CaseState; events: Emitted[]; cause: Cause } {
  const d = draft(state);
  const c = d.clocks.get(clock);
  if (!c) throw new Error(`no clock ${clock}`);
  const cause: Cause = { eventId: c.causationId, ...(c.correlationId ? { correlationId: c.correlationId } : {}) };
  if (step.stage === 'window-closed') {
    c.state = 'expired';
    return { state: d, events: [], cause };
  }
  c.fired.push(step.stage);
  const { unitCode, deadline } = c.plan;
  const caseId = d.caseId;
  const unit = unitCode ? { unitCode } : {};
  const key = `${keyOf(d, c)}/${step.stage}/${deadline}`;
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
  return { state: d, events: [event], cause };
}

// ---- what the ops staff see ------------------------------------------------------------------

const LIGHTS: readonly WarningLight[] = ['none', 'yellow', 'orange', 'red', 'supervised'];

export function lightOf(c: Clock): WarningLight {
  if (c.fired.includes('supervision')) return 'supervised';
  if (c.fired.includes('overdue')) return 'red';
  if (c.fired.includes('orange')) return 'orange';
  if (c.fired.includes('yellow')) return 'yellow';
  return 'none';
}

export function worst(lights: readonly WarningLight[]): WarningLight {
  return lights.reduce<WarningLight>((a, b) => (LIGHTS.indexOf(b) > LIGHTS.indexOf(a) ? b : a), 'none');
}

export function clockView(c: Clock): ClockView {
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

/** The clocks that still run or are paused. */
export function runningClocks(state: CaseState): Clock[] {
  return [...state.clocks.values()].filter((c) => c.state === 'running' || c.state === 'paused');
}

const WAITING_FOR: Record<CaseClock, string> = {
  'sign-for': 'to sign for the case',
  'first-contact': 'to contact the resident',
  handling: 'to report a result',
  'transfer-window': 'may ask to return the case',
  review: 'the centre to review the result',
  'return-visit': 'the centre to call the resident back',
};

/** The case in plain words for the Web UI (the workflow's current details). */
export function describe(state: CaseState, whistleIds: readonly string[]): string {
  const { status, facts, utcOffsetMinutes } = state;
  if (status === 'closed') return 'Closed.';
  if (status === 'received') return 'Received; waiting for the centre to dispatch it.';
  if (status === 'in-triage') return 'In triage at the centre; waiting for a dispatcher to route it.';
  const lines = [`Status: ${status}${facts.responsibleUnitCode ? `, responsible unit ${facts.responsibleUnitCode}` : ''}.`];
  for (const c of runningClocks(state)) {
    const who = c.plan.unitCode ?? 'the centre';
    const light = lightOf(c);
    const mark = light === 'none' ? '' : ` [${light}]`;
    if (c.state === 'paused') lines.push(`The ${c.plan.clock} clock is paused since ${formatLocal(c.pausedAt ?? c.plan.startedAt, utcOffsetMinutes)}.`);
    else if (c.plan.clock === 'transfer-window') lines.push(`${who} ${WAITING_FOR[c.plan.clock]} until ${formatLocal(c.plan.deadline, utcOffsetMinutes)}.`);
    else if (c.plan.clock === 'review' || c.plan.clock === 'return-visit') lines.push(`Waiting for ${WAITING_FOR[c.plan.clock]} until ${formatLocal(c.plan.deadline, utcOffsetMinutes)}${mark}.`);
    else lines.push(`Waiting for ${who} ${WAITING_FOR[c.plan.clock]} until ${formatLocal(c.plan.deadline, utcOffsetMinutes)}${mark}.`);
  }
  if (whistleIds.length) lines.push(`Whistles blown: ${whistleIds.join(', ')}.`);
  return lines.join('\n');
}

/** The search attributes' values beside the case's facts: the next deadline, overdue, the worst light. */
export function clockAttributes(state: CaseState): { nextDeadline: Date | null; overdue: boolean; warningLevel: WarningLight } {
  const running = runningClocks(state);
  const deadlines = running.filter((c) => c.state === 'running' && c.plan.clock !== 'transfer-window').map((c) => Date.parse(c.plan.deadline));
  return {
    nextDeadline: deadlines.length ? new Date(Math.min(...deadlines)) : null,
    overdue: running.some((c) => c.fired.includes('overdue')),
    warningLevel: worst(running.map(lightOf)),
  };
}

export function definedOnly(facts: CaseSignalFacts): CaseSignalFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as CaseSignalFacts;
}
