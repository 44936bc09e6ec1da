/**
 * Records the histories that the replay test (test/replay.spec.ts) replays against the current
 * workflow code. Run it after a deliberate workflow change that is guarded by a patch, and commit
 * the new files beside the old ones (old histories stay: they are what running cases look like),
 * under the prefix of the new generation:
 *
 *   HISTORY_GENERATION=v3 node -r ./scripts/register.js apps/case-worker/test/support/record-histories.ts [scenario ...]
 *
 * Without names it records the scenarios that have no history of that generation yet; a history
 * once committed is what the code of its time did, so it is written again only when named.
 *
 * Needs PostgreSQL (the activities write to an event store) and Temporal's time-skipping test server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { CaseHarness, COMMUNITY, DEPARTMENT, TOWNSHIP, completed, type TestCase } from './case-harness';
import { whistleWorkflowId } from '../../src/workflows/definitions';

const OUT = path.join(__dirname, '..', 'histories');
/**
 * The prefix of the files written: the generation of the workflow code (v1: the clocks; v2: either
 * a step in one workflow task or every clock run with ids of its own, recorded apart; v3: both;
 * v4: case-economy-v1, one patch for all of them and fewer server operations per step).
 */
const GENERATION = process.env.HISTORY_GENERATION ?? 'v4';
const HOUR = 3_600_000;

const SCENARIOS: Record<string, (c: TestCase) => Promise<WorkflowHandle[]>> = {
  // overdue, reminder and supervision, then closed
  'overdue-supervised-closed': async (c) => {
    await c.receiveAndDispatch();
    await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
    const handling = await c.clock('handling');
    await c.harness.skipTo(handling.deadline);
    await c.harness.skipTo((await c.clock('handling')).next!.at);
    await c.harness.skipTo((await c.clock('handling')).next!.at);
    await c.eventsUntil((e) => e.some((x) => x.type === 'case.supervision-started.v1'));
    await c.close();
    return [c.handle];
  },
  // a whole life: transfer, pause, extension, result, review, return visit, reopen, closed
  'full-life-closed': async (c) => {
    await c.receiveAndDispatch();
    await c.send('case.transfer-requested.v1', {}, { unitCode: COMMUNITY });
    await c.send('case.transfer-approved.v1', {}, { unitCode: COMMUNITY });
    await c.send('case.dispatched.v1', { responsibleUnitCode: DEPARTMENT }, { unitCode: DEPARTMENT });
    await c.send('case.signed-for.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.first-contact-recorded.v1', {}, { unitCode: DEPARTMENT });
    await c.harness.skip(HOUR);
    await c.send('case.clock-paused.v1', {}, { unitCode: DEPARTMENT });
    await c.harness.skip(24 * HOUR);
    await c.send('case.clock-resumed.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.extension-approved.v1', {}, { unitCode: DEPARTMENT, extraWorkingDays: 2 });
    await c.harness.skipTo((await c.clock('handling')).next!.at);
    await c.send('case.result-submitted.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.result-sent-back.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.result-submitted.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.result-approved.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.return-visit-recorded.v1');
    await c.send('case.reopened.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.signed-for.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.result-submitted.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.result-approved.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.return-visit-recorded.v1');
    await c.close();
    return [c.handle];
  },
  // a whistle not answered in time (the case and the whistle's child), case still open
  'whistle-escalated-open': async (c) => {
    await c.receiveAndDispatch();
    const whistleId = `w-${c.caseId.slice(0, 8)}`;
    await c.send('whistle.blown.v1', {}, { whistleId, calledDepartmentCodes: [DEPARTMENT], urgency: 'urgent', unitCode: TOWNSHIP });
    const child = c.harness.env.client.workflow.getHandle(whistleWorkflowId(whistleId));
    await c.eventsUntil((e) => e.some((x) => x.type === 'case.deadline-set.v1'));
    await c.harness.skip(31 * 60_000);
    await c.eventsUntil((e) => e.some((x) => x.type === 'whistle.escalated.v1'));
    await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: DEPARTMENT });
    await completed(child);
    await c.clocks();
    return [c.handle, child];
  },
  // every run of a clock has ids of its own (case-clock-runs-v1): a case reopened on the day of its
  // first review, whose second round runs into warnings and overdue; correlation ids passed on
  'reopened-same-day-overdue-closed': async (c) => {
    c.correlationId = `corr-${c.caseId}`;
    await c.receiveAndDispatch();
    await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
    await c.send('case.result-submitted.v1', {}, { unitCode: COMMUNITY });
    await c.send('case.result-approved.v1', {}, { unitCode: COMMUNITY });
    await c.eventsUntil((e) => e.some((x) => x.type === 'case.deadline-set.v1' && x.data.clock === 'return-visit'));
    await c.send('case.return-visit-recorded.v1');
    await c.send('case.reopened.v1', { responsibleUnitCode: COMMUNITY }, { unitCode: COMMUNITY });
    await c.eventsUntil((e) => e.filter((x) => x.type === 'case.deadline-set.v1' && x.data.clock === 'handling').length === 2);
    await c.send('case.signed-for.v1', {}, { unitCode: COMMUNITY });
    const handling = await c.clock('handling');
    await c.harness.skipTo(handling.deadline);
    await c.eventsUntil((e) => e.filter((x) => x.type === 'case.overdue.v1' && x.data.clock === 'handling').length === 1);
    await c.send('case.result-submitted.v1', {}, { unitCode: COMMUNITY });
    await c.send('case.result-approved.v1', {}, { unitCode: COMMUNITY });
    await c.send('case.return-visit-recorded.v1');
    await c.close();
    return [c.handle];
  },
  // a whistle's answer clock announced and warned (whistle-answer-clock-v1), then answered
  'whistle-warned-answered-open': async (c) => {
    c.correlationId = `corr-${c.caseId}`;
    await c.receiveAndDispatch();
    const whistleId = `w-${c.caseId.slice(0, 8)}`;
    await c.send('whistle.blown.v1', {}, { whistleId, calledDepartmentCodes: [DEPARTMENT, 'QH-MARKET'], urgency: 'urgent', unitCode: TOWNSHIP });
    const child = c.harness.env.client.workflow.getHandle(whistleWorkflowId(whistleId));
    await c.eventsUntil((e) => e.some((x) => x.type === 'whistle.answer-deadline-set.v1'));
    await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: 'QH-MARKET' });
    await c.harness.skip(23 * 60_000);
    await c.eventsUntil((e) => e.filter((x) => x.type === 'whistle.answer-warning-issued.v1').length === 2);
    await c.send('whistle.answered.v1', {}, { whistleId, departmentCode: DEPARTMENT });
    await completed(child);
    await c.clocks();
    return [c.handle, child];
  },
};

async function main() {
  const named = process.argv.slice(2);
  const unknown = named.filter((n) => !(n in SCENARIOS));
  if (unknown.length) throw new Error(`no scenario ${unknown.join(', ')}; there are ${Object.keys(SCENARIOS).join(', ')}`);
  const wanted = Object.entries(SCENARIOS).filter(([name]) => (named.length ? named.includes(name) : !fs.existsSync(path.join(OUT, `${GENERATION}-${name}.json`))));
  const harness = await CaseHarness.start();
  try {
    for (const [name, run] of wanted) {
      const handles = await run(harness.newCase());
      for (const [i, handle] of handles.entries()) {
        const { history } = await harness.env.client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: handle.workflowId } });
        if (!history) throw new Error(`no history for ${handle.workflowId}`);
        const file = path.join(OUT, `${GENERATION}-${name}${i ? `-child-${i}` : ''}.json`);
        fs.writeFileSync(file, `${JSON.stringify(historyJson(history), null, 1)}\n`);
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
    }
  } finally {
    await harness.stop();
  }
}

/** JSON of a history (fromObject reads it back); the recording worker's identity is left out. */
function historyJson(history: temporal.api.history.v1.IHistory): unknown {
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String });
  return JSON.parse(JSON.stringify(json, (k, v) => (k === 'identity' ? 'recorder' : v)));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
