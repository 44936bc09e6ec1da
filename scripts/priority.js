// Scheduling priority of the services when they share one machine (npm start, bench:e2e).
//
// Intake and the console are the front door: a hotline agent's POST and a person's click must be
// answered even while the pipeline behind them (dispatch, handling, evaluation, case-worker) works
// off a backlog. On one machine they all compete for the same cores, so the pipeline runs at a
// lower priority (a higher nice value): it gets every cycle the front door leaves, and catches up
// once the storm is over. Deadlines come from each case's own event times, so a pipeline that is
// late sets the same deadlines. In Kubernetes each service has pods of its own and this does not
// apply (the chart's CPU requests and autoscalers do that work).
//
// COUNTY_PIPELINE_NICE: the nice value of the pipeline's processes, 0 to 19 (10 when unset; 0 runs
// them at the front door's priority).

const FRONT_DOOR = new Set(['intake', 'console']);
const DEFAULT_PIPELINE_NICE = 10;

/** The nice value a service runs at, read from COUNTY_PIPELINE_NICE. */
function niceOf(service, env = process.env) {
  if (FRONT_DOOR.has(service)) return 0;
  const raw = env.COUNTY_PIPELINE_NICE;
  if (raw === undefined || raw === '') return DEFAULT_PIPELINE_NICE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 19) throw new Error(`COUNTY_PIPELINE_NICE must be a whole number from 0 to 19, got "${raw}"`);
  return n;
}

/**
 * The command that runs `command args` at the service's priority: through nice(1), so that every
 * thread of the process (the event loop, libuv's pool, V8's and Temporal's own) starts at it.
 */
function atPriority(service, command, args, env = process.env) {
  const nice = niceOf(service, env);
  return nice === 0 ? { command, args } : { command: 'nice', args: ['-n', String(nice), command, ...args] };
}

module.exports = { FRONT_DOOR, DEFAULT_PIPELINE_NICE, niceOf, atPriority };
