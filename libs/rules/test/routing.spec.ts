import { communities, grids, leafCategories, townshipByCode, townships, unitByCode, type Grid } from '@county/reference';
import { BASELINE_ITEMS } from '../src/baseline-list';
import { initialState, versionAt } from '../src/responsibility-list';
import { placeOf, route, type Routed } from '../src/routing';

const v1 = versionAt(initialState, '2026-03-02T01:00:00.000Z');

function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

/** The unit a reference names for a grid, read straight from the territory (independent of the router). */
function expectedUnit(ref: Routed['item']['primary'], grid: Grid): string {
  switch (ref.level) {
    case 'county':
      return ref.unitCode;
    case 'township':
      return grid.townshipCode;
    case 'community':
      return grid.communityCode;
    case 'grid':
      return grid.code;
  }
}

/** The item the list names for a matter in a grid's township: the township's own item if it has one, else its urban or rural item. */
function namedItem(categoryCode: string, grid: Grid) {
  const township = defined(townshipByCode(grid.townshipCode), grid.townshipCode);
  const own = BASELINE_ITEMS.find((i) => i.categoryCode === categoryCode && i.scope.kind === 'township' && i.scope.townshipCode === township.code);
  const kind = township.kind === 'street' ? 'urban' : 'rural';
  return own ?? BASELINE_ITEMS.find((i) => i.categoryCode === categoryCode && i.scope.kind === kind);
}

describe('the baseline responsibility list', () => {
  it('has at least 100 items, each for a leaf matter of the catalogue and naming units of the reference data', () => {
    expect(BASELINE_ITEMS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(BASELINE_ITEMS.map((i) => i.id)).size).toBe(BASELINE_ITEMS.length);
    for (const item of BASELINE_ITEMS) {
      for (const ref of [item.primary, ...item.cooperating]) if (ref.level === 'county') expect(unitByCode(ref.unitCode)?.level).toBe('county');
    }
  });

  it('keeps small matters in the grid and community: every grid- or community-level matter of the catalogue stays there', () => {
    for (const category of leafCategories().filter((c) => c.defaultHandlingLevel === 'grid' || c.defaultHandlingLevel === 'community')) {
      for (const kind of ['urban', 'rural'] as const) {
        const item = defined(BASELINE_ITEMS.find((i) => i.categoryCode === category.code && i.scope.kind === kind), `${category.code}@${kind}`);
        expect([category.code, kind, item.primary.level]).toEqual([category.code, kind, category.defaultHandlingLevel]);
      }
    }
  });

  it("gives every matter a county department owns a county-wide item naming that department", () => {
    for (const category of leafCategories().filter((c) => c.ownerDepartmentCode)) {
      const item = BASELINE_ITEMS.find((i) => i.categoryCode === category.code && i.scope.kind === 'county');
      expect(item?.primary).toEqual({ level: 'county', unitCode: category.ownerDepartmentCode });
    }
  });
});

describe('routing by the list', () => {
  it('routes a case for every category and every grid of the county to the unit the list names, with the item and version as the reason', () => {
    let checked = 0;
    for (const category of leafCategories()) {
      for (const grid of grids()) {
        const outcome = route(v1, category.code, placeOf({ gridCode: grid.code }));
        const item = defined(namedItem(category.code, grid), `the item for ${category.code} at ${grid.code}`);
        if (outcome.kind !== 'routed') throw new Error(`${category.code} at ${grid.code} was not routed: ${outcome.reason}`);
        expect(outcome.item.id).toBe(item.id);
        expect(outcome.primaryUnitCode).toBe(expectedUnit(item.primary, grid));
        expect(outcome.cooperatingUnitCodes).toEqual([...new Set(item.cooperating.map((c) => expectedUnit(c, grid)))].filter((c) => c !== outcome.primaryUnitCode));
        expect(outcome.basis).toMatchObject({ kind: 'list', listItemId: item.id, listVersion: 1 });
        expect(outcome.basis.explanation).toContain(item.id);
        expect(unitByCode(outcome.primaryUnitCode)).toBeDefined();
        checked += 1;
      }
    }
    expect(checked).toBe(leafCategories().length * grids().length);
  });

  it('routes a place known only to its township or community by the items that need no finer place, and triages the rest', () => {
    for (const category of leafCategories()) {
      for (const community of communities()) {
        const outcome = route(v1, category.code, placeOf({ communityCode: community.code }));
        const item = defined(namedItem(category.code, defined(grids().find((g) => g.communityCode === community.code), community.code)), category.code);
        if (item.primary.level === 'grid') {
          // the grid item cannot name a unit; the county-wide item would, if the matter had one
          if (outcome.kind === 'routed') expect(outcome.item.scope.kind).toBe('county');
        } else {
          expect(outcome).toMatchObject({ kind: 'routed', item: { id: item.id } });
        }
      }
      for (const township of townships()) {
        const outcome = route(v1, category.code, placeOf({ townshipCode: township.code }));
        if (outcome.kind === 'routed') expect(['township', 'county']).toContain(outcome.item.primary.level);
      }
    }
  });

  it('names concrete units for a few well-known cases', () => {
    const at = (categoryCode: string, gridCode: string) => route(v1, categoryCode, placeOf({ gridCode }));
    expect(at('UM.ORDER.VENDING', 'QH-CG-04-04')).toMatchObject({ primaryUnitCode: 'QH-URBAN', cooperatingUnitCodes: ['QH-CG', 'QH-MARKET'] });
    expect(at('UM.ORDER.PARKING', 'QH-CG-04-04')).toMatchObject({ primaryUnitCode: 'QH-CG', cooperatingUnitCodes: ['QH-POLICE'] });
    expect(at('SO.SAFETY.FLYING-WIRE', 'QH-CG-04-04')).toMatchObject({ primaryUnitCode: 'QH-CG-04-04', cooperatingUnitCodes: ['QH-CG-04', 'QH-FIRE'] });
    expect(at('UM.ORDER.PARKING', 'QH-LL-01-01')).toMatchObject({ primaryUnitCode: 'QH-LL', cooperatingUnitCodes: ['QH-TRANSPORT'] });
    expect(at('SO.NEIGHBOUR.LEAK', 'QH-LL-01-01')).toMatchObject({ primaryUnitCode: 'QH-LL-01' });
  });

  it('routes a department matter whose place is unknown to the department, and sends a township matter to triage', () => {
    expect(route(v1, 'LB.WAGES.ARREARS', placeOf({}))).toMatchObject({ kind: 'routed', primaryUnitCode: 'QH-HRSS', cooperatingUnitCodes: [] });
    expect(route(v1, 'UM.ORDER.PARKING', placeOf({}))).toMatchObject({ kind: 'uncovered' });
    expect(route(v1, 'URB-ORDER-PARKING', placeOf({ gridCode: 'QH-CG-04-04' }))).toMatchObject({ kind: 'uncovered', reason: expect.stringMatching(/not a matter of the catalogue/) });
  });

  it('takes the place from the finest code it knows and ignores codes the reference data does not know', () => {
    expect(placeOf({ gridCode: 'QH-CG-04-04', townshipCode: 'QH-LL' })).toEqual({ townshipCode: 'QH-CG', communityCode: 'QH-CG-04', gridCode: 'QH-CG-04-04', urban: true });
    expect(placeOf({ gridCode: 'NOPE', communityCode: 'QH-LL-01' })).toEqual({ townshipCode: 'QH-LL', communityCode: 'QH-LL-01', urban: false });
    expect(placeOf({ townshipCode: 'NOPE' })).toEqual({});
  });
});
