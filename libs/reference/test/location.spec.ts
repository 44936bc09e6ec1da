import fc from 'fast-check';
import { gridAt, grids, isPointInPolygon, matchAddress, normaliseAddress, resolveLocation, type Grid, type Polygon } from '../src';

function centre(grid: Grid): { longitude: number; latitude: number } {
  const ring = grid.boundary.coordinates[0];
  const longitudes = ring.map(([x]) => x);
  const latitudes = ring.map(([, y]) => y);
  return {
    longitude: (Math.min(...longitudes) + Math.max(...longitudes)) / 2,
    latitude: (Math.min(...latitudes) + Math.max(...latitudes)) / 2,
  };
}

describe('resolveLocation by grid code', () => {
  it('resolves a known grid to its community and township', () => {
    expect(resolveLocation({ gridCode: 'QH-CG-01-03' })).toEqual({
      resolved: true,
      gridCode: 'QH-CG-01-03',
      communityCode: 'QH-CG-01',
      townshipCode: 'QH-CG',
      via: 'grid-code',
    });
  });

  it('prefers the grid code over a conflicting address', () => {
    expect(resolveLocation({ gridCode: 'QH-LL-01-01', address: '人民路1号' })).toMatchObject({ gridCode: 'QH-LL-01-01', via: 'grid-code' });
  });

  it('falls back to the address when the grid code is unknown', () => {
    expect(resolveLocation({ gridCode: 'QH-XX-99', address: '人民路1号' })).toMatchObject({ gridCode: 'QH-CG-01-01', via: 'address' });
  });
});

describe('resolveLocation by address', () => {
  it.each([
    ['人民路1号', 'QH-CG-01-01', 'exact'],
    ['人民路16号', 'QH-CG-01-02', 'exact'],
    ['清河县城关街道人民路1号', 'QH-CG-01-01', 'exact'],
    [' 人民路 １号 ', 'QH-CG-01-01', 'exact'],
    ['人民路1号3单元501室', 'QH-CG-01-01', 'prefix'],
    ['人民花园12号楼2单元', 'QH-CG-01-01', 'prefix'],
    ['柳林村一组', 'QH-LL-01-01', 'exact'],
    ['柳林村3组张家', 'QH-LL-01-03', 'prefix'],
    ['清河一中东门', 'QH-DC-03-S1', 'prefix'],
    ['清河县人民医院', 'QH-CG-01-S1', 'exact'],
  ])('%s -> %s (%s match)', (address, gridCode, match) => {
    expect(matchAddress(address)).toMatchObject({ gridCode, match });
    expect(resolveLocation({ address })).toMatchObject({ resolved: true, gridCode, via: 'address' });
  });

  it('does not take a shorter house number for a longer one', () => {
    // 人民路1号 is known, 人民路12号 is not: it must not match 人民路1号.
    expect(matchAddress('人民路12号')).toBeUndefined();
  });

  it('normalises width, spaces, punctuation and leading county and township names', () => {
    expect(normaliseAddress('清河县 东城街道，朝阳路２１号')).toBe('朝阳路21号');
    expect(normaliseAddress('城关街道')).toBe('城关街道');
  });

  it('reports an address that matches nothing', () => {
    expect(resolveLocation({ address: '北京市东城区' })).toEqual({ resolved: false, reason: 'no-match', tried: ['address'] });
  });
});

describe('resolveLocation by coordinates', () => {
  it('puts the centre of every grid in that grid', () => {
    for (const grid of grids()) {
      expect(resolveLocation(centre(grid))).toEqual({
        resolved: true,
        gridCode: grid.code,
        communityCode: grid.communityCode,
        townshipCode: grid.townshipCode,
        via: 'coordinates',
      });
    }
  });

  it('uses coordinates when the address is unknown', () => {
    const grid = grids()[100];
    expect(resolveLocation({ address: '某某路999号', ...centre(grid) })).toMatchObject({ gridCode: grid.code, via: 'coordinates' });
  });

  it('puts a point on the edge shared by two grids in exactly one of them', () => {
    const [west, south] = grids()[0].boundary.coordinates[0][1]; // south-east corner of the first grid
    const onEdge = { longitude: west, latitude: south + 0.004 };
    expect(grids().filter((g) => isPointInPolygon(onEdge.longitude, onEdge.latitude, g.boundary))).toHaveLength(1);
  });

  it('reports a point outside the county', () => {
    expect(resolveLocation({ longitude: 116.4, latitude: 39.9 })).toEqual({ resolved: false, reason: 'no-match', tried: ['coordinates'] });
  });

  it('ignores coordinates that are missing, half given or out of range', () => {
    expect(resolveLocation({ latitude: 36.8 })).toEqual({ resolved: false, reason: 'no-location', tried: [] });
    expect(resolveLocation({ longitude: 115.3, latitude: 100 })).toMatchObject({ reason: 'no-location' });
    expect(resolveLocation({ longitude: Number.NaN, latitude: 36.8 })).toMatchObject({ reason: 'no-location' });
  });

  it('says so when nothing was given', () => {
    expect(resolveLocation({})).toEqual({ resolved: false, reason: 'no-location', tried: [] });
    expect(resolveLocation({ gridCode: ' ', address: '' })).toEqual({ resolved: false, reason: 'no-location', tried: [] });
  });

  it('finds at most one grid for any point of the county (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 115.19, max: 115.41, noNaN: true }), fc.double({ min: 36.73, max: 36.87, noNaN: true }), (longitude, latitude) => {
        const containing = grids().filter((g) => isPointInPolygon(longitude, latitude, g.boundary));
        expect(containing.length).toBeLessThanOrEqual(1);
        expect(gridAt(longitude, latitude)?.code).toBe(containing[0]?.code);
      }),
    );
  });
});

describe('isPointInPolygon', () => {
  // An L-shaped polygon with a square hole in its long arm.
  const shape: Polygon = {
    type: 'Polygon',
    coordinates: [
      [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]],
      [[0.25, 2], [0.75, 2], [0.75, 3], [0.25, 3], [0.25, 2]],
    ],
  };

  it.each([
    [0.5, 0.5, true],
    [3.5, 0.5, true],
    [0.5, 3.5, true],
    [2, 2, false], // in the notch of the L
    [0.5, 2.5, false], // in the hole
    [5, 0.5, false],
    [0, 0.5, true], // west edge belongs to the polygon
    [4, 0.5, false], // east edge does not
  ])('(%d, %d) inside: %s', (x, y, expected) => {
    expect(isPointInPolygon(x, y, shape)).toBe(expected);
  });
});
