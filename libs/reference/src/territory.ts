import territoryJson from '../data/v1/territory.json';
import { deepFreeze } from './deep-freeze';
import type { LocalizedName } from './localized-name';

/**
 * The demo county's territory (docs/domain.md, "Territory and units"): county -> township / street ->
 * community / village -> grid. Codes are stable ASCII strings; a grid's code starts with
 * its community's code, which starts with its township's code.
 */

export interface County {
  readonly code: string;
  readonly name: LocalizedName;
  /** true: the county, its places and its addresses are invented for the demo. */
  readonly fictional: boolean;
  readonly note: string;
  /** Where the county government sits (WGS84). */
  readonly seat: { readonly longitude: number; readonly latitude: number };
}

/** 街道 street (urban), 镇 town, 乡 township (rural). All three are "township level". */
export type TownshipKind = 'street' | 'town' | 'township';

export interface Township {
  readonly code: string;
  readonly kind: TownshipKind;
  readonly name: LocalizedName;
}

/** 社区 urban community or 村 village. */
export type CommunityKind = 'community' | 'village';

export interface Community {
  readonly code: string;
  readonly kind: CommunityKind;
  readonly townshipCode: string;
  readonly name: LocalizedName;
}

/** urban: about 300 households; rural: a natural village or villagers' group; special: 专属网格 (a hospital, a school, a park). */
export type GridKind = 'urban' | 'rural' | 'special';

/** A [longitude, latitude] pair in WGS84 degrees, in GeoJSON order. */
export type Position = readonly [longitude: number, latitude: number];

/** A GeoJSON polygon: an outer ring (closed: its last position repeats the first) and optional holes. */
export interface Polygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly (readonly Position[])[];
}

export interface Grid {
  readonly code: string;
  readonly kind: GridKind;
  readonly communityCode: string;
  readonly townshipCode: string;
  readonly name: LocalizedName;
  readonly boundary: Polygon;
}

interface TerritoryFile {
  readonly version: number;
  readonly county: County;
  readonly townships: readonly Township[];
  readonly communities: readonly Community[];
  readonly grids: readonly Grid[];
}

/** The shape of the file is checked by the integrity tests, not at load time. */
const territory = deepFreeze(territoryJson as unknown as TerritoryFile);

export const TERRITORY_DATA_VERSION = territory.version;

const townshipsByCode = new Map(territory.townships.map((t) => [t.code, t]));
const communitiesByCode = new Map(territory.communities.map((c) => [c.code, c]));
const gridsByCode = new Map(territory.grids.map((g) => [g.code, g]));

export function county(): County {
  return territory.county;
}

export function townships(): readonly Township[] {
  return territory.townships;
}

export function communities(): readonly Community[] {
  return territory.communities;
}

export function grids(): readonly Grid[] {
  return territory.grids;
}

export function townshipByCode(code: string): Township | undefined {
  return townshipsByCode.get(code);
}

export function communityByCode(code: string): Community | undefined {
  return communitiesByCode.get(code);
}

export function gridByCode(code: string): Grid | undefined {
  return gridsByCode.get(code);
}

/** The communities and villages of a township, in data order. */
export function communitiesOf(townshipCode: string): readonly Community[] {
  return territory.communities.filter((c) => c.townshipCode === townshipCode);
}

/** The grids of a community, in data order. */
export function gridsOf(communityCode: string): readonly Grid[] {
  return territory.grids.filter((g) => g.communityCode === communityCode);
}
