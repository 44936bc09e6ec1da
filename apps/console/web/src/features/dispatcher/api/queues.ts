import { useQuery } from '@tanstack/react-query';
import { dispatch, intake, unwrap } from '../../../lib/api/client';
import { POLL_MS } from '../../../lib/ui';

import type { components as Dispatch } from '../../../lib/api/generated/dispatch';
import type { components as Intake } from '../../../lib/api/generated/intake';

/** A row of the centre's queues (triage, review, requests), as dispatch's document names it. */
export type QueueRow = Dispatch['schemas']['QueueRows'][number];
export type RecentCase = Intake['schemas']['CaseSummary'];

export function useRecentCases(cursor: string | undefined) {
  return useQuery({
    queryKey: ['cases', 'recent', cursor ?? ''],
    queryFn: () => unwrap(intake.GET('/api/v1/cases', { params: { query: { limit: 20, ...(cursor && { cursor }) } } })),
    refetchInterval: POLL_MS,
  });
}

export function useTriage() {
  return useQuery({ queryKey: ['triage'], queryFn: () => unwrap(dispatch.GET('/api/v1/triage', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
}

export function useReviews() {
  return useQuery({ queryKey: ['reviews'], queryFn: () => unwrap(dispatch.GET('/api/v1/reviews', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
}

export function useRequests() {
  const transfers = useQuery({ queryKey: ['requests', 'transfer'], queryFn: () => unwrap(dispatch.GET('/api/v1/transfer-requests', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
  const extensions = useQuery({ queryKey: ['requests', 'extension'], queryFn: () => unwrap(dispatch.GET('/api/v1/extension-requests', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
  const pauses = useQuery({ queryKey: ['requests', 'pause'], queryFn: () => unwrap(dispatch.GET('/api/v1/pause-requests', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
  return { transfers, extensions, pauses };
}
