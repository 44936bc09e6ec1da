import { DomainError, type HotspotDetectedData } from '@county/contracts';
import { proactiveTask, trendMonths, trendOf, type MonthFigures, type ProactiveTaskState } from '../src/domain/governance';
import { progressOf } from '../src/governance/task-progress';

const hotspot: HotspotDetectedData = { categoryCode: 'UM.ORDER.ADS', placeKind: 'grid', placeCode: 'G1', period: '2026-03', count: 2, baseline: 0, baselineMonths: 3, rule: 'r', caseIds: ['C2', 'C1'], detectedAt: '2026-03-05T00:00:00.000Z' };
const routed = { kind: 'routed' as const, primaryUnitCode: 'T1', cooperatingUnitCodes: ['C1U'], item: { id: 'I1' } as never, basis: { kind: 'list' as const, explanation: 'x', listItemId: 'I1', listVersion: 2 } };
const open = { type: 'OpenTask' as const, taskId: 'T', hotspotId: 'hotspot-x', hotspot, townshipCode: 'T1', routing: routed, deadline: '2026-03-12T09:00:00.000Z', openedBy: 'QH-CENTRE', now: '2026-03-05T01:00:00.000Z' };
const run = (events: ReturnType<typeof proactiveTask.decide>, state: ProactiveTaskState = proactiveTask.initialState) => events.reduce(proactiveTask.evolve, state);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('a proactive task', () => {
  it('is opened for the routed unit with the linked cases, once', () => {
    const [opened] = proactiveTask.decide(open, proactiveTask.initialState);
    expect(opened.data).toMatchObject({ unitCode: 'T1', cooperatingUnitCodes: ['C1U'], listItemId: 'I1', listVersion: 2, linkedCaseIds: ['C1', 'C2'] });
    expect(code(() => proactiveTask.decide(open, run([opened])))).toBe('TASK.EXISTS');
    expect(code(() => proactiveTask.decide({ ...open, routing: { kind: 'uncovered', reason: 'none' } }, proactiveTask.initialState))).toBe('TASK.NO_RESPONSIBLE_UNIT');
  });

  it("stands where handling's and case-worker's events put it, older streams' evaluation reports included", () => {
    const at = (t: string) => `2026-03-0${t}T01:00:00.000Z`;
    expect(progressOf([])).toEqual({ status: 'open', signedAt: null, progressNotes: 0, lastProgressAt: null, closedAt: null, late: null, warningLevel: null, overdue: false });
    const working = progressOf([
      { type: 'proactive-task.signed-for.v1', data: { taskId: 'T', unitCode: 'T1', signedAt: at('6') } },
      { type: 'proactive-task.progress-noted.v1', data: { taskId: 'T', unitCode: 'T1', noteId: 'n1', notedAt: at('7') } },
      { type: 'proactive-task.warning-issued.v1', data: { taskId: 'T', unitCode: 'T1', level: 'orange', fraction: 0.75, notify: ['handler', 'unit-leader'], deadline: at('9') } },
      // a yellow that arrives after the orange does not lower the light
      { type: 'proactive-task.warning-issued.v1', data: { taskId: 'T', unitCode: 'T1', level: 'yellow', fraction: 0.5, notify: ['handler'], deadline: at('9') } },
      { type: 'proactive-task.overdue.v1', data: { taskId: 'T', unitCode: 'T1', deadline: at('9') } },
    ]);
    expect(working).toEqual({ status: 'signed', signedAt: at('6'), progressNotes: 1, lastProgressAt: at('7'), closedAt: null, late: null, warningLevel: 'orange', overdue: true });
    // closed in time: an overdue that arrives after the closure (another topic) changes nothing
    const closed = progressOf([
      { type: 'proactive-task.signed-for.v1', data: { taskId: 'T', unitCode: 'T1', signedAt: at('6') } },
      { type: 'proactive-task.closure-reported.v1', data: { taskId: 'T', unitCode: 'T1', reportId: 'r', late: false, reportedAt: at('8') } },
      { type: 'proactive-task.overdue.v1', data: { taskId: 'T', unitCode: 'T1', deadline: at('9') } },
    ]);
    expect(closed).toMatchObject({ status: 'closed', closedAt: at('8'), late: false, overdue: false });
    // a task closed through evaluation before handling took the unit's side over
    const older = progressOf([
      { type: 'proactive-task.progress-reported.v1', data: { taskId: 'T', unitCode: 'T1', reportId: 'r1', reportedAt: at('6') } },
      { type: 'proactive-task.closed.v1', data: { taskId: 'T', unitCode: 'T1', reportId: 'r2', late: true, closedAt: at('9') } },
    ]);
    expect(older).toMatchObject({ status: 'closed', progressNotes: 1, closedAt: at('9'), late: true, overdue: true });
  });
});

describe("a topic's trend", () => {
  it('spans the months before and after', () => {
    expect(trendMonths('2026-01', 2, 1)).toEqual([{ month: '2025-11', offset: -2 }, { month: '2025-12', offset: -1 }, { month: '2026-01', offset: 0 }, { month: '2026-02', offset: 1 }]);
  });

  it('compares the means after with the means before, the topic month in neither', () => {
    const m = (offset: number, volume: number, repeatAppeals: number, reached: number, satisfied: number): MonthFigures => ({ month: `m${offset}`, offset, volume, repeatAppeals, reached, satisfied, satisfactionRate: reached ? satisfied / reached : null });
    // before: volume (10 + 14) / 2 = 12, repeats (2 + 4) / 2 = 3, satisfaction (6 + 2) / (10 + 10) = 0.4
    // after: volume (6 + 3) / 2 = 4.5, repeats (1 + 0) / 2 = 0.5, satisfaction (8 + 9) / (10 + 10) = 0.85
    const t = trendOf([m(-2, 10, 2, 10, 6), m(-1, 14, 4, 10, 2), m(0, 30, 9, 5, 1), m(1, 6, 1, 10, 8), m(2, 3, 0, 10, 9)]);
    expect(t.before).toEqual({ volume: 12, repeatAppeals: 3, satisfactionRate: 0.4 });
    expect(t.after).toEqual({ volume: 4.5, repeatAppeals: 0.5, satisfactionRate: 0.85 });
    // volume -62.5 %, repeats -83.3 %, satisfaction +45 points
    expect(t.change.volume).toBeCloseTo(-0.625, 12);
    expect(t.change.repeatAppeals).toBeCloseTo(-5 / 6, 12);
    expect(t.change.satisfactionRate).toBeCloseTo(0.45, 12);
  });
});
