import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { workflowBundle } from './support/case-harness';

// Replays histories recorded from earlier and current workflow code (test/histories, written by
// test/support/record-histories.ts) against the current code: a change that would break a running
// case (a command in a different order, a missing patch) fails here, before it is deployed.

const DIR = path.join(__dirname, 'histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

function load(file: string) {
  const json = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
  const history = temporal.api.history.v1.History.fromObject(json);
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error(`${file} does not start with WorkflowExecutionStarted`);
  return { workflowId: file.replace(/\.json$/, ''), history };
}

it('has histories from before the clocks patch and from the current code', () => {
  expect(files.some((f) => f.startsWith('v0-'))).toBe(true);
  expect(files.some((f) => f.startsWith('v1-'))).toBe(true);
});

it('replays every recorded history against the current workflow code', async () => {
  const bundle = await workflowBundle();
  const results: { workflowId: string; error?: unknown }[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, files.map(load))) results.push(result);
  expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }))).toEqual(files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), error: undefined })));
}, 120_000);
