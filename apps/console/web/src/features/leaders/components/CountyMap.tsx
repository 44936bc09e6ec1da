import { useMemo } from 'react';
import type { GridFeature } from '../api/reports';

type Ring = readonly (readonly number[])[];

const COLOURS = ['#eef2f6', '#fde0c5', '#f9b384', '#f0804d', '#d94a26', '#a8200d'];

/** The colour step of a count against the largest count on the map (0 is always the lightest). */
export function stepOf(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(COLOURS.length - 1, 1 + Math.floor(((count - 1) / max) * (COLOURS.length - 1)));
}

/**
 * The county map (no tile server): every grid's polygon from the territory's GeoJSON, filled by
 * its count of cases, hotspots outlined and flagged with ⚠. Longitude is scaled by the cosine of
 * the county's latitude, which is exact enough at county scale. Each grid names itself and its
 * count (a <title>), and the figures are in the tables beside the map.
 */
export function CountyMap({ label, features, counts, hot, nameOf }: { label: string; features: readonly GridFeature[]; counts: ReadonlyMap<string, number>; hot: ReadonlySet<string>; nameOf: (f: GridFeature) => string }) {
  const shape = useMemo(() => {
    const points = features.flatMap((f) => f.geometry.coordinates.flatMap((ring) => ring));
    const lons = points.map((p) => p[0] ?? 0);
    const lats = points.map((p) => p[1] ?? 0);
    const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale = 1000 / Math.max((maxLon - minLon) * k, maxLat - minLat, 1e-9);
    const xy = (p: readonly number[]) => [((p[0] ?? 0) - minLon) * k * scale, (maxLat - (p[1] ?? 0)) * scale] as const;
    const path = (rings: readonly Ring[]) => rings.map((ring) => `M${ring.map((p) => xy(p).map((v) => v.toFixed(1)).join(',')).join('L')}Z`).join('');
    const centre = (ring: Ring) => {
      const ps = ring.map(xy);
      return [ps.reduce((a, p) => a + p[0], 0) / ps.length, ps.reduce((a, p) => a + p[1], 0) / ps.length] as const;
    };
    return {
      width: (maxLon - minLon) * k * scale,
      height: (maxLat - minLat) * scale,
      grids: features.map((f) => ({ f, d: path(f.geometry.coordinates), at: centre(f.geometry.coordinates[0] ?? []) })),
    };
  }, [features]);
  const max = Math.max(0, ...counts.values());
  return (
    <figure className="county-map">
      <svg role="img" aria-label={label} viewBox={`-10 -10 ${(shape.width + 20).toFixed(0)} ${(shape.height + 20).toFixed(0)}`} preserveAspectRatio="xMidYMid meet">
        {shape.grids.map(({ f, d }) => {
          const n = counts.get(f.properties.code) ?? 0;
          return (
            <path key={f.properties.code} d={d} fill={COLOURS[stepOf(n, max)]} stroke={hot.has(f.properties.code) ? '#6a1b9a' : '#8995a3'} strokeWidth={hot.has(f.properties.code) ? 4 : 0.8}>
              <title>{`${nameOf(f)} (${f.properties.code}): ${n}${hot.has(f.properties.code) ? ' ⚠' : ''}`}</title>
            </path>
          );
        })}
        {shape.grids
          .filter(({ f }) => hot.has(f.properties.code))
          .map(({ f, at }) => (
            <text key={`hot-${f.properties.code}`} x={at[0]} y={at[1]} textAnchor="middle" dominantBaseline="middle" fontSize={22} fill="#4a0f6e" aria-hidden="true">
              ⚠
            </text>
          ))}
      </svg>
      <figcaption>
        <span className="legend">
          {COLOURS.map((c, i) => (
            <span key={c} className="swatch" style={{ background: c }} aria-hidden="true" title={String(i)} />
          ))}
        </span>{' '}
        0 – {max} · <span style={{ color: '#4a0f6e' }}>⚠</span>
      </figcaption>
    </figure>
  );
}
