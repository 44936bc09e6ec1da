import { useQueries } from '@tanstack/react-query';
import { handling, unwrap } from '../../../lib/api/client';
import type { paths } from '../../../lib/api/generated/handling';
import { POLL_MS } from '../../../lib/ui';
import type { CaseRow } from './types';

export type Box = NonNullable<NonNullable<paths['/api/v1/inbox']['get']['parameters']['query']>['box']>;

export const BOXES: readonly Box[] = ['new', 'due-soon', 'overdue', 'sent-back', 'reopened', 'signed', 'submitted', 'whistles', 'resolved'];

/** Up to this many rows a box; a fuller box shows "100+" and pages on. */
export const BOX_LIMIT = 100;

export function fetchBox(box: Box, cursor?: string) {
  return unwrap(handling.GET('/api/v1/inbox', { params: { query: { box, limit: BOX_LIMIT, ...(cursor && { cursor }) } } }));
}

/** Every box of the unit's inbox, polled: the counts and the rows. */
export function useInbox() {
  const results = useQueries({
    queries: BOXES.map((box) => ({ queryKey: ['inbox', box], queryFn: () => fetchBox(box), refetchInterval: POLL_MS })),
  });
  return new Map(BOXES.flatMap((box, i) => { const r = results[i]; return r ? [[box, r] as const] : []; }));
}

/** The next deadline that still matters for a row: the earliest of its clocks. */
export function nextDeadline(row: CaseRow): string | undefined {
  return [...row.deadlines].map((d) => d.deadline).sort()[0];
}
