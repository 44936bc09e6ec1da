import { TOPICS } from '@county/contracts';
import { collectMessages, testKafka, type ReceivedMessage } from '@county/testing';
import { startDispatch } from '../../apps/dispatch/src/main';
import { startCaseWorker } from '../../apps/case-worker/src/main';
import { planClock } from '@county/rules';
import { startSystem, type RunningSystem } from '../support/system';

// A storm leaves dispatch and case-worker behind intake. A case received while they are behind
// must get the deadlines it would have got without a backlog: they run from the case's own event
// times, never from the moment a consumer or the worker caught up.

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem(['intake', 'dispatch', 'case-worker']);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

interface Envelope {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
}

const appeal = (n: number) => ({
  channel: 'hotline',
  channelReference: `HL-BACKLOG-${Date.now()}-${n}`,
  appealType: 'complaint',
  categoryCode: 'UM.ORDER.PARKING',
  urgency: 'normal',
  description: '小区门口有车辆长期占用消防通道',
  location: { gridCode: 'QH-CG-04-04' },
  resident: { name: '李四', phone: `1390000${String(n).padStart(4, '0')}` },
  receivedAt: new Date().toISOString(),
});

async function post(n: number): Promise<string> {
  const res = await fetch(`${system.url('intake')}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dev-hotline-key' },
    body: JSON.stringify(appeal(n)),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}

const of = (messages: ReceivedMessage[], caseId: string) => messages.filter((m) => m.key === caseId).map((m) => m.value as Envelope);

it('a case received during a backlog gets the deadlines it would get without one', async () => {
  const prefix = system.topicPrefix;
  const outside = await collectMessages(testKafka(), [`${prefix}${TOPICS.intake}`, `${prefix}${TOPICS.dispatch}`, `${prefix}${TOPICS['case-worker']}`]);
  const complete = (caseId: string) => (m: ReceivedMessage[]) => {
    const mine = of(m, caseId);
    return mine.some((e) => e.type === 'case.dispatched.v1') && ['sign-for', 'handling'].every((clock) => mine.some((e) => e.type === 'case.deadline-set.v1' && e.data.clock === clock));
  };
  try {
    // the routing and the clocks fall behind: dispatch and case-worker are not consuming
    await system.apps.dispatch!.close();
    await system.apps['case-worker']!.close();
    const late = await post(1);
    await outside.waitFor((m) => of(m, late).some((e) => e.type === 'case.received.v1'), 30_000);
    // ... and catch up later
    system.apps.dispatch = await startDispatch(system.env);
    system.apps['case-worker'] = await startCaseWorker(system.env);
    await outside.waitFor(complete(late), 90_000);

    const mine = of(outside.messages, late);
    const received = mine.find((e) => e.type === 'case.received.v1')!;
    const dispatched = mine.find((e) => e.type === 'case.dispatched.v1')!;
    // dispatched when intake recorded it, by the list in effect then, although routed later
    expect(Date.parse(dispatched.time)).toBeGreaterThan(Date.parse(received.time));
    expect(dispatched.data.dispatchedAt).toBe(received.time);
    // every clock of the dispatch runs from that instant, as it would without the backlog
    for (const clock of ['sign-for', 'handling'] as const) {
      const expected = planClock({ kind: 'start', clock, unitCode: 'QH-CG', from: received.time, categoryCode: 'UM.ORDER.PARKING', urgency: 'normal' });
      const set = mine.find((e) => e.type === 'case.deadline-set.v1' && e.data.clock === clock)!;
      expect(set.data).toMatchObject({ clock, deadline: expected.deadline, unitCode: 'QH-CG' });
    }

    // the same case without a backlog: same rule, same deadlines from its own received time
    const prompt = await post(2);
    await outside.waitFor(complete(prompt), 90_000);
    const promptEvents = of(outside.messages, prompt);
    const promptReceived = promptEvents.find((e) => e.type === 'case.received.v1')!;
    expect(promptEvents.find((e) => e.type === 'case.dispatched.v1')!.data.dispatchedAt).toBe(promptReceived.time);
    const handling = promptEvents.find((e) => e.type === 'case.deadline-set.v1' && e.data.clock === 'handling')!;
    expect(handling.data.deadline).toBe(planClock({ kind: 'start', clock: 'handling', unitCode: 'QH-CG', from: promptReceived.time, categoryCode: 'UM.ORDER.PARKING', urgency: 'normal' }).deadline);
  } finally {
    await outside.stop();
  }
}, 240_000);
