import { useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../../lib/api/client';
import { POLL_MS } from '../../../lib/ui';

export interface BoardRow {
  readonly workflowId: string;
  readonly caseId: string | null;
  readonly status: string | null;
  readonly unitCode: string | null;
  readonly township: string | null;
  readonly nextDeadline: string | null;
  readonly warningLevel: string | null;
  readonly overdue: boolean;
  readonly temporalUrl: string;
}

export interface Board {
  readonly checkedAt: string;
  readonly dueWithinHour: readonly BoardRow[];
  readonly overdue: readonly BoardRow[];
  readonly supervised: readonly BoardRow[];
  readonly unansweredWhistles: readonly BoardRow[];
}

export interface Health {
  readonly checkedAt: string;
  readonly services: readonly { readonly service: string; readonly status: string; readonly httpStatus: number | null; readonly ms: number; readonly details: unknown; readonly counters?: Record<string, number> }[];
}

export const useBoard = () => useQuery({ queryKey: ['ops', 'clocks'], queryFn: () => consoleApi<Board>('ops/clocks'), refetchInterval: POLL_MS * 2 });
export const useHealth = () => useQuery({ queryKey: ['ops', 'health'], queryFn: () => consoleApi<Health>('health'), refetchInterval: POLL_MS * 2 });
