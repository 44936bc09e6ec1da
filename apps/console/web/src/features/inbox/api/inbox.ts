import { useQuery } from '@tanstack/react-query';
import { handling, unwrap } from '../../../lib/api/client';
import type { paths } from '../../../lib/api/generated/handling';
import { POLL_MS } from '../../../lib/ui';
import type { CaseRow } from './types';

export type Box = NonNullable<NonNullable<paths['/api/v1/inbox']['get']['parameters']['query']>['box']>;

export const BOXES: readonly Box[] = ['new', 'due-soon', 'overdue', 'sent-back', 'reopened', 'signed', 'submitted', 'whistles', 'resolved'];

/** Rows a page of a box shows; the counts are the whole box's, from handling. */
export const PAGE_SIZE = 50;

/** How many cases each box holds (all of them, however many pages), polled. */
export function useInboxCounts() {
  return useQuery({ queryKey: ['inbox', 'counts'], queryFn: () => unwrap(handling.GET('/api/v1/inbox/counts', { params: { query: {} } })), refetchInterval: POLL_MS });
}

/** One page of one box, polled: the page after `cursor` (the first without one). */
export function useBoxPage(box: Box, cursor: string | undefined) {
  return useQuery({
    queryKey: ['inbox', box, cursor ?? ''],
    queryFn: () => unwrap(handling.GET('/api/v1/inbox', { params: { query: { box, limit: PAGE_SIZE, ...(cursor && { cursor }) } } })),
    refetchInterval: POLL_MS,
  });
}

/** The next deadline that still matters for a row: the earliest of its clocks. */
export function nextDeadline(row: CaseRow): string | undefined {
  return [...row.deadlines].map((d) => d.deadline).sort()[0];
}
