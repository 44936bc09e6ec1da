import type { Polygon, Position } from './territory';

/**
 * Point-in-polygon by ray casting: a ray from the point towards the east crosses the
 * ring's edges an odd number of times exactly when the point is inside. Coordinates are
 * treated as planar [longitude, latitude], which is accurate enough at grid scale.
 *
 * Edges are half-open: for an axis-aligned rectangle the west and south edges belong to
 * it and the east and north edges do not, so a point on the edge shared by two
 * neighbouring grids lies in exactly one of them.
 */
export function isPointInRing(longitude: number, latitude: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const crossesLatitude = yi > latitude !== yj > latitude;
    if (crossesLatitude && longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function isPointInPolygon(longitude: number, latitude: number, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || !isPointInRing(longitude, latitude, outer)) return false;
  return !holes.some((hole) => isPointInRing(longitude, latitude, hole));
}
