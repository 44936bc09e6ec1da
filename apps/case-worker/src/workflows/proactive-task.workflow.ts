/**
 * ProactiveTaskWorkflow: one per proactive task (未诉先办), id proactive-task-<taskId>, started by
 * the Kafka bridge when evaluation opens the task and signalled when the unit signs for it and
 * reports its closure (handling). It runs the task's one clock, from its opening to the deadline
 * evaluation recorded (the category's handling limit in working time): warnings at 50 % (yellow,
 * to the handler) and 75 % (orange, also to the unit's leader) while the task is open, and
 * overdue at the deadline; each announced as an event through case-worker's store. It ends when
 * the closure report arrives. A task of its own rather than a kind of caseWorkflow: a task has no
 * dispatch, transfer, review or return visit, and the case workflow's recorded histories stay as
 * they are.
 */
import { condition, proxyActivities, proxyLocalActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { CaseActivities, EmitRequest } from '../activities';
import { SA } from './definitions';
import { taskClockQuery, taskEventSignal, type ProactiveTaskClock, type ProactiveTaskWorkflowInput, type TaskOpening, type TaskSignal } from './proactive-task.definitions';
import { formatLocal } from './words';

const { emitCaseEvents } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { planClock } = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '10 seconds' });

export async function proactiveTaskWorkflow(input: ProactiveTaskWorkflowInput): Promise<ProactiveTaskClock> {
  const workflowId = workflowInfo().workflowId;
  const seen = new Set<string>();
  const fired: string[] = [];
  const task: { opening?: TaskOpening; openedEvent?: TaskSignal; signedAt?: string; closedAt?: string; light: ProactiveTaskClock['light']; overdue: boolean } = { light: 'none', overdue: false };

  setHandler(taskEventSignal, (signal) => {
    if (seen.has(signal.eventId)) return;
    seen.add(signal.eventId);
    if (signal.type === 'proactive-task.opened.v1' && signal.opening) {
      task.opening = signal.opening;
      task.openedEvent = signal;
    } else if (signal.type === 'proactive-task.signed-for.v1') task.signedAt ??= signal.at;
    else if (signal.type === 'proactive-task.closure-reported.v1') task.closedAt ??= signal.at;
  });
  const view = (): ProactiveTaskClock => ({
    taskId: input.taskId,
    state: !task.opening ? 'waiting' : task.closedAt === undefined ? 'running' : Date.parse(task.closedAt) > Date.parse(task.opening.deadline) ? 'late' : 'met',
    ...(task.opening ? { unitCode: task.opening.unitCode, deadline: task.opening.deadline } : {}),
    ...(task.signedAt ? { signedAt: task.signedAt } : {}),
    ...(task.closedAt ? { closedAt: task.closedAt } : {}),
    light: task.light,
    overdue: task.overdue,
    fired: [...fired],
  });
  setHandler(taskClockQuery, view);

  // a later event of the task may arrive before its opening (another topic): wait for the opening
  await condition(() => task.opening !== undefined);
  const opening = task.opening!;
  const opened = task.openedEvent!;
  const closed = () => task.closedAt !== undefined;

  // the warning points of the task's clock, planned like a case's handling clock (recorded in history)
  const plan = await planClock({ kind: 'start', clock: 'handling', from: opening.openedAt, categoryCode: opening.categoryCode, urgency: 'normal', unitCode: opening.unitCode });
  const until = formatLocal(opening.deadline, plan.utcOffsetMinutes);
  const warnings = plan.points.filter((p) => (p.stage === 'yellow' || p.stage === 'orange') && Date.parse(p.at) < Date.parse(opening.deadline));

  const attributes: SearchAttributeUpdatePair[] = [
    { key: SA.responsibleUnit, value: opening.unitCode },
    { key: SA.category, value: opening.categoryCode },
    { key: SA.nextDeadline, value: new Date(opening.deadline) },
    { key: SA.overdue, value: false },
    { key: SA.warningLevel, value: 'none' },
  ];
  if (opening.townshipCode) attributes.push({ key: SA.township, value: opening.townshipCode });
  upsertSearchAttributes(attributes);
  setCurrentDetails(`Proactive task ${input.taskId} of ${opening.unitCode}: due ${until}.`);

  const emit = (events: EmitRequest['events']) =>
    emitCaseEvents({
      // the task's subject is its Kafka key, as the case id is a case's
      caseId: workflowId,
      streamId: workflowId,
      time: new Date(Date.now()).toISOString(),
      causationId: opened.eventId,
      ...(opened.correlationId ? { correlationId: opened.correlationId } : {}),
      events,
    });

  for (const warning of warnings) {
    if (await condition(closed, Math.max(1, Date.parse(warning.at) - Date.now()))) break;
    const level = warning.stage === 'orange' ? 'orange' : 'yellow';
    await emit([
      {
        key: `${workflowId}/${level}/${opening.deadline}`,
        type: 'proactive-task.warning-issued.v1',
        data: { taskId: input.taskId, unitCode: opening.unitCode, level, fraction: warning.fraction ?? (level === 'yellow' ? 0.5 : 0.75), notify: [...(warning.notify ?? ['handler'])], deadline: opening.deadline },
      },
    ]);
    task.light = level;
    fired.push(level);
    upsertSearchAttributes([{ key: SA.warningLevel, value: level }]);
    setCurrentDetails(`Proactive task ${input.taskId} of ${opening.unitCode}: ${level} warning; due ${until}.`);
  }

  if (!(await condition(closed, Math.max(1, Date.parse(opening.deadline) - Date.now())))) {
    await emit([{ key: `${workflowId}/overdue/${opening.deadline}`, type: 'proactive-task.overdue.v1', data: { taskId: input.taskId, unitCode: opening.unitCode, deadline: opening.deadline } }]);
    task.light = 'red';
    task.overdue = true;
    fired.push('overdue');
    upsertSearchAttributes([{ key: SA.overdue, value: true }, { key: SA.warningLevel, value: 'red' }]);
    setCurrentDetails(`Proactive task ${input.taskId} of ${opening.unitCode}: overdue since ${until}; waiting for its closure report.`);
    await condition(closed);
  }
  upsertSearchAttributes([{ key: SA.overdue, value: false }]);
  setCurrentDetails(`Proactive task ${input.taskId} of ${opening.unitCode}: closed ${task.overdue ? 'late' : 'in time'}.`);
  return view();
}
