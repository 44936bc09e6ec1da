import { matchAddress } from './addresses';
import { isPointInPolygon } from './geometry';
import { gridByCode, grids, type Grid } from './territory';

/**
 * Locating an appeal (the "ask" step): turning what the caller or grid worker gave into
 * a grid, and so a community and a township. The most precise evidence wins:
 * 1. a known grid code (a grid worker reporting from their own grid);
 * 2. an address from the address table (see addresses.ts);
 * 3. coordinates (WGS84) inside a grid's boundary.
 * When nothing resolves, the case goes to the centre's triage.
 */

export interface LocationQuery {
  readonly gridCode?: string;
  readonly address?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

export type LocationVia = 'grid-code' | 'address' | 'coordinates';

export interface ResolvedLocation {
  readonly resolved: true;
  readonly gridCode: string;
  readonly communityCode: string;
  readonly townshipCode: string;
  readonly via: LocationVia;
}

export interface UnresolvedLocation {
  readonly resolved: false;
  /** 'no-location': nothing usable was given; 'no-match': what was given matched no grid. */
  readonly reason: 'no-location' | 'no-match';
  /** The kinds of evidence that were given and tried, in order. */
  readonly tried: readonly LocationVia[];
}

export type LocationResolution = ResolvedLocation | UnresolvedLocation;

export function resolveLocation(query: LocationQuery): LocationResolution {
  const tried: LocationVia[] = [];

  if (query.gridCode !== undefined && query.gridCode.trim() !== '') {
    tried.push('grid-code');
    const grid = gridByCode(query.gridCode.trim());
    if (grid) return resolvedTo(grid, 'grid-code');
  }

  if (query.address !== undefined && query.address.trim() !== '') {
    tried.push('address');
    const match = matchAddress(query.address);
    const grid = match && gridByCode(match.gridCode);
    if (grid) return resolvedTo(grid, 'address');
  }

  if (isCoordinate(query.longitude, -180, 180) && isCoordinate(query.latitude, -90, 90)) {
    tried.push('coordinates');
    const grid = gridAt(query.longitude, query.latitude);
    if (grid) return resolvedTo(grid, 'coordinates');
  }

  return { resolved: false, reason: tried.length === 0 ? 'no-location' : 'no-match', tried };
}

/** The grid whose boundary contains a WGS84 point, if any. */
export function gridAt(longitude: number, latitude: number): Grid | undefined {
  return grids().find((g) => isPointInPolygon(longitude, latitude, g.boundary));
}

function resolvedTo(grid: Grid, via: LocationVia): ResolvedLocation {
  return { resolved: true, gridCode: grid.code, communityCode: grid.communityCode, townshipCode: grid.townshipCode, via };
}

function isCoordinate(value: number | undefined, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
