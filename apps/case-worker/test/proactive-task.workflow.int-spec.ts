import { randomUUID } from 'node:crypto';
import { planClock } from '@county/rules';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { eventually } from '@county/testing';
import { CaseHarness, completed, TOWNSHIP, type StoredCaseEvent } from './support/case-harness';
import { TEST_SERVER_START_TIMEOUT_MS } from './support/time-skipping';
import { SA } from '../src/workflows/definitions';
import { PROACTIVE_TASK_WORKFLOW_TYPE, proactiveTaskWorkflowId, taskClockQuery, taskEventSignal, type ProactiveTaskClock, type TaskSignal } from '../src/workflows/proactive-task.definitions';

// The proactive-task workflow against Temporal's time-skipping test server, with the real
// activities and case-worker's event store: its warnings and overdue are read back from the store.

let harness: CaseHarness;

beforeAll(async () => {
  harness = await CaseHarness.start();
}, TEST_SERVER_START_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await harness?.stop();
});

const CATEGORY = 'UM.ORDER.PARKING';

class TestTask {
  readonly taskId = randomUUID();
  readonly subject = proactiveTaskWorkflowId(this.taskId);
  readonly handle = harness.env.client.workflow.getHandle(this.subject);
  openedAt = '';
  deadline = '';

  /** Delivers an event the way the bridge does (signal-with-start), timed now in workflow time. */
  async send(type: TaskSignal['type'], eventId: string = randomUUID()): Promise<string> {
    const at = (await harness.now()).toISOString();
    if (type === 'proactive-task.opened.v1') {
      this.openedAt = at;
      // the deadline evaluation records: the category's handling limit from opening
      this.deadline = planClock({ kind: 'start', clock: 'handling', from: at, categoryCode: CATEGORY, urgency: 'normal' }).deadline;
    }
    const signal: TaskSignal = {
      eventId,
      type,
      at,
      ...(type === 'proactive-task.opened.v1' ? { opening: { unitCode: TOWNSHIP, categoryCode: CATEGORY, townshipCode: TOWNSHIP, openedAt: at, deadline: this.deadline } } : {}),
    };
    await harness.env.client.workflow.signalWithStart(PROACTIVE_TASK_WORKFLOW_TYPE, {
      workflowId: this.subject,
      taskQueue: harness.taskQueue,
      args: [{ taskId: this.taskId }],
      signal: taskEventSignal,
      signalArgs: [signal],
    });
    return eventId;
  }

  clock(): Promise<ProactiveTaskClock> {
    return this.handle.query(taskClockQuery);
  }

  /** The clock once it satisfies a condition (the workflow handles a signal in its next task). */
  clockUntil(pred: (c: ProactiveTaskClock) => boolean): Promise<ProactiveTaskClock> {
    return eventually(async () => {
      const c = await this.clock();
      return pred(c) ? c : undefined;
    }, 20_000, 50);
  }

  events(): Promise<StoredCaseEvent[]> {
    return harness.events(this.subject);
  }

  eventsUntil(pred: (events: StoredCaseEvent[]) => boolean): Promise<StoredCaseEvent[]> {
    return eventually(async () => {
      const events = await this.events();
      return pred(events) ? events : undefined;
    }, 20_000, 50);
  }
}

function expectValidEnvelopes(events: StoredCaseEvent[], subject: string) {
  for (const e of events) {
    const envelope = { specversion: '1.0', id: e.id, source: 'case-worker', type: e.type, subject, time: new Date().toISOString(), datacontenttype: 'application/json', data: e.data, sequence: 1, correlationid: 'c', causationid: 'c' };
    expect(validateAgainstAsyncApi(envelope)).toEqual({ valid: true, errors: [] });
  }
}

const at = (from: string, deadline: string, fraction: number) => Date.parse(from) + fraction * (Date.parse(deadline) - Date.parse(from));

it('warns at 50 % and 75 %, turns overdue at the deadline, and ends with the closure report', async () => {
  const t = new TestTask();
  const opened = await t.send('proactive-task.opened.v1');
  const running = await t.clockUntil((c) => c.state === 'running');
  expect(running).toMatchObject({ taskId: t.taskId, unitCode: TOWNSHIP, deadline: t.deadline, light: 'none', overdue: false, fired: [] });
  await t.send('proactive-task.signed-for.v1');
  // a redelivered opening changes nothing
  await t.send('proactive-task.opened.v1', opened);

  const plan = planClock({ kind: 'start', clock: 'handling', from: t.openedAt, categoryCode: CATEGORY, urgency: 'normal', unitCode: TOWNSHIP });
  const yellowAt = plan.points.find((p) => p.stage === 'yellow')!.at;
  const orangeAt = plan.points.find((p) => p.stage === 'orange')!.at;
  // the plan's points are the 50 % and 75 % of the working time to the deadline: later than half the calendar time or not, never after the deadline
  expect(Date.parse(yellowAt)).toBeLessThan(Date.parse(orangeAt));
  expect(Date.parse(orangeAt)).toBeLessThan(Date.parse(t.deadline));
  expect(Date.parse(yellowAt)).toBeGreaterThan(at(t.openedAt, t.deadline, 0));

  await harness.skipTo(yellowAt);
  const yellow = await t.eventsUntil((e) => e.length === 1);
  expect(yellow.map((e) => [e.type, e.data.level])).toEqual([['proactive-task.warning-issued.v1', 'yellow']]);
  expect(yellow[0].data).toEqual({ taskId: t.taskId, unitCode: TOWNSHIP, level: 'yellow', fraction: 0.5, notify: ['handler'], deadline: t.deadline });
  // what the clock announces follows from the opening
  expect(yellow[0].causationId).toBe(opened);

  await harness.skipTo(orangeAt);
  const orange = await t.eventsUntil((e) => e.length === 2);
  expect(orange[1].data).toMatchObject({ level: 'orange', fraction: 0.75, notify: ['handler', 'unit-leader'] });

  await harness.skipTo(t.deadline);
  const overdue = await t.eventsUntil((e) => e.length === 3);
  expect(overdue[2]).toMatchObject({ type: 'proactive-task.overdue.v1', data: { taskId: t.taskId, unitCode: TOWNSHIP, deadline: t.deadline } });
  expect(await t.clockUntil((c) => c.overdue)).toMatchObject({ light: 'red', fired: ['yellow', 'orange', 'overdue'] });
  const attributes = (await t.handle.describe()).typedSearchAttributes;
  expect([attributes.get(SA.overdue), attributes.get(SA.warningLevel), attributes.get(SA.responsibleUnit), attributes.get(SA.category)]).toEqual([true, 'red', TOWNSHIP, CATEGORY]);

  await t.send('proactive-task.closure-reported.v1');
  await completed(t.handle);
  expect((await t.handle.result()).state).toBe('late');
  const events = await t.events();
  expect(events.map((e) => e.type)).toEqual(['proactive-task.warning-issued.v1', 'proactive-task.warning-issued.v1', 'proactive-task.overdue.v1']);
  expect(events.every((e) => e.streamId === t.subject)).toBe(true);
  expectValidEnvelopes(events, t.subject);
});

it('a task closed before its first warning announces nothing', async () => {
  const t = new TestTask();
  await t.send('proactive-task.opened.v1');
  await t.clockUntil((c) => c.state === 'running');
  await harness.skip(60_000);
  await t.send('proactive-task.closure-reported.v1');
  await completed(t.handle);
  expect((await t.handle.result()).state).toBe('met');
  await harness.skipTo(t.deadline, 24 * 3_600_000);
  expect(await t.events()).toEqual([]);
});

it('a closure report that arrives before the opening (another topic) ends the task once the opening is in, silently', async () => {
  const t = new TestTask();
  await t.send('proactive-task.closure-reported.v1');
  expect((await t.clockUntil((c) => c.closedAt !== undefined)).state).toBe('waiting');
  await t.send('proactive-task.opened.v1');
  await completed(t.handle);
  expect((await t.handle.result()).state).toBe('met');
  expect(await t.events()).toEqual([]);
});
