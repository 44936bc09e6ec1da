import { useQuery } from '@tanstack/react-query';
import { dispatch, intake, unwrap } from '../../../lib/api/client';
import { POLL_MS } from '../../../lib/ui';

// dispatch's OpenAPI document does not describe its queues' bodies yet; the rows are named here.
export interface QueueRow {
  readonly caseId: string;
  readonly status: string;
  readonly categoryCode: string | null;
  readonly urgency: string | null;
  readonly townshipCode: string | null;
  readonly primaryUnitCode: string | null;
  readonly triageReason: string | null;
  readonly transferCount: number;
  readonly paused: boolean;
  readonly pending: {
    readonly review?: { readonly unitCode: string; readonly submittedAt: string };
    readonly transfer?: { readonly unitCode: string; readonly reason: string };
    readonly extension?: { readonly unitCode: string; readonly extraWorkingDays: number; readonly reason: string };
    readonly pause?: { readonly unitCode: string; readonly reason: string };
  };
  readonly reopen: { readonly redoCount: number } | null;
  readonly version: number;
  readonly updatedAt: string;
}

export interface RecentCase {
  readonly caseId: string;
  readonly status: string;
  readonly channel: string;
  readonly categoryCode: string;
  readonly urgency: string;
  readonly receivedAt: string;
  readonly responsibleUnit: { readonly code: string; readonly name: string } | null;
  readonly deadline: string | null;
  readonly repeatCount: number;
}

export function useRecentCases(cursor: string | undefined) {
  return useQuery({
    queryKey: ['cases', 'recent', cursor ?? ''],
    queryFn: () => unwrap<{ items: RecentCase[]; nextCursor?: string }>(intake.GET('/api/v1/cases', { params: { query: { limit: 20, ...(cursor && { cursor }) } } })),
    refetchInterval: POLL_MS,
  });
}

export function useTriage() {
  return useQuery({ queryKey: ['triage'], queryFn: () => unwrap<QueueRow[]>(dispatch.GET('/api/v1/triage', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
}

export function useReviews() {
  return useQuery({ queryKey: ['reviews'], queryFn: () => unwrap<QueueRow[]>(dispatch.GET('/api/v1/reviews', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
}

export function useRequests() {
  const transfers = useQuery({ queryKey: ['requests', 'transfer'], queryFn: () => unwrap<QueueRow[]>(dispatch.GET('/api/v1/transfer-requests', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
  const extensions = useQuery({ queryKey: ['requests', 'extension'], queryFn: () => unwrap<QueueRow[]>(dispatch.GET('/api/v1/extension-requests', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
  const pauses = useQuery({ queryKey: ['requests', 'pause'], queryFn: () => unwrap<QueueRow[]>(dispatch.GET('/api/v1/pause-requests', { params: { query: { limit: 50 } } })), refetchInterval: POLL_MS });
  return { transfers, extensions, pauses };
}
