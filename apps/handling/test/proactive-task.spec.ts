import { DomainError } from '@county/contracts';
import { decide, evolve, initialState, type ProactiveWorkCommand, type ProactiveWorkEvent, type ProactiveWorkState } from '../src/domain/proactive-task';

/** The units' side of a proactive task: given events, when a command, then events (or a refusal). */

const task = { unitCode: 'QH-CG', deadline: '2026-03-12T09:00:00.000Z' };
const base = { taskId: 'T1', unitCode: 'QH-CG', task, now: '2026-03-06T01:00:00.000Z' };
const given = (...events: ProactiveWorkEvent[]): ProactiveWorkState => events.reduce(evolve, initialState);
const refusal = (command: ProactiveWorkCommand, state: ProactiveWorkState) => {
  try {
    decide(command, state);
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};
const signed: ProactiveWorkEvent = { type: 'proactive-task.signed-for.v1', data: { taskId: 'T1', unitCode: 'QH-CG', signedAt: base.now } };

describe('a proactive task at its unit', () => {
  it('is signed for once, by the unit it was routed to', () => {
    expect(decide({ type: 'SignForTask', ...base }, initialState)).toEqual([signed]);
    expect(refusal({ type: 'SignForTask', ...base }, given(signed))).toBe('PROACTIVE_TASK.ALREADY_SIGNED');
    expect(refusal({ type: 'SignForTask', ...base, unitCode: 'QH-CG-01' }, initialState)).toBe('PROACTIVE_TASK.NOT_YOUR_TASK');
    expect(refusal({ type: 'SignForTask', ...base, task: null }, initialState)).toBe('PROACTIVE_TASK.NOT_FOUND');
  });

  it('takes progress notes and a closure report only once signed, and nothing after the closure', () => {
    expect(refusal({ type: 'NoteTaskProgress', ...base, noteId: 'n1' }, initialState)).toBe('PROACTIVE_TASK.NOT_SIGNED');
    expect(refusal({ type: 'ReportTaskClosure', ...base, reportId: 'r1' }, initialState)).toBe('PROACTIVE_TASK.NOT_SIGNED');
    const [noted] = decide({ type: 'NoteTaskProgress', ...base, noteId: 'n1' }, given(signed));
    expect(noted).toEqual({ type: 'proactive-task.progress-noted.v1', data: { taskId: 'T1', unitCode: 'QH-CG', noteId: 'n1', notedAt: base.now } });
    const [closed] = decide({ type: 'ReportTaskClosure', ...base, reportId: 'r1' }, given(signed, noted));
    expect(closed).toEqual({ type: 'proactive-task.closure-reported.v1', data: { taskId: 'T1', unitCode: 'QH-CG', reportId: 'r1', late: false, reportedAt: base.now } });
    expect(given(signed, noted, closed)).toEqual({ status: 'closed', signedAt: base.now, notes: 1, reportedAt: base.now });
    expect(refusal({ type: 'NoteTaskProgress', ...base, noteId: 'n2' }, given(signed, noted, closed))).toBe('PROACTIVE_TASK.CLOSED');
    expect(refusal({ type: 'ReportTaskClosure', ...base, reportId: 'r2' }, given(signed, noted, closed))).toBe('PROACTIVE_TASK.CLOSED');
  });

  it('is late when the closure report comes after the deadline', () => {
    const [closed] = decide({ type: 'ReportTaskClosure', ...base, reportId: 'r1', now: '2026-03-12T09:00:00.001Z' }, given(signed));
    expect(closed.data).toMatchObject({ late: true });
    const [onTheDot] = decide({ type: 'ReportTaskClosure', ...base, reportId: 'r1', now: task.deadline }, given(signed));
    expect(onTheDot.data).toMatchObject({ late: false });
  });
});
