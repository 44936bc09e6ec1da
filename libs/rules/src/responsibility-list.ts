import {
  ErrorCodes,
  DomainError,
  type ErrorCode,
  type Decider,
  type ResponsibilityListChangeApprovedData,
  type ResponsibilityListChangeProposedData,
  type ResponsibilityListChangeRejectedData,
  type ResponsibilityListItem,
  type ResponsibleUnitRef,
} from '@county/contracts';
import { centreUnit, leafCategory, townshipByCode, unitByCode } from '@county/reference';
import { BASELINE_EFFECTIVE_FROM, BASELINE_ITEMS } from './baseline-list';

/**
 * The responsibility list (属地管理事项清单) as an aggregate, with admission control (准入):
 * a change is proposed, then approved by the centre (it becomes the next version, effective
 * from a time) or rejected. Version 1 is the baseline; every later version is an approved change.
 * Events -> state -> evolve -> commands -> decide.
 */

export const RESPONSIBILITY_LIST_STREAM = 'responsibility-list';

// events
export type ResponsibilityListEvent =
  | { type: 'responsibility-list.change-proposed.v1'; data: ResponsibilityListChangeProposedData }
  | { type: 'responsibility-list.change-approved.v1'; data: ResponsibilityListChangeApprovedData }
  | { type: 'responsibility-list.change-rejected.v1'; data: ResponsibilityListChangeRejectedData };

// state
export interface ListVersion {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly changeId: string | null;
  readonly items: ReadonlyMap<string, ResponsibilityListItem>;
}

export type Proposal =
  | { readonly status: 'proposed'; readonly change: ResponsibilityListChangeProposedData }
  | { readonly status: 'approved'; readonly change: ResponsibilityListChangeProposedData; readonly version: number }
  | { readonly status: 'rejected'; readonly change: ResponsibilityListChangeProposedData; readonly reason: string };

export interface ResponsibilityListState {
  /** Every version, oldest first; the last one is the latest approved. */
  readonly versions: readonly ListVersion[];
  readonly proposals: ReadonlyMap<string, Proposal>;
}

export const initialState: ResponsibilityListState = {
  versions: [{ version: 1, effectiveFrom: BASELINE_EFFECTIVE_FROM, changeId: null, items: new Map(BASELINE_ITEMS.map((i) => [i.id, i])) }],
  proposals: new Map(),
};

function latest(state: ResponsibilityListState): ListVersion {
  return state.versions[state.versions.length - 1];
}

/** The items of a version after a change: its removals taken out, then its upserts put in (by id). */
export function applyChange(items: ReadonlyMap<string, ResponsibilityListItem>, change: Pick<ResponsibilityListChangeProposedData, 'upserts' | 'removals'>): Map<string, ResponsibilityListItem> {
  const next = new Map(items);
  for (const id of change.removals) next.delete(id);
  for (const item of change.upserts) next.set(item.id, item);
  return next;
}

export function evolve(state: ResponsibilityListState, event: ResponsibilityListEvent): ResponsibilityListState {
  const proposals = new Map(state.proposals);
  switch (event.type) {
    case 'responsibility-list.change-proposed.v1':
      proposals.set(event.data.changeId, { status: 'proposed', change: event.data });
      return { ...state, proposals };
    case 'responsibility-list.change-approved.v1': {
      const proposal = state.proposals.get(event.data.changeId);
      if (!proposal) return state;
      proposals.set(event.data.changeId, { status: 'approved', change: proposal.change, version: event.data.version });
      const items = applyChange(latest(state).items, proposal.change);
      return { proposals, versions: [...state.versions, { version: event.data.version, effectiveFrom: event.data.effectiveFrom, changeId: event.data.changeId, items }] };
    }
    case 'responsibility-list.change-rejected.v1': {
      const proposal = state.proposals.get(event.data.changeId);
      if (!proposal) return state;
      proposals.set(event.data.changeId, { status: 'rejected', change: proposal.change, reason: event.data.reason });
      return { ...state, proposals };
    }
  }
}

// commands
export type ProposeChange = {
  type: 'ProposeChange';
  changeId: string;
  proposedBy: string;
  reason: string;
  upserts: readonly ResponsibilityListItem[];
  removals: readonly string[];
  now: string;
};
export type ApproveChange = { type: 'ApproveChange'; changeId: string; approvedBy: string; effectiveFrom: string; now: string };
export type RejectChange = { type: 'RejectChange'; changeId: string; rejectedBy: string; reason: string; now: string };
export type ResponsibilityListCommand = ProposeChange | ApproveChange | RejectChange;

function invalid(code: ErrorCode, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, 'unprocessable', details);
}

function checkUnitRef(ref: ResponsibleUnitRef, where: string): void {
  if (ref.level !== 'county') {
    if ('unitCode' in ref && (ref as { unitCode?: string }).unitCode !== undefined) throw invalid(ErrorCodes.LIST_INVALID_ITEM, `${where}: a ${ref.level} reference names no unit (it is the place's own ${ref.level})`);
    return;
  }
  const unit = unitByCode(ref.unitCode);
  if (!unit || unit.level !== 'county') throw invalid(ErrorCodes.LIST_UNKNOWN_UNIT, `${where}: ${ref.unitCode} is not a county-level unit of the reference data`);
}

function checkItem(item: ResponsibilityListItem): void {
  const where = `item ${item.id}`;
  if (!leafCategory(item.categoryCode)) throw invalid(ErrorCodes.LIST_UNKNOWN_CATEGORY, `${where}: ${item.categoryCode} is not a leaf category of the catalogue`);
  if (item.scope.kind === 'township' && !townshipByCode(item.scope.townshipCode)) throw invalid(ErrorCodes.LIST_UNKNOWN_TOWNSHIP, `${where}: no township ${item.scope.townshipCode}`);
  checkUnitRef(item.primary, `${where} (primary)`);
  item.cooperating.forEach((c) => checkUnitRef(c, `${where} (cooperating)`));
}

function scopeKey(item: ResponsibilityListItem): string {
  return `${item.categoryCode}|${item.scope.kind === 'township' ? item.scope.townshipCode : item.scope.kind}`;
}

/** The items whose primary duty moves from a county unit down to a township, community or grid. */
export function pushedDown(items: ReadonlyMap<string, ResponsibilityListItem>, upserts: readonly ResponsibilityListItem[]): string[] {
  const before = new Map([...items.values()].map((i) => [scopeKey(i), i]));
  return upserts.filter((u) => u.primary.level !== 'county' && (before.get(scopeKey(u))?.primary.level ?? 'county') === 'county').map((u) => u.id);
}

function checkResult(items: ReadonlyMap<string, ResponsibilityListItem>, change: Pick<ProposeChange, 'upserts' | 'removals'>): void {
  for (const id of change.removals) if (!items.has(id)) throw new DomainError(ErrorCodes.LIST_NO_SUCH_ITEM, `the list has no item ${id} to remove`, 'conflict');
  const next = applyChange(items, { upserts: change.upserts, removals: change.removals } as ResponsibilityListChangeProposedData);
  const seen = new Map<string, string>();
  for (const item of next.values()) {
    const key = scopeKey(item);
    const other = seen.get(key);
    if (other) throw new DomainError(ErrorCodes.LIST_DUPLICATE_SCOPE, `items ${other} and ${item.id} cover the same matter and scope`, 'conflict');
    seen.set(key, item.id);
  }
}

export function decide(command: ResponsibilityListCommand, state: ResponsibilityListState): ResponsibilityListEvent[] {
  switch (command.type) {
    case 'ProposeChange': {
      if (state.proposals.has(command.changeId)) throw new DomainError(ErrorCodes.LIST_CHANGE_EXISTS, `change ${command.changeId} was already proposed`, 'conflict');
      const proposer = unitByCode(command.proposedBy);
      if (!proposer || proposer.level !== 'county') throw new DomainError(ErrorCodes.LIST_NOT_A_COUNTY_UNIT, 'only a county-level unit may propose a change to the list', 'forbidden');
      if (command.upserts.length === 0 && command.removals.length === 0) throw invalid(ErrorCodes.LIST_EMPTY_CHANGE, 'a change must add, replace or remove at least one item');
      const ids = new Set<string>();
      for (const item of command.upserts) {
        if (ids.has(item.id)) throw invalid(ErrorCodes.LIST_INVALID_ITEM, `item ${item.id} appears twice in the change`);
        ids.add(item.id);
        checkItem(item);
      }
      const base = latest(state);
      checkResult(base.items, command);
      return [
        {
          type: 'responsibility-list.change-proposed.v1',
          data: {
            changeId: command.changeId,
            proposedBy: command.proposedBy,
            reason: command.reason,
            baseVersion: base.version,
            upserts: command.upserts,
            removals: command.removals,
            pushesDown: pushedDown(base.items, command.upserts),
            proposedAt: command.now,
          },
        },
      ];
    }
    case 'ApproveChange': {
      const proposal = pendingProposal(state, command.changeId);
      if (command.approvedBy !== centreUnit().code) {
        throw new DomainError(ErrorCodes.LIST_APPROVAL_NOT_ALLOWED, `only the centre (${centreUnit().code}) admits changes to the list`, 'forbidden');
      }
      if (command.approvedBy === proposal.change.proposedBy) throw new DomainError(ErrorCodes.LIST_SELF_APPROVAL, 'a change must be approved by another unit than the one that proposed it', 'forbidden');
      if (Date.parse(command.effectiveFrom) < Date.parse(command.now)) {
        throw invalid(ErrorCodes.LIST_RETROACTIVE, 'a change takes effect from now or later, never in the past: cases already routed keep their version');
      }
      const base = latest(state);
      if (Date.parse(command.effectiveFrom) < Date.parse(base.effectiveFrom)) {
        throw invalid(ErrorCodes.LIST_EFFECTIVE_ORDER, `version ${base.version + 1} cannot take effect before version ${base.version} (${base.effectiveFrom})`);
      }
      // the list may have moved on since the proposal: the change must still apply cleanly
      checkResult(base.items, proposal.change);
      return [
        {
          type: 'responsibility-list.change-approved.v1',
          data: { changeId: command.changeId, version: base.version + 1, effectiveFrom: command.effectiveFrom, approvedBy: command.approvedBy, approvedAt: command.now },
        },
      ];
    }
    case 'RejectChange': {
      pendingProposal(state, command.changeId);
      return [{ type: 'responsibility-list.change-rejected.v1', data: { changeId: command.changeId, rejectedBy: command.rejectedBy, reason: command.reason, rejectedAt: command.now } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

function pendingProposal(state: ResponsibilityListState, changeId: string): Extract<Proposal, { status: 'proposed' }> {
  const proposal = state.proposals.get(changeId);
  if (!proposal) throw new DomainError(ErrorCodes.LIST_NO_SUCH_CHANGE, `no change ${changeId}`, 'not-found');
  if (proposal.status !== 'proposed') throw new DomainError(ErrorCodes.LIST_CHANGE_DECIDED, `change ${changeId} was already ${proposal.status}`, 'conflict');
  return proposal;
}

export const responsibilityList: Decider<ResponsibilityListCommand, ResponsibilityListEvent, ResponsibilityListState> = { initialState, evolve, decide };

/** The version in effect at an instant: the highest version whose effectiveFrom is not after it. */
export function versionAt(state: ResponsibilityListState, at: string): ListVersion {
  const t = Date.parse(at);
  let found = state.versions[0];
  for (const v of state.versions) if (Date.parse(v.effectiveFrom) <= t) found = v;
  return found;
}

export function versionNumbered(state: ResponsibilityListState, version: number): ListVersion | undefined {
  return state.versions.find((v) => v.version === version);
}
