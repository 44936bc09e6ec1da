import type { CaseLocation, DispatchBasis, ResponsibilityListItem, ResponsibleUnitRef } from '@county/contracts';
import { communityByCode, gridByCode, leafCategory, townshipByCode } from '@county/reference';
import type { ListVersion } from './responsibility-list';

/**
 * Routing (派): (matter, place) -> primary unit + cooperating units, by the responsibility list.
 * The most specific item that can name a unit wins: one township, then urban streets or rural
 * towns, then the whole county. What no item covers goes to the triage queue.
 */

/** The place of a case as far as the reference data knows it. */
export interface Place {
  readonly townshipCode?: string;
  readonly communityCode?: string;
  readonly gridCode?: string;
  readonly urban?: boolean;
}

/** The place of a case location, checked against the reference data; the finest known code decides the coarser ones. */
export function placeOf(location: Pick<CaseLocation, 'gridCode' | 'communityCode' | 'townshipCode'>): Place {
  const grid = location.gridCode ? gridByCode(location.gridCode) : undefined;
  const community = communityByCode(grid?.communityCode ?? location.communityCode ?? '');
  const township = townshipByCode(grid?.townshipCode ?? community?.townshipCode ?? location.townshipCode ?? '');
  if (!township) return {};
  return {
    townshipCode: township.code,
    urban: township.kind === 'street',
    ...(community && community.townshipCode === township.code && { communityCode: community.code }),
    ...(grid && { gridCode: grid.code }),
  };
}

export interface Routed {
  readonly kind: 'routed';
  readonly primaryUnitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  readonly basis: DispatchBasis;
  readonly item: ResponsibilityListItem;
}

export interface Uncovered {
  readonly kind: 'uncovered';
  readonly reason: string;
}

export type RoutingOutcome = Routed | Uncovered;

function specificity(item: ResponsibilityListItem): number {
  return item.scope.kind === 'township' ? 0 : item.scope.kind === 'county' ? 2 : 1;
}

function scopeMatches(item: ResponsibilityListItem, place: Place): boolean {
  switch (item.scope.kind) {
    case 'county':
      return true;
    case 'urban':
      return place.urban === true;
    case 'rural':
      return place.urban === false;
    case 'township':
      return place.townshipCode === item.scope.townshipCode;
  }
}

function unitOf(ref: ResponsibleUnitRef, place: Place): string | undefined {
  switch (ref.level) {
    case 'county':
      return ref.unitCode;
    case 'township':
      return place.townshipCode;
    case 'community':
      return place.communityCode;
    case 'grid':
      return place.gridCode;
  }
}

function describeScope(item: ResponsibilityListItem): string {
  switch (item.scope.kind) {
    case 'county':
      return 'anywhere in the county';
    case 'urban':
      return 'urban streets';
    case 'rural':
      return 'rural towns and townships';
    case 'township':
      return `township ${item.scope.townshipCode}`;
  }
}

/** Routes a matter at a place by one version of the list. */
export function route(list: ListVersion, categoryCode: string, place: Place): RoutingOutcome {
  const category = leafCategory(categoryCode);
  if (!category) return { kind: 'uncovered', reason: `category ${categoryCode} is not a matter of the catalogue` };
  const candidates = [...list.items.values()].filter((i) => i.categoryCode === categoryCode && scopeMatches(i, place)).sort((a, b) => specificity(a) - specificity(b));
  for (const item of candidates) {
    const primaryUnitCode = unitOf(item.primary, place);
    if (!primaryUnitCode) continue;
    const cooperatingUnitCodes = [...new Set(item.cooperating.map((c) => unitOf(c, place)).filter((c): c is string => c !== undefined && c !== primaryUnitCode))];
    const level = item.primary.level === 'county' ? 'county unit' : `the place's ${item.primary.level}`;
    return {
      kind: 'routed',
      primaryUnitCode,
      cooperatingUnitCodes,
      item,
      basis: {
        kind: 'list',
        explanation: `responsibility list v${list.version}, item ${item.id}: ${category.name.en} in ${describeScope(item)} -> ${level} ${primaryUnitCode}`,
        listItemId: item.id,
        listVersion: list.version,
      },
    };
  }
  if (!place.townshipCode) return { kind: 'uncovered', reason: `the place is not resolved and no county-wide item covers ${categoryCode}` };
  return { kind: 'uncovered', reason: `no item of responsibility list v${list.version} names a unit for ${categoryCode} at this place (it is not resolved to the level the item needs)` };
}
