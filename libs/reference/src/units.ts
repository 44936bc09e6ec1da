import unitsJson from '../data/v1/units.json';
import { deepFreeze } from './deep-freeze';
import type { LocalizedName } from './localized-name';
import { communities, grids, townships } from './territory';

/**
 * A unit is anyone a case can be sent to or watched by: the 12345 command centre
 * (指挥中心), the county supervision office (督查室), a county department (县直部门),
 * a township or street, a community or village, or a grid.
 *
 * County-level units and townships have no parent unit (their parent is the county
 * government, which handles no cases); a community's parent is its township and a
 * grid's parent is its community.
 */

export type UnitKind = 'centre' | 'supervision' | 'department' | 'township' | 'community' | 'grid';
export type UnitLevel = 'county' | 'township' | 'community' | 'grid';

export interface Unit {
  readonly code: string;
  readonly kind: UnitKind;
  readonly level: UnitLevel;
  readonly name: LocalizedName;
  readonly parentCode: string | null;
}

interface UnitsFile {
  readonly version: number;
  readonly units: readonly Unit[];
}

const countyUnits = (unitsJson as unknown as UnitsFile).units;

export const UNITS_DATA_VERSION = unitsJson.version;

const allUnits: readonly Unit[] = deepFreeze([
  ...countyUnits,
  ...townships().map((t): Unit => ({ code: t.code, kind: 'township', level: 'township', name: t.name, parentCode: null })),
  ...communities().map((c): Unit => ({ code: c.code, kind: 'community', level: 'community', name: c.name, parentCode: c.townshipCode })),
  ...grids().map((g): Unit => ({ code: g.code, kind: 'grid', level: 'grid', name: g.name, parentCode: g.communityCode })),
]);

const unitsByCode = new Map(allUnits.map((u) => [u.code, u]));

/** Every unit: county-level units first, then townships, communities and grids. */
export function units(): readonly Unit[] {
  return allUnits;
}

export function unitByCode(code: string): Unit | undefined {
  return unitsByCode.get(code);
}

/** The units whose parent is the given unit (a township's communities, a community's grids). */
export function childUnits(code: string): readonly Unit[] {
  return allUnits.filter((u) => u.parentCode === code);
}

export function unitsOfKind(kind: UnitKind): readonly Unit[] {
  return allUnits.filter((u) => u.kind === kind);
}

/** The county departments (县直部门). */
export function departments(): readonly Unit[] {
  return unitsOfKind('department');
}

/** The 12345 command centre: it dispatches, reviews and calls residents back. */
export function centreUnit(): Unit {
  return onlyUnitOfKind('centre');
}

/** The county supervision office: it takes over cases that stay overdue (督办). */
export function supervisionUnit(): Unit {
  return onlyUnitOfKind('supervision');
}

function onlyUnitOfKind(kind: UnitKind): Unit {
  const found = unitsOfKind(kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind} unit in the reference data, found ${found.length}`);
  return found[0];
}
