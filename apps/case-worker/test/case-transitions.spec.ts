import { planClock } from '@county/rules';
import { earliest, fire, initialCaseState, receive, settle, type CaseState, type Planned, type Planning } from '../src/workflows/case-transitions';
import type { CaseSignal, SignalDetails, CaseSignalFacts } from '../src/workflows/definitions';

// The case workflow's transitions without Temporal: plans are made with the same rule the local
// activity runs (@county/rules' planClock), in the order the transition asks for them.

const CASE = 'c-1';
const WF = `case-${CASE}`;
// Monday 2 March 2026, 09:00 China time
const T0 = '2026-03-02T01:00:00.000Z';
const T1 = '2026-03-02T02:00:00.000Z';
const facts: CaseSignalFacts = { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', channel: 'hotline', townshipCode: 'QH-CG' };

let n = 0;
function signal(type: string, about: SignalDetails = {}, more: CaseSignalFacts = {}): CaseSignal {
  n += 1;
  return { eventId: `e-${n}`, correlationId: 'corr-1', type, time: about.at ?? T0, facts: more, about };
}

/** Plans what the transition asked for, as the workflow's local activities do; every run after the first gets ids of its own. */
function plan(planning: readonly Planning[]): Planned[] {
  return planning.map((p) => (p.kind === 'move' ? { plans: [planClock(p.request)] } : { plans: p.requests.map((r) => planClock(r)), ownIds: p.runs.map((run) => run > 1) }));
}

/** One signal through both steps, at workflow time `now`. */
function take(state: CaseState, s: CaseSignal, now = Date.parse(s.time)) {
  const received = receive(state, s, true);
  const settled = settle(received.state, s, received.planning, plan(received.planning), now);
  return { ...settled, planning: received.planning, whistle: received.whistle };
}

function dispatched(): CaseState {
  const s0 = take(initialCaseState(CASE, WF), signal('case.received.v1', {}, facts)).state;
  return take(s0, signal('case.dispatched.v1', { unitCode: 'QH-CG', at: T0 }, { responsibleUnitCode: 'QH-CG' })).state;
}

const stateOf = (s: CaseState) => Object.fromEntries([...s.clocks].map(([name, c]) => [name, c.state]));

describe('the case workflow transitions', () => {
  it('starts the unit’s four clocks at the first dispatch, planned together, and announces each deadline', () => {
    const s0 = take(initialCaseState(CASE, WF), signal('case.received.v1', {}, facts)).state;
    const t = take(s0, signal('case.dispatched.v1', { unitCode: 'QH-CG', at: T0 }, { responsibleUnitCode: 'QH-CG' }));
    expect(t.planning).toEqual([expect.objectContaining({ kind: 'start', clocks: ['sign-for', 'first-contact', 'handling', 'transfer-window'], runs: [1, 1, 1, 1], together: true })]);
    expect(t.state.status).toBe('dispatched');
    expect(t.events.map((e) => [e.type, (e.data as { clock: string }).clock, (e.data as { unitCode?: string }).unitCode])).toEqual([
      ['case.deadline-set.v1', 'sign-for', 'QH-CG'],
      ['case.deadline-set.v1', 'first-contact', 'QH-CG'],
      ['case.deadline-set.v1', 'handling', 'QH-CG'],
      ['case.deadline-set.v1', 'transfer-window', 'QH-CG'],
    ]);
    expect(t.events[2]!.key).toBe(`${WF}/handling/deadline-set/${(t.events[2]!.data as { deadline: string }).deadline}/QH-CG`);
    expect(t.state.clocks.get('handling')?.causationId).toBe(`e-${n}`);
    expect(t.state.clocks.get('handling')?.correlationId).toBe('corr-1');
  });

  it('leaves the state it was given as it was', () => {
    const before = dispatched();
    const clocksBefore = stateOf(before);
    const after = take(before, signal('case.result-submitted.v1', { unitCode: 'QH-CG', at: T1 })).state;
    expect(stateOf(before)).toEqual(clocksBefore);
    expect(before.status).toBe('dispatched');
    expect(after.status).toBe('result-submitted');
  });

  it('moves the clocks by the review rule: submitted, sent back, submitted again, approved', () => {
    const submitted = take(dispatched(), signal('case.result-submitted.v1', { unitCode: 'QH-CG', at: T1 }));
    expect(stateOf(submitted.state)).toEqual({ 'sign-for': 'stopped', 'first-contact': 'stopped', handling: 'met', 'transfer-window': 'stopped', review: 'running' });
    expect(submitted.planning).toEqual([expect.objectContaining({ kind: 'start', clocks: ['review'], runs: [1], together: false })]);
    expect(submitted.events.map((e) => (e.data as { clock: string }).clock)).toEqual(['review']);

    const sentBack = take(submitted.state, signal('case.result-sent-back.v1', { unitCode: 'QH-CG', at: T1 }));
    expect(sentBack.state.status).toBe('signed-for');
    expect(sentBack.state.clocks.get('handling')?.state).toBe('running');
    expect(sentBack.state.clocks.get('review')?.state).toBe('met');
    expect(sentBack.events).toEqual([]);

    const again = take(sentBack.state, signal('case.result-submitted.v1', { unitCode: 'QH-CG', at: T1 }));
    expect(again.planning).toEqual([expect.objectContaining({ kind: 'start', clocks: ['review'], runs: [2] })]);
    // the second review is a run of its own: its ids differ from the first one's
    expect(again.events[0]!.key).toContain(`${WF}/review/run-2/deadline-set/`);

    const approved = take(again.state, signal('case.result-approved.v1', { at: T1 }));
    expect(approved.state.status).toBe('result-approved');
    expect(approved.state.clocks.get('review')?.state).toBe('met');
    expect(approved.state.clocks.get('return-visit')?.state).toBe('running');
  });

  it('moves the handling clock to the new unit on a transfer and starts the new unit’s clocks as second runs', () => {
    const t = take(dispatched(), signal('case.dispatched.v1', { unitCode: 'QH-URBAN', at: T1 }, { responsibleUnitCode: 'QH-URBAN' }));
    expect(t.planning.map((p) => (p.kind === 'move' ? ['move', p.why] : ['start', ...p.clocks]))).toEqual([
      ['move', 'reassign'],
      ['start', 'sign-for', 'first-contact', 'transfer-window'],
    ]);
    expect(t.events.map((e) => [(e.data as { clock: string }).clock, (e.data as { unitCode?: string }).unitCode])).toEqual([
      ['handling', 'QH-URBAN'],
      ['sign-for', 'QH-URBAN'],
      ['first-contact', 'QH-URBAN'],
      ['transfer-window', 'QH-URBAN'],
    ]);
    expect(t.events[1]!.key).toContain('/sign-for/run-2/');
    expect(t.state.signedFor).toBe(false);
  });

  it('pauses and resumes the handling clock, announcing the moved deadline', () => {
    const paused = take(dispatched(), signal('case.clock-paused.v1', { unitCode: 'QH-CG', at: T1 }));
    expect(paused.state.clocks.get('handling')).toMatchObject({ state: 'paused', pausedAt: T1 });
    expect(earliest(paused.state)?.clock).not.toBe('handling');
    const resumedAt = '2026-03-03T02:00:00.000Z';
    const resumed = take(paused.state, signal('case.clock-resumed.v1', { unitCode: 'QH-CG', at: resumedAt }));
    expect(resumed.planning).toEqual([expect.objectContaining({ kind: 'move', why: 'resume' })]);
    expect(resumed.state.clocks.get('handling')?.state).toBe('running');
    const before = Date.parse(paused.state.clocks.get('handling')!.plan.deadline);
    expect(Date.parse((resumed.events[0]!.data as { deadline: string }).deadline)).toBeGreaterThan(before);
  });

  it('keeps the warnings given when an extension moves the deadline, and counts overdue again', () => {
    let s = dispatched();
    const handling = s.clocks.get('handling')!;
    s = { ...s, clocks: new Map([...s.clocks, ['handling', { ...handling, fired: ['yellow', 'orange', 'overdue'] }]]) };
    const t = take(s, signal('case.extension-approved.v1', { extraWorkingDays: 3, at: T1 }), Date.parse(T1));
    expect(t.state.clocks.get('handling')?.fired).toEqual(['yellow', 'orange']);
    expect(t.events.map((e) => (e.data as { clock: string }).clock)).toEqual(['handling']);
  });

  it('starts a new sign-for and handling clock on a reopen and stops the rest; closes', () => {
    const approved = take(take(dispatched(), signal('case.result-submitted.v1', { at: T1 })).state, signal('case.result-approved.v1', { at: T1 })).state;
    const reopened = take(approved, signal('case.reopened.v1', { unitCode: 'QH-CG', at: '2026-03-04T02:00:00.000Z' }));
    expect(reopened.state.status).toBe('reopened');
    expect(reopened.planning).toEqual([expect.objectContaining({ kind: 'start', clocks: ['sign-for', 'handling'], runs: [2, 2] })]);
    expect(stateOf(reopened.state)).toMatchObject({ 'sign-for': 'running', handling: 'running', review: 'met', 'return-visit': 'stopped' });
    const closed = take(reopened.state, signal('case.closed.v1'));
    expect(closed.state.status).toBe('closed');
    expect(Object.values(stateOf(closed.state)).every((c) => c !== 'running')).toBe(true);
  });

  it('fires a clock’s steps in time order: a warning is announced with the clock’s cause; a transfer window only closes', () => {
    let s = dispatched();
    const first = earliest(s)!;
    const fired = fire(s, first.clock, first.step);
    s = fired.state;
    expect(fired.cause).toEqual({ eventId: s.clocks.get(first.clock)!.causationId, correlationId: 'corr-1' });
    expect(fired.events).toEqual([expect.objectContaining({ type: 'case.warning-issued.v1', key: expect.stringContaining(`${WF}/${first.clock}/yellow/`) })]);
    const window = s.clocks.get('transfer-window')!;
    const closed = fire(s, 'transfer-window', { stage: 'window-closed', at: window.plan.deadline });
    expect(closed.events).toEqual([]);
    expect(closed.state.clocks.get('transfer-window')?.state).toBe('expired');
  });

  it('asks the workflow to start a whistle and to pass on its answers', () => {
    const s = dispatched();
    expect(take(s, signal('whistle.blown.v1', { whistleId: 'w-1', calledDepartmentCodes: ['QH-URBAN'] })).whistle?.kind).toBe('blow');
    expect(take(s, signal('whistle.answered.v1', { whistleId: 'w-1', departmentCode: 'QH-URBAN' })).whistle?.kind).toBe('forward-answer');
  });
});
