import { addWorkingDays, defaultCalendar, workingTimeBetween } from '@county/reference';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { eventually } from '@county/testing';
import { CaseHarness, completed, COMMUNITY, DEPARTMENT, SUPERVISION, TOWNSHIP, ofType, type StoredCaseEvent } from './support/case-harness';
import { TEST_SERVER_START_TIMEOUT_MS } from './support/time-skipping';
import { SA, caseViewQuery, whistleViewQuery, whistleWorkflowId } from '../src/workflows/definitions';
import { createActivities } from '../src/activities';

// The case workflow against Temporal's time-skipping test server: days of working time pass in
// milliseconds. What the workflow announces is read back from case-worker's event store.

let harness: CaseHarness;

beforeAll(async () => {
  harness = await CaseHarness.start();
}, TEST_SERVER_START_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await harness?.stop();
});

const HOUR = 3_600_000;

function expectValidEnvelopes(events: StoredCaseEvent[], caseId: string) {
  for (const e of events) {
    const envelope = { specversion: '1.0', id: e.id, source: 'case-worker', type: e.type, subject: caseId, time: new Date().toISOString(), datacontenttype: 'application/json', data: e.data, sequence: 1, correlationid: 'c', causationid: 'c' };
    expect(validateAgainstAsyncApi(envelope)).toEqual({ valid: true, errors: [] });
  }
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
}

it('a case closed before any warning announces its deadlines and nothing else', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  const clocks = await c.clocks();
  expect(clocks.clocks.map((x) => x.clock).sort()).toEqual(['first-contact', 'handling', 'sign-for', 'transfer-window']);
  const handling = clocks.clocks.find((x) => x.clock === 'handling')!;
  // 5 working days for a parking complaint, from the dispatch
  expect(handling.deadline).toBe(addWorkingDays(new Date(handling.startedAt), 5, defaultCalendar).toISOString());
  expect(handling.unitCode).toBe(COMMUNITY);
  // the current details say in plain words what the workflow waits for, until when (local time)
  const { currentDetails } = await c.handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
  expect(currentDetails).toContain(`Waiting for ${COMMUNITY} to sign for the case until `);
  expect(currentDetails).toMatch(/\(UTC\+8\)/);

  await c.harness.skip(HOUR);
  await c.close();
  await c.harness.skipTo(handling.deadline, 10 * 24 * HOUR);

  const events = await c.events();
  expect(events.map((e) => e.type)).toEqual(Array(4).fill('case.deadline-set.v1'));
  expectValidEnvelopes(events, c.caseId);
  const description = await c.handle.describe();
  expect(description.status.name).toBe('COMPLETED');
  expect(description.typedSearchAttributes.get(SA.status)).toBe('closed');
  expect(description.typedSearchAttributes.get(SA.overdue)).toBe(false);
});

it('warns at 50 % to the handler and at 75 % to the handler and the unit leader', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.first-contact-recorded.v1', {}, { unitCode: COMMUNITY });
  const handling = await c.clock('handling');
  const [yellowAt, orangeAt] = ['yellow', 'orange'].map((s) => handling.next && handling.next.stage === s ? handling.next.at : undefined);
  expect(yellowAt).toBeDefined();
  expect(orangeAt).toBeUndefined();

  await c.harness.skipTo(yellowAt!);
  let events = await c.eventsUntil((e) => ofType(e, 'case.warning-issued.v1', 'handling').length === 1);
  expect(ofType(events, 'case.warning-issued.v1', 'handling')[0].data).toMatchObject({ level: 'yellow', fraction: 0.5, notify: ['handler'], unitCode: COMMUNITY, deadline: handling.deadline });
  expect((await c.clock('handling')).light).toBe('yellow');
  await expectAttribute(c.handle, SA.warningLevel, 'yellow');

  const orange = (await c.clock('handling')).next!;
  expect(orange.stage).toBe('orange');
  // the 75 % point is three quarters of the working time from dispatch to deadline
  const share = workingTimeBetween(new Date(handling.startedAt), new Date(orange.at), defaultCalendar, 'working-minutes') / workingTimeBetween(new Date(handling.startedAt), new Date(handling.deadline), defaultCalendar, 'working-minutes');
  expect(share).toBeCloseTo(0.75, 3);
  await c.harness.skipTo(orange.at);
  events = await c.eventsUntil((e) => ofType(e, 'case.warning-issued.v1', 'handling').length === 2);
  expect(ofType(events, 'case.warning-issued.v1', 'handling')[1].data).toMatchObject({ level: 'orange', fraction: 0.75, notify: ['handler', 'unit-leader'] });
  expect(ofType(events, 'case.overdue.v1')).toEqual([]);
  await expectAttribute(c.handle, SA.warningLevel, 'orange');
  expectValidEnvelopes(events, c.caseId);
  await c.close();
});

it('an overdue case gets a reminder the next working day and supervision by the level above 5 working days later', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.first-contact-recorded.v1', {}, { unitCode: COMMUNITY });
  const handling = await c.clock('handling');

  await c.harness.skipTo(handling.deadline);
  let events = await c.eventsUntil((e) => ofType(e, 'case.overdue.v1', 'handling').length === 1);
  expect(ofType(events, 'case.overdue.v1', 'handling')[0].data).toEqual({ caseId: c.caseId, clock: 'handling', unitCode: COMMUNITY, deadline: handling.deadline });
  expect(ofType(events, 'case.reminder-issued.v1')).toEqual([]);
  const attributes = (await c.handle.describe()).typedSearchAttributes;
  expect(attributes.get(SA.overdue)).toBe(true);
  expect(attributes.get(SA.warningLevel)).toBe('red');

  const reminder = (await c.clock('handling')).next!;
  expect(reminder).toEqual({ stage: 'reminder', at: addWorkingDays(new Date(handling.deadline), 1, defaultCalendar).toISOString() });
  await c.harness.skipTo(reminder.at);
  events = await c.eventsUntil((e) => ofType(e, 'case.reminder-issued.v1', 'handling').length === 1);
  expect(ofType(events, 'case.supervision-started.v1')).toEqual([]);

  const supervision = (await c.clock('handling')).next!;
  expect(supervision).toEqual({ stage: 'supervision', at: addWorkingDays(new Date(reminder.at), 5, defaultCalendar).toISOString() });
  await c.harness.skipTo(supervision.at);
  events = await c.eventsUntil((e) => ofType(e, 'case.supervision-started.v1', 'handling').length === 1);
  // a community's level above is its township
  expect(ofType(events, 'case.supervision-started.v1', 'handling')[0].data).toEqual({ caseId: c.caseId, clock: 'handling', unitCode: COMMUNITY, supervisingUnitCode: TOWNSHIP });
  await expectAttribute(c.handle, SA.warningLevel, 'supervised');

  // and each step once: a long quiet time afterwards adds nothing for the handling clock
  await c.harness.skip(30 * 24 * HOUR);
  events = await c.events();
  for (const type of ['case.warning-issued.v1', 'case.overdue.v1', 'case.reminder-issued.v1', 'case.supervision-started.v1']) {
    expect(ofType(events, type, 'handling').length).toBe(type === 'case.warning-issued.v1' ? 2 : 1);
  }
  expectValidEnvelopes(events, c.caseId);
  await c.close();
});

it('an approved extension moves the handling deadline, and nothing is overdue at the old one', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.first-contact-recorded.v1', {}, { unitCode: COMMUNITY });
  const before = await c.clock('handling');
  await c.harness.skipTo(before.next!.at); // the yellow warning
  await c.eventsUntil((e) => ofType(e, 'case.warning-issued.v1', 'handling').length === 1);

  await c.send('case.extension-approved.v1', {}, { unitCode: COMMUNITY, extraWorkingDays: 3 });
  const expected = addWorkingDays(new Date(before.deadline), 3, defaultCalendar).toISOString();
  const after = await c.eventsUntil((e) => ofType(e, 'case.deadline-set.v1', 'handling').length === 2);
  expect(ofType(after, 'case.deadline-set.v1', 'handling')[1].data).toMatchObject({ deadline: expected, unitCode: COMMUNITY });
  expect((await c.clock('handling')).deadline).toBe(expected);

  await c.harness.skipTo(before.deadline, HOUR);
  expect(ofType(await c.events(), 'case.overdue.v1')).toEqual([]);
  await c.harness.skipTo(expected);
  const events = await c.eventsUntil((e) => ofType(e, 'case.overdue.v1', 'handling').length === 1);
  expect(ofType(events, 'case.overdue.v1', 'handling')[0].data).toMatchObject({ deadline: expected });
  // the yellow warning given before the extension is not given again
  expect(ofType(events, 'case.warning-issued.v1', 'handling').filter((e) => e.data.level === 'yellow').length).toBe(1);
  await c.close();
});

it('an approved pause stops the handling clock and a resume restarts it with the time that was left', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.first-contact-recorded.v1', {}, { unitCode: COMMUNITY });
  const before = await c.clock('handling');

  await c.harness.skip(HOUR);
  const pausedAt = await c.harness.now();
  await c.send('case.clock-paused.v1', {}, { unitCode: COMMUNITY });
  expect((await c.clock('handling')).state).toBe('paused');
  await c.harness.skipTo(before.deadline, 2 * 24 * HOUR); // far beyond the deadline: nothing happens while paused
  let events = await c.events();
  expect(ofType(events, 'case.warning-issued.v1', 'handling')).toEqual([]);
  expect(ofType(events, 'case.overdue.v1')).toEqual([]);
  await expectAttribute(c.handle, SA.nextDeadline, undefined);

  const resumedAt = await c.harness.now();
  await c.send('case.clock-resumed.v1', {}, { unitCode: COMMUNITY });
  const paused = workingTimeBetween(pausedAt, resumedAt, defaultCalendar, 'working-minutes');
  const after = await eventuallyClock(c, (h) => h.state === 'running');
  const left = workingTimeBetween(resumedAt, new Date(after.deadline), defaultCalendar, 'working-minutes');
  const leftBefore = workingTimeBetween(pausedAt, new Date(before.deadline), defaultCalendar, 'working-minutes');
  expect(paused).toBeGreaterThan(0);
  expect(left).toBeCloseTo(leftBefore, 3);
  // the clock runs again in the workflow before the activity has stored what it announces: wait for it
  const announced = await c.eventsUntil((e) => ofType(e, 'case.deadline-set.v1', 'handling').length >= 2);
  expect(ofType(announced, 'case.deadline-set.v1', 'handling').map((e) => e.data.deadline)).toEqual([before.deadline, after.deadline]);

  await c.harness.skipTo(after.deadline);
  events = await c.eventsUntil((e) => ofType(e, 'case.overdue.v1', 'handling').length === 1);
  expect(ofType(events, 'case.overdue.v1', 'handling')[0].data).toMatchObject({ deadline: after.deadline });
  await c.close();
});

it('a transfer keeps the handling clock: the new unit gets its own sign-for clock and the old deadline', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch(COMMUNITY);
  const first = await c.clock('handling');
  await c.harness.skip(2 * HOUR);
  await c.send('case.transfer-requested.v1', {}, { unitCode: COMMUNITY });
  expect((await c.handle.query(caseViewQuery)).status).toBe('transfer-requested');
  await c.send('case.transfer-approved.v1', {}, { unitCode: COMMUNITY });
  await c.harness.skip(HOUR);
  const redispatchedAt = (await c.harness.now()).toISOString();
  await c.send('case.dispatched.v1', { responsibleUnitCode: DEPARTMENT }, { unitCode: DEPARTMENT });

  const handling = await eventuallyClock(c, (h) => h.unitCode === DEPARTMENT);
  expect(handling.deadline).toBe(first.deadline);
  expect(handling.startedAt).toBe(first.startedAt);
  const signFor = await c.clock('sign-for');
  expect(signFor).toMatchObject({ unitCode: DEPARTMENT, state: 'running' });
  expect(Math.abs(Date.parse(signFor.startedAt) - Date.parse(redispatchedAt))).toBeLessThan(1000);
  const attributes = (await c.handle.describe()).typedSearchAttributes;
  expect(attributes.get(SA.responsibleUnit)).toBe(DEPARTMENT);
  expect(attributes.get(SA.status)).toBe('dispatched');

  await c.harness.skipTo(first.deadline);
  const events = await c.eventsUntil((e) => ofType(e, 'case.overdue.v1', 'handling').length === 1);
  // a county department's level above is the county's supervision office
  expect(ofType(events, 'case.overdue.v1', 'handling')[0].data).toMatchObject({ unitCode: DEPARTMENT, deadline: first.deadline });
  expect((await c.clock('handling')).fired).toContain('overdue');
  await c.close();
});

it('ignores a redelivered event', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  const id = await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY }, id);
  expect((await c.handle.query(caseViewQuery)).eventsSeen).toBe(3);
  await c.close();
});

it('a whistle answered in time ends quietly', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  const whistleId = 'w-in-time-' + c.caseId.slice(0, 8);
  await c.send('whistle.blown.v1', {}, { whistleId, calledDepartmentCodes: [DEPARTMENT, 'QH-MARKET'], urgency: 'normal', unitCode: TOWNSHIP });
  const child = c.harness.env.client.workflow.getHandle(whistleWorkflowId(whistleId));
  const state = await eventuallyWhistle(child);
  expect(state.waitingFor).toEqual([DEPARTMENT, 'QH-MARKET']);
  await expectAttribute(child, SA.overdue, false);

  await c.harness.skip(30 * 60_000);
  await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: DEPARTMENT });
  await c.send('whistle.reported-on-site.v1', {}, { whistleId, departmentCode: 'QH-MARKET' });
  await completed(child);
  expect(await child.query(whistleViewQuery)).toMatchObject({ answered: [DEPARTMENT, 'QH-MARKET'], escalated: [], waitingFor: [] });
  await c.harness.skip(3 * 24 * HOUR);
  expect(ofType(await c.events(), 'whistle.answer-overdue.v1')).toEqual([]);
  expect((await c.clocks()).whistles.map((w) => w.whistleId)).toEqual([whistleId]);
  await c.close();
});

it('an urgent whistle not answered within 30 minutes is announced and escalated to the supervision office', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  const whistleId = 'w-late-' + c.caseId.slice(0, 8);
  const blownAt = await c.harness.now();
  await c.send('whistle.blown.v1', {}, { whistleId, calledDepartmentCodes: [DEPARTMENT, 'QH-MARKET'], urgency: 'urgent', unitCode: TOWNSHIP });
  const child = c.harness.env.client.workflow.getHandle(whistleWorkflowId(whistleId));
  const state = await eventuallyWhistle(child);
  // urgent: 30 minutes of natural time
  expect(Math.abs(Date.parse(state.deadline!) - (blownAt.getTime() + 30 * 60_000))).toBeLessThan(1000);
  await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: 'QH-MARKET' });

  await c.harness.skipTo(state.deadline!);
  const events = await c.eventsUntil((e) => ofType(e, 'whistle.escalated.v1').length === 1);
  expect(ofType(events, 'whistle.answer-overdue.v1').map((e) => e.data)).toEqual([{ caseId: c.caseId, whistleId, departmentCode: DEPARTMENT, deadline: state.deadline }]);
  expect(ofType(events, 'whistle.escalated.v1').map((e) => e.data)).toEqual([{ caseId: c.caseId, whistleId, departmentCode: DEPARTMENT, supervisingUnitCode: SUPERVISION }]);
  expect(events.filter((e) => e.type.startsWith('whistle.')).every((e) => e.streamId === whistleWorkflowId(whistleId))).toBe(true);
  const attributes = (await child.describe()).typedSearchAttributes;
  expect(attributes.get(SA.overdue)).toBe(true);
  expect(attributes.get(SA.township)).toBe(TOWNSHIP);

  await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: DEPARTMENT });
  await completed(child);
  expect(await child.query(whistleViewQuery)).toMatchObject({ escalated: [DEPARTMENT], waitingFor: [] });
  expectValidEnvelopes(events, c.caseId);
  await c.close();
});

it("announces a whistle's answer deadline and warns the departments that have not answered at 50 % and 75 %", async () => {
  const c = harness.newCase();
  c.correlationId = `corr-${c.caseId}`;
  await c.receiveAndDispatch();
  const whistleId = 'w-warned-' + c.caseId.slice(0, 8);
  const blownId = await c.send('whistle.blown.v1', {}, { whistleId, calledDepartmentCodes: [DEPARTMENT, 'QH-MARKET'], urgency: 'urgent', unitCode: TOWNSHIP });
  const child = c.harness.env.client.workflow.getHandle(whistleWorkflowId(whistleId));
  const state = await eventuallyWhistle(child);
  let events = await c.eventsUntil((e) => ofType(e, 'whistle.answer-deadline-set.v1').length === 1);
  expect(ofType(events, 'whistle.answer-deadline-set.v1').map((e) => e.data)).toEqual([{ caseId: c.caseId, whistleId, calledDepartmentCodes: [DEPARTMENT, 'QH-MARKET'], deadline: state.deadline }]);
  await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: 'QH-MARKET' });
  await eventually(async () => ((await child.query(whistleViewQuery)).waitingFor.length === 1 ? true : undefined));

  // urgent: 30 minutes of natural time, so the warnings come after 15 and 22.5 minutes, to the department still silent
  const blownAt = Date.parse(state.deadline!) - 30 * 60_000;
  await c.harness.skipTo(new Date(blownAt + 15 * 60_000).toISOString());
  events = await c.eventsUntil((e) => ofType(e, 'whistle.answer-warning-issued.v1').length === 1);
  await c.harness.skipTo(new Date(blownAt + 22.5 * 60_000).toISOString());
  events = await c.eventsUntil((e) => ofType(e, 'whistle.answer-warning-issued.v1').length === 2);
  expect(ofType(events, 'whistle.answer-warning-issued.v1').map((e) => e.data)).toEqual([
    { caseId: c.caseId, whistleId, departmentCode: DEPARTMENT, level: 'yellow', fraction: 0.5, notify: ['handler'], deadline: state.deadline },
    { caseId: c.caseId, whistleId, departmentCode: DEPARTMENT, level: 'orange', fraction: 0.75, notify: ['handler', 'unit-leader'], deadline: state.deadline },
  ]);
  await expectAttribute(child, SA.warningLevel, 'orange');
  await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: DEPARTMENT });
  await completed(child);
  await c.harness.skip(HOUR);
  events = await c.events();
  expect(ofType(events, 'whistle.answer-overdue.v1')).toEqual([]);
  // what the whistle's clock says follows from the whistle, with the case's correlation id
  const whistles = events.filter((e) => e.type.startsWith('whistle.'));
  expect(whistles.every((e) => e.causationId === blownId && e.correlationId === c.correlationId)).toBe(true);
  expectValidEnvelopes(events, c.caseId);
  await c.close();
});

async function eventuallyClock(c: ReturnType<CaseHarness['newCase']>, pred: (h: Awaited<ReturnType<typeof c.clock>>) => boolean) {
  const { eventually } = await import('@county/testing');
  return eventually(async () => {
    const h = await c.clock('handling');
    return pred(h) ? h : undefined;
  }, 20_000, 50);
}

async function eventuallyWhistle(child: ReturnType<CaseHarness['env']['client']['workflow']['getHandle']>) {
  const { eventually } = await import('@county/testing');
  return eventually(() => child.query(whistleViewQuery), 20_000, 50);
}

it('a case sent to triage says so until a dispatcher dispatches it', async () => {
  const c = harness.newCase();
  await c.send('case.received.v1', { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', channel: 'hotline' });
  await c.send('case.sent-to-triage.v1', { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: TOWNSHIP });
  await eventually(async () => ((await c.handle.query(caseViewQuery)).status === 'in-triage' ? true : undefined));
  const description = await c.handle.describe();
  expect(description.typedSearchAttributes.get(SA.status)).toBe('in-triage');
  expect(description.typedSearchAttributes.get(SA.township)).toBe(TOWNSHIP);
  const { currentDetails } = await c.handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
  expect(currentDetails).toContain('In triage at the centre');
  // no clock runs while the case waits in triage; the dispatch starts them
  expect((await c.clocks()).clocks).toEqual([]);
  await c.send('case.dispatched.v1', { responsibleUnitCode: COMMUNITY }, { unitCode: COMMUNITY });
  await c.clock('handling');
  expect((await c.handle.query(caseViewQuery)).status).toBe('dispatched');
  await c.close();
});

it('a reopened case (重办) is signed for and handled again by the same unit, reviewed and visited again, and closes', async () => {
  const c = harness.newCase();
  await c.receiveAndDispatch();
  const status = async () => (await c.handle.query(caseViewQuery)).status;
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.first-contact-recorded.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.result-submitted.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.result-approved.v1', {}, { unitCode: COMMUNITY });
  await c.clock('return-visit');
  await c.harness.skip(HOUR);
  await c.send('case.return-visit-recorded.v1');
  const reopenedAt = (await c.harness.now()).toISOString();
  await c.send('case.reopened.v1', { responsibleUnitCode: COMMUNITY }, { unitCode: COMMUNITY });

  // a new sign-for and handling clock for the unit, from the reopen; the first round's clocks are done
  const handling = await eventually(async () => {
    const h = (await c.clocks()).clocks.find((x) => x.clock === 'handling');
    return h && h.startedAt >= reopenedAt && h.state === 'running' ? h : undefined;
  });
  expect(await status()).toBe('reopened');
  expect(handling).toMatchObject({ unitCode: COMMUNITY, state: 'running' });
  expect(handling.deadline).toBe(addWorkingDays(new Date(handling.startedAt), 5, defaultCalendar).toISOString());
  expect(await c.clock('sign-for')).toMatchObject({ unitCode: COMMUNITY, state: 'running' });
  expect(await c.clock('return-visit')).toMatchObject({ state: 'met' });
  await expectAttribute(c.handle, SA.status, 'reopened');

  // the second round
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await eventually(async () => ((await status()) === 'signed-for' ? true : undefined));
  expect(await c.clock('sign-for')).toMatchObject({ state: 'met' });
  await c.send('case.result-submitted.v1', {}, { unitCode: COMMUNITY });
  await eventually(async () => ((await status()) === 'result-submitted' ? true : undefined));
  expect(await c.clock('handling')).toMatchObject({ state: 'met' });
  expect(await c.clock('review')).toMatchObject({ state: 'running' });
  await c.send('case.result-approved.v1', {}, { unitCode: COMMUNITY });
  await eventually(async () => ((await status()) === 'result-approved' ? true : undefined));
  expect(await c.clock('return-visit')).toMatchObject({ state: 'running' });
  await c.send('case.return-visit-recorded.v1');
  await c.close();

  const events = await c.events();
  // the reopen's handling deadline was announced to the unit
  expect(ofType(events, 'case.deadline-set.v1', 'handling').map((e) => e.data)).toContainEqual({ caseId: c.caseId, clock: 'handling', unitCode: COMMUNITY, deadline: handling.deadline });
  expect(ofType(events, 'case.overdue.v1')).toEqual([]);
  expectValidEnvelopes(events, c.caseId);
  const description = await c.handle.describe();
  expect(description.status.name).toBe('COMPLETED');
  expect(description.typedSearchAttributes.get(SA.status)).toBe('closed');
});

it('a case reopened on the day of its first review announces every clock of its second round once, with its warnings and overdue, and a retry writes nothing', async () => {
  // everything of the first round on one working morning: the second round's handling, review and
  // return-visit deadlines fall on the very instants of the first round's
  const morning = new Date(addWorkingDays(await harness.now(), 1, defaultCalendar).getTime() - 7.5 * HOUR);
  await harness.skipTo(morning.toISOString(), 0);
  const c = harness.newCase();
  c.correlationId = `corr-${c.caseId}`;
  await c.receiveAndDispatch();
  const first = await c.clock('handling');
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.first-contact-recorded.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.result-submitted.v1', {}, { unitCode: COMMUNITY });
  await c.send('case.result-approved.v1', {}, { unitCode: COMMUNITY });
  const firstRound = await c.eventsUntil((e) => ofType(e, 'case.deadline-set.v1', 'return-visit').length === 1);
  await c.send('case.return-visit-recorded.v1');
  const reopenId = await c.send('case.reopened.v1', { responsibleUnitCode: COMMUNITY }, { unitCode: COMMUNITY });
  const second = await eventually(async () => {
    const h = (await c.clocks()).clocks.find((x) => x.clock === 'handling');
    return h && h.state === 'running' && h.startedAt > first.startedAt ? h : undefined;
  });
  expect(second.deadline).toBe(first.deadline);

  // the second round: signed for, then nothing until the handling clock warns twice and runs out
  await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
  await eventuallyClock(c, (h) => h.next?.stage === 'yellow');
  await c.harness.skipTo((await c.clock('handling')).next!.at);
  await eventuallyClock(c, (h) => h.fired.includes('yellow'));
  await c.harness.skipTo((await c.clock('handling')).next!.at);
  await eventuallyClock(c, (h) => h.fired.includes('orange'));
  await c.harness.skipTo(second.deadline);
  await eventuallyClock(c, (h) => h.fired.includes('overdue'));
  await c.send('case.result-submitted.v1', {}, { unitCode: COMMUNITY });
  await c.clock('review');
  await c.send('case.result-approved.v1', {}, { unitCode: COMMUNITY });
  await c.eventsUntil((e) => ofType(e, 'case.deadline-set.v1', 'return-visit').length === 2);
  await c.send('case.return-visit-recorded.v1');
  await c.close();

  const events = await c.events();
  const secondRound = events.slice(firstRound.length);
  const perClock = (list: StoredCaseEvent[], type: string) => list.filter((e) => e.type === type).reduce<Record<string, number>>((n, e) => ({ ...n, [String(e.data.clock)]: (n[String(e.data.clock)] ?? 0) + 1 }), {});
  expect(perClock(firstRound, 'case.deadline-set.v1')).toEqual({ 'sign-for': 1, 'first-contact': 1, handling: 1, 'transfer-window': 1, review: 1, 'return-visit': 1 });
  expect(perClock(secondRound, 'case.deadline-set.v1')).toEqual({ 'sign-for': 1, handling: 1, review: 1, 'return-visit': 1 });
  // the same handling deadline as the first round's, announced again for the second
  expect(ofType(secondRound, 'case.deadline-set.v1', 'handling')[0].data).toEqual({ caseId: c.caseId, clock: 'handling', unitCode: COMMUNITY, deadline: first.deadline });
  expect(ofType(secondRound, 'case.warning-issued.v1', 'handling').map((e) => e.data.level)).toEqual(['yellow', 'orange']);
  expect(ofType(secondRound, 'case.overdue.v1', 'handling').map((e) => e.data.deadline)).toEqual([first.deadline]);
  // what the reopen started follows from the reopen, and every event carries the case's correlation id
  expect(ofType(secondRound, 'case.deadline-set.v1', 'handling')[0].causationId).toBe(reopenId);
  expect(ofType(secondRound, 'case.overdue.v1', 'handling')[0].causationId).toBe(reopenId);
  expect(new Set(events.map((e) => e.correlationId))).toEqual(new Set([c.correlationId]));
  expectValidEnvelopes(events, c.caseId);

  // a retried activity (the same input again, as the worker ran it) writes nothing new
  const requests = harness.emitted.filter((r) => r.streamId === c.handle.workflowId);
  expect(requests.length).toBeGreaterThan(0);
  const activities = createActivities(harness.store);
  for (const request of requests) expect(await activities.emitCaseEvents(request)).toEqual({ appended: 0, duplicates: request.events.length });
  expect(await c.events()).toHaveLength(events.length);
});

/** Search attributes follow the workflow task that sets them: poll briefly instead of racing it. */
async function expectAttribute(handle: { describe(): Promise<{ typedSearchAttributes: { get(key: never): unknown } }> }, key: (typeof SA)[keyof typeof SA], value: unknown): Promise<void> {
  const read = async () => (await handle.describe()).typedSearchAttributes.get(key as never);
  await eventually(async () => (isEqual(await read(), value) ? true : undefined), 10_000, 100).catch(() => undefined);
  expect(await read()).toEqual(value);
}

function isEqual(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}
