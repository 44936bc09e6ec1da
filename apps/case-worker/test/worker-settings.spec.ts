import { DEFAULT_START_DELAY_MS, DEFAULT_WORKER_TUNING, workerSettings } from '../src/temporal';

describe("case-worker's worker settings", () => {
  it('uses the measured defaults and no metrics endpoint when nothing is set', () => {
    expect(workerSettings({})).toEqual({ tuning: DEFAULT_WORKER_TUNING, startDelayMs: DEFAULT_START_DELAY_MS });
  });

  it('takes the empty values a ConfigMap gives for unset settings as unset', () => {
    expect(workerSettings({ CASE_WORKER_TUNING: '', CASE_WORKFLOW_START_DELAY_MS: '', TEMPORAL_WORKER_METRICS_ADDRESS: '' })).toEqual(workerSettings({}));
  });

  it('takes sizes from CASE_WORKER_TUNING over the defaults, and the metrics address', () => {
    const s = workerSettings({ CASE_WORKER_TUNING: '{"maxConcurrentWorkflowTaskPolls":20,"maxCachedWorkflows":5000}', TEMPORAL_WORKER_METRICS_ADDRESS: '127.0.0.1:9464' });
    expect(s.metricsAddress).toBe('127.0.0.1:9464');
    expect(s.tuning).toEqual({ ...DEFAULT_WORKER_TUNING, maxConcurrentWorkflowTaskPolls: 20, maxCachedWorkflows: 5000 });
  });

  it.each([
    ['not json', /not JSON/],
    ['[1]', /JSON object/],
    ['{"maxCachedWorkflow":10}', /maxCachedWorkflow is not one of/],
    ['{"maxCachedWorkflows":0}', /maxCachedWorkflows must be a positive number/],
    ['{"workflowThreadPoolSize":"2"}', /workflowThreadPoolSize must be a positive number/],
  ])('refuses CASE_WORKER_TUNING=%s, naming what is wrong', (value, message) => {
    expect(() => workerSettings({ CASE_WORKER_TUNING: value })).toThrow(message);
  });

  it('takes the start delay from CASE_WORKFLOW_START_DELAY_MS (0: none) and refuses one that is not a whole number of ms', () => {
    expect(workerSettings({ CASE_WORKFLOW_START_DELAY_MS: '0' }).startDelayMs).toBe(0);
    expect(workerSettings({ CASE_WORKFLOW_START_DELAY_MS: '2500' }).startDelayMs).toBe(2500);
    for (const bad of ['-1', '1.5', 'soon']) expect(() => workerSettings({ CASE_WORKFLOW_START_DELAY_MS: bad })).toThrow(/CASE_WORKFLOW_START_DELAY_MS/);
  });
});
