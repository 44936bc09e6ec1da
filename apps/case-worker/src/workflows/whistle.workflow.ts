/**
 * WhistleWorkflow: one per whistle (吹哨), a child of its case's workflow (id whistle-<whistleId>).
 * Every called county department must answer (响应) by the answer deadline (urgent 30 minutes,
 * otherwise 2 working hours, from the deadline policy); a department that does not is announced
 * as overdue and escalated to the county's supervision office. The deadline is announced when the
 * whistle is blown, and the departments that have not answered yet are warned at 50 % and 75 % of
 * the time. The workflow ends when every called department has answered; while it runs, it is an
 * unanswered whistle in the Web UI.
 */
import { condition, patched, proxyActivities, proxyLocalActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { CaseActivities } from '../activities';
import type { EmitRequest } from '../activities';
import { SA, WHISTLE_ANSWER_CLOCK_PATCH, whistleAnswerSignal, whistleViewQuery, type WhistleState, type WhistleWorkflowInput } from './definitions';
import { formatLocal } from './words';

const { emitCaseEvents } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { planWhistle } = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '10 seconds' });

export async function whistleWorkflow(input: WhistleWorkflowInput): Promise<WhistleState> {
  const workflowId = workflowInfo().workflowId;
  const called = [...new Set(input.calledDepartmentCodes)];
  const answered = new Set<string>();
  const escalated = new Set<string>();
  const seen = new Set<string>();
  const timing: { deadline?: string } = {};

  const waitingFor = () => called.filter((d) => !answered.has(d));
  const state = (): WhistleState => ({ whistleId: input.whistleId, ...(timing.deadline ? { deadline: timing.deadline } : {}), answered: [...answered], escalated: [...escalated], waitingFor: waitingFor() });

  setHandler(whistleAnswerSignal, (answer) => {
    if (seen.has(answer.eventId)) return;
    seen.add(answer.eventId);
    if (called.includes(answer.departmentCode)) answered.add(answer.departmentCode);
  });
  setHandler(whistleViewQuery, state);

  const plan = await planWhistle({ from: input.blownAt, categoryCode: input.categoryCode, urgency: input.urgency });
  timing.deadline = plan.deadline;
  const until = formatLocal(plan.deadline, plan.utcOffsetMinutes);

  const attributes = (overdue: boolean): SearchAttributeUpdatePair[] => {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: SA.nextDeadline, value: new Date(plan.deadline) },
      { key: SA.overdue, value: overdue },
      { key: SA.warningLevel, value: overdue ? 'red' : 'none' },
    ];
    if (input.townshipCode) pairs.push({ key: SA.township, value: input.townshipCode });
    if (input.categoryCode) pairs.push({ key: SA.category, value: input.categoryCode });
    if (input.urgency) pairs.push({ key: SA.urgency, value: input.urgency });
    return pairs;
  };
  upsertSearchAttributes(attributes(false));
  setCurrentDetails(`Case ${input.caseId}: waiting for ${called.join(', ')} to answer the whistle until ${until}.`);

  const allAnswered = () => waitingFor().length === 0;
  const emit = (events: EmitRequest['events']) =>
    emitCaseEvents({
      caseId: input.caseId,
      streamId: workflowId,
      time: new Date(Date.now()).toISOString(),
      causationId: input.blownEventId,
      ...(input.correlationId ? { correlationId: input.correlationId } : {}),
      events,
    });

  // whistles blown before the answer clock was announced and warned keep waiting for the deadline alone
  if (called.length > 0 && patched(WHISTLE_ANSWER_CLOCK_PATCH)) {
    await emit([
      {
        key: `${workflowId}/answer-deadline-set/${plan.deadline}`,
        type: 'whistle.answer-deadline-set.v1',
        data: { caseId: input.caseId, whistleId: input.whistleId, calledDepartmentCodes: called, deadline: plan.deadline },
      },
    ]);
    for (const warning of plan.warnings ?? []) {
      if (await condition(allAnswered, Math.max(1, Date.parse(warning.at) - Date.now()))) break;
      const level = warning.stage === 'orange' ? 'orange' : 'yellow';
      await emit(
        waitingFor().map((departmentCode) => ({
          key: `${workflowId}/${departmentCode}/${level}/${plan.deadline}`,
          type: 'whistle.answer-warning-issued.v1' as const,
          data: { caseId: input.caseId, whistleId: input.whistleId, departmentCode, level, fraction: warning.fraction ?? (level === 'yellow' ? 0.5 : 0.75), notify: [...(warning.notify ?? ['handler'])], deadline: plan.deadline },
        })),
      );
      upsertSearchAttributes([{ key: SA.warningLevel, value: level }]);
    }
  }

  const inTime = await condition(allAnswered, Math.max(1, Date.parse(plan.deadline) - Date.now()));
  if (!inTime) {
    const late = waitingFor();
    await emit(
      late.flatMap((departmentCode) => [
        {
          key: `${workflowId}/${departmentCode}/answer-overdue/${plan.deadline}`,
          type: 'whistle.answer-overdue.v1' as const,
          data: { caseId: input.caseId, whistleId: input.whistleId, departmentCode, deadline: plan.deadline },
        },
        {
          key: `${workflowId}/${departmentCode}/escalated/${plan.deadline}`,
          type: 'whistle.escalated.v1' as const,
          data: { caseId: input.caseId, whistleId: input.whistleId, departmentCode, supervisingUnitCode: plan.supervisingUnitCode },
        },
      ]),
    );
    for (const d of late) escalated.add(d);
    upsertSearchAttributes(attributes(true));
    setCurrentDetails(`Case ${input.caseId}: ${late.join(', ')} did not answer by ${until}; escalated to ${plan.supervisingUnitCode}. Still waiting for the answer.`);
    await condition(allAnswered);
  }
  upsertSearchAttributes([{ key: SA.overdue, value: false }, { key: SA.warningLevel, value: escalated.size ? 'red' : 'none' }]);
  setCurrentDetails(`Case ${input.caseId}: every called department answered${escalated.size ? ` (late: ${[...escalated].join(', ')})` : ' in time'}.`);
  return state();
}
