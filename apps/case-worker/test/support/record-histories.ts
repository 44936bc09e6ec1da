/**
 * Records the histories that the replay test (test/replay.spec.ts) replays against the current
 * workflow code. Run it after a deliberate workflow change that is guarded by a patch, and commit
 * the new files beside the old ones (old histories stay: they are what running cases look like),
 * under the prefix of the new generation:
 *
 *   HISTORY_GENERATION=v2 node -r ./scripts/register.js apps/case-worker/test/support/record-histories.ts
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
/** The prefix of the files written: the generation of the workflow code (v1: the clocks; v2: a step in one workflow task). */
const GENERATION = process.env.HISTORY_GENERATION ?? 'v2';
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
    await c.send('case.dispatched.v1', { responsibleUnitCode: DEPARTMENT }, { unitCode: DEPARTMENT, redispatch: true });
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
    await c.send('case.return-visit-recorded.v1', {}, { resolved: false });
    await c.send('case.reopened.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.signed-for.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.result-submitted.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.result-approved.v1', {}, { unitCode: DEPARTMENT });
    await c.send('case.return-visit-recorded.v1', {}, { resolved: true });
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
};

async function main() {
  const harness = await CaseHarness.start();
  try {
    for (const [name, run] of Object.entries(SCENARIOS)) {
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
