/**
 * Repeat appeals (重复诉求): the same resident about the same matter at the same place while an
 * earlier case is still open is not a new case. "The same place" is the same grid, or two
 * points closer than a configured distance. Pure: the candidates come from the read model.
 */

export interface AppealPlace {
  readonly gridCode?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
}

export interface OpenCase extends AppealPlace {
  readonly caseId: string;
  readonly receivedAt: string;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function isSamePlace(a: AppealPlace, b: AppealPlace, maxMeters: number): boolean {
  if (a.gridCode && b.gridCode && a.gridCode === b.gridCode) return true;
  if (isNum(a.latitude) && isNum(a.longitude) && isNum(b.latitude) && isNum(b.longitude)) {
    return distanceMeters(a.latitude, a.longitude, b.latitude, b.longitude) <= maxMeters;
  }
  return false;
}

/** The earliest open case of the same resident and category at the same place, if any. */
export function earlierCaseFor(appeal: AppealPlace, openCases: readonly OpenCase[], maxMeters: number): OpenCase | undefined {
  return [...openCases].sort((x, y) => x.receivedAt.localeCompare(y.receivedAt)).find((c) => isSamePlace(appeal, c, maxMeters));
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
