import { useQuery } from '@tanstack/react-query';
import { correlationHeader, evaluation, unwrap } from '../../../lib/api/client';
import type { components } from '../../../lib/api/generated/evaluation';
import { POLL_MS } from '../../../lib/ui';

export type QueuedCase = components['schemas']['CallbackQueue']['cases'][number];
export type VisitOutcome = components['schemas']['ReturnVisitOutcome'];
export type VisitBody = components['schemas']['RecordReturnVisitDto'];
export type FailedAttemptBody = components['schemas']['RecordFailedAttemptDto'];

/**
 * evaluation requires X-Callback-Token; the console's server adds the real one for centre users
 * and drops whatever the browser sends, so the page never holds the secret.
 */
const callbackHeader = () => ({ 'X-Callback-Token': 'added-by-the-console-server', ...correlationHeader() });

export function useCallbackQueue() {
  return useQuery({ queryKey: ['return-visits'], queryFn: () => unwrap(evaluation.GET('/api/v1/return-visits', { headers: { 'X-Callback-Token': 'added-by-the-console-server' } })), refetchInterval: POLL_MS });
}

export const visitCommands = {
  record: (caseId: string, body: VisitBody) => unwrap(evaluation.POST('/api/v1/return-visits/{caseId}', { params: { path: { caseId }, header: callbackHeader() }, body })),
  failed: (caseId: string, body: FailedAttemptBody) => unwrap(evaluation.POST('/api/v1/return-visits/{caseId}/failed-attempts', { params: { path: { caseId }, header: callbackHeader() }, body })),
};
