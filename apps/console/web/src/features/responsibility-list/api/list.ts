import { useQuery } from '@tanstack/react-query';
import { correlationHeader, dispatch, unwrap } from '../../../lib/api/client';
import type { components } from '../../../lib/api/generated/dispatch';
import { POLL_MS } from '../../../lib/ui';

// The responsibility list (属地管理事项清单) as dispatch's OpenAPI document names it.
type Schemas = components['schemas'];
export type ListVersion = Schemas['ResponsibilityListVersion'];
export type ListItem = ListVersion['items'][number];
export type ListChange = Schemas['ResponsibilityListChanges'][number];
export type ProposeBody = Schemas['ProposeChangeDto'];
export type ItemBody = Schemas['ListItemDto'];
export type UnitRefBody = Schemas['UnitRefDto'];

export const LIST_KEYS = [['responsibility-list'], ['responsibility-list-changes']] as const;

/** The version of the list in effect now. */
export function useCurrentList() {
  return useQuery({ queryKey: ['responsibility-list'], queryFn: () => unwrap(dispatch.GET('/api/v1/responsibility-list', { params: { query: {} } })), refetchInterval: POLL_MS * 5 });
}

/** A version of the list by its number (the one before an approved change, for its diff). */
export function useListVersion(version: number | undefined) {
  return useQuery({
    queryKey: ['responsibility-list', 'version', version],
    queryFn: () => unwrap(dispatch.GET('/api/v1/responsibility-list', { params: { query: { version: String(version) } } })),
    enabled: version !== undefined && version > 0,
    staleTime: Infinity,
  });
}

/** Every proposed change and what became of it. */
export function useChanges() {
  return useQuery({ queryKey: ['responsibility-list-changes'], queryFn: () => unwrap(dispatch.GET('/api/v1/responsibility-list/changes')), refetchInterval: POLL_MS });
}

export const listCommands = {
  propose: (body: ProposeBody) => unwrap(dispatch.POST('/api/v1/responsibility-list/changes', { params: { header: correlationHeader() }, body })),
  approve: (changeId: string) => unwrap(dispatch.POST('/api/v1/responsibility-list/changes/{changeId}/approve', { params: { path: { changeId }, header: correlationHeader() }, body: {} })),
  reject: (changeId: string, reason: string) => unwrap(dispatch.POST('/api/v1/responsibility-list/changes/{changeId}/reject', { params: { path: { changeId }, header: correlationHeader() }, body: { reason } })),
};

/** One line of a change's diff against the list: an item added, replaced (before and after) or removed. */
export interface DiffLine {
  readonly kind: 'added' | 'replaced' | 'removed';
  readonly id: string;
  readonly before?: ListItem | ItemBody;
  readonly after?: ListItem | ItemBody;
}

/** What a change does to the items of a version: its upserts (added or replaced by id) and its removals. */
export function diffOf(items: readonly ListItem[], upserts: readonly (ListItem | ItemBody)[], removals: readonly string[]): DiffLine[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return [
    ...upserts.map((after): DiffLine => {
      const before = byId.get(after.id);
      return before ? { kind: 'replaced', id: after.id, before, after } : { kind: 'added', id: after.id, after };
    }),
    ...removals.map((id): DiffLine => ({ kind: 'removed', id, ...(byId.has(id) && { before: byId.get(id) }) })),
  ];
}

/** An item's id as the baseline list names them: the category and its scope (the township, or urban / rural / county). */
export function itemIdOf(categoryCode: string, scope: { kind: string; townshipCode?: string }): string {
  return `${categoryCode}@${scope.kind === 'township' ? (scope.townshipCode ?? '') : scope.kind}`;
}
