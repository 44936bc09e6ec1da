import { temporal } from '@temporalio/proto';
import { planClock } from '@county/rules';
import { eventually } from '@county/testing';
import { CaseHarness, COMMUNITY, ofType, type TestCase } from './support/case-harness';
import { SA, caseViewQuery } from '../src/workflows/definitions';

// What a case costs the Temporal server, read from its workflow's history (time-skipping server):
// every workflow task, upsert, timer and local activity of a case is a write on the server's
// database. A new case (case-economy-v1) records one patch marker, upserts its search attributes
// at most once per workflow task, announces what a task decided in at most one local activity, and
// keeps the timer of its next step when a signal does not move that step. The bridge starts it with
// the search attributes of the first event, so its first task does not write them again.

let harness: CaseHarness;

beforeAll(async () => {
  harness = await CaseHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

async function history(c: TestCase): Promise<HistoryEvent[]> {
  const { history } = await harness.env.client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: c.handle.workflowId } });
  return history?.events ?? [];
}

/** The commands of each workflow task: the events after each WorkflowTaskCompleted up to the next WorkflowTaskScheduled. */
function tasks(events: readonly HistoryEvent[]): HistoryEvent[][] {
  const out: HistoryEvent[][] = [];
  let current: HistoryEvent[] | undefined;
  for (const e of events) {
    if (e.workflowTaskCompletedEventAttributes) out.push((current = []));
    else if (e.workflowTaskScheduledEventAttributes) current = undefined;
    else current?.push(e);
  }
  return out;
}

const isCaseUpsert = (e: HistoryEvent) => !!e.upsertWorkflowSearchAttributesEventAttributes && !('TemporalChangeVersion' in (e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields ?? {}));
const isChangeVersionUpsert = (e: HistoryEvent) => !!e.upsertWorkflowSearchAttributesEventAttributes && !isCaseUpsert(e);
const isPatch = (e: HistoryEvent) => e.markerRecordedEventAttributes?.markerName === 'core_patch';
const localActivityType = (e: HistoryEvent): string | undefined => {
  if (e.markerRecordedEventAttributes?.markerName !== 'core_local_activity') return undefined;
  const data = e.markerRecordedEventAttributes.details?.data?.payloads?.[0]?.data;
  return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string }).activity_type : undefined;
};

/** Sends a lifecycle event and waits until the workflow has taken it. */
async function step(c: TestCase, seen: number, ...args: Parameters<TestCase['send']>): Promise<number> {
  await c.send(...args);
  await eventually(async () => ((await c.handle.query(caseViewQuery)).eventsSeen >= seen + 1 ? true : undefined), 20_000, 50);
  return seen + 1;
}

it('a new case records one patch marker, upserts its search attributes at most once per workflow task and announces a task in at most one local activity', async () => {
  const c = harness.newCase();
  let seen = await step(c, 0, 'case.received.v1', { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', channel: 'hotline', townshipCode: 'QH-LL' });
  seen = await step(c, seen, 'case.dispatched.v1', { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-LL', responsibleUnitCode: COMMUNITY }, { unitCode: COMMUNITY });
  await step(c, seen, 'case.signed-for.v1', {}, { unitCode: COMMUNITY });
  // the rest of the case in a burst: several lifecycle events may land in one workflow task
  await c.send('case.result-submitted.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.result-approved.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.return-visit-recorded.v1');
  await c.close();

  const events = await history(c);
  expect(events.filter(isPatch)).toHaveLength(1);
  expect(events.filter(isChangeVersionUpsert)).toHaveLength(1);
  // the workflow started with the attributes of its first event (as the bridge starts it): its first task writes none
  expect(tasks(events)[0]!.filter(isCaseUpsert)).toHaveLength(0);
  for (const commands of tasks(events)) {
    expect(commands.filter(isCaseUpsert).length).toBeLessThanOrEqual(1);
    // the clocks a step starts are planned in one local activity, what the task decided leaves in one
    const announcing = commands.map(localActivityType).filter((t) => t && t.startsWith('emitCaseEvents'));
    expect(announcing.length).toBeLessThanOrEqual(1);
  }
  // what the case announced is what it announced before: every deadline, in order, once
  const stored = await c.events();
  expect(ofType(stored, 'case.deadline-set.v1').map((e) => e.data.clock)).toEqual(['sign-for', 'first-contact', 'handling', 'transfer-window', 'review', 'return-visit']);
  expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
  expect((await c.handle.describe()).typedSearchAttributes.get(SA.status)).toBe('closed');
});

/**
 * The first whole hour from now at which a case received and dispatched then has its sign-for
 * clock act before its first-contact clock. Which of the two acts first depends on the time of day
 * and the working calendar (early in the morning, Beijing time, the first contact's warning comes
 * first), so a test that needs one order waits for an hour that has it.
 */
function hourWhenSignForActsFirst(from: Date): string {
  const policy = { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal' };
  const firstPoint = (clock: 'sign-for' | 'first-contact', at: string) => planClock({ kind: 'start', clock, from: at, ...policy }).points[0]!.at;
  const hour = 3_600_000;
  for (let t = Math.ceil(from.getTime() / hour) * hour; t < from.getTime() + 30 * 24 * hour; t += hour) {
    const at = new Date(t).toISOString();
    if (Date.parse(firstPoint('sign-for', at)) < Date.parse(firstPoint('first-contact', at))) return at;
  }
  throw new Error('no hour within 30 days when the sign-for clock acts before the first contact');
}

it('keeps the timer of the next step when a lifecycle event leaves that step where it was', async () => {
  await harness.skipTo(hourWhenSignForActsFirst(await harness.now()));
  const c = harness.newCase();
  let seen = await step(c, 0, 'case.received.v1', { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', channel: 'hotline', townshipCode: 'QH-LL' });
  seen = await step(c, seen, 'case.dispatched.v1', { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-LL', responsibleUnitCode: COMMUNITY }, { unitCode: COMMUNITY });
  const before = (await c.clocks()).clocks;
  const next = (clocks: typeof before) => clocks.filter((x) => x.next).map((x) => x.next!.at).sort()[0];
  // the first contact is recorded before the sign-for: the sign-for clock still acts first
  expect(before.find((x) => x.clock === 'sign-for')!.next!.at).toBe(next(before));
  const timersBefore = (await history(c)).filter((e) => e.timerStartedEventAttributes).length;
  seen = await step(c, seen, 'case.first-contact-recorded.v1', {}, { unitCode: COMMUNITY });
  const after = await history(c);
  expect(next((await c.clocks()).clocks)).toBe(next(before));
  expect(after.filter((e) => e.timerStartedEventAttributes)).toHaveLength(timersBefore);
  expect(after.filter((e) => e.timerCanceledEventAttributes)).toHaveLength(0);

  // the sign-for moves the next step: its timer goes, one for the new instant comes
  await step(c, seen, 'case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await eventually(async () => ((await history(c)).filter((e) => e.timerStartedEventAttributes).length === timersBefore + 1 ? true : undefined), 20_000, 50);
  expect((await history(c)).filter((e) => e.timerCanceledEventAttributes)).toHaveLength(1);
  await c.close();
});
