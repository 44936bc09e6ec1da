import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEADLINE_KINDS,
  REFERENCE_DATA_VERSION,
  TIME_UNITS,
  URGENCIES,
  addressEntries,
  categories,
  categoryByCode,
  categoryTree,
  centreUnit,
  childCategories,
  childUnits,
  communities,
  communityByCode,
  county,
  deadlinePolicyData,
  departments,
  gridByCode,
  grids,
  gridsOf,
  isLeafCategory,
  leafCategories,
  leafCategory,
  normaliseAddress,
  supervisionUnit,
  townshipByCode,
  townships,
  unitByCode,
  units,
  type Grid,
  type UnitKind,
  type UnitLevel,
} from '../src';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const dataDir = path.join(__dirname, '..', 'data', 'v1');

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function box(grid: Grid) {
  const ring = grid.boundary.coordinates[0];
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return { west: Math.min(...xs), east: Math.max(...xs), south: Math.min(...ys), north: Math.max(...ys) };
}

describe('data files', () => {
  it('all carry the reference data version', () => {
    const files = fs.readdirSync(dataDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) expect({ file, version: JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')).version }).toEqual({ file, version: REFERENCE_DATA_VERSION });
  });
});

describe('territory', () => {
  it('has the demo county with at least 10 townships, 30 communities and 200 grids', () => {
    expect(county()).toMatchObject({ code: 'QH', name: { zh: '清河县', en: 'Qinghe County' }, fictional: true });
    expect(townships().length).toBeGreaterThanOrEqual(10);
    expect(communities().length).toBeGreaterThanOrEqual(30);
    expect(grids().length).toBeGreaterThanOrEqual(200);
  });

  it('has urban, rural and special grids', () => {
    expect(new Set(grids().map((g) => g.kind))).toEqual(new Set(['urban', 'rural', 'special']));
  });

  it('puts every grid in a community of its own township, and every community in a township', () => {
    for (const c of communities()) expect(townshipByCode(c.townshipCode)).toBeDefined();
    for (const g of grids()) {
      const community = communityByCode(g.communityCode);
      expect(community).toBeDefined();
      expect(community?.townshipCode).toBe(g.townshipCode);
      expect(g.code.startsWith(`${g.communityCode}-`)).toBe(true);
    }
    for (const t of townships()) expect(communities().some((c) => c.townshipCode === t.code)).toBe(true);
    for (const c of communities()) expect(gridsOf(c.code).length).toBeGreaterThan(0);
  });

  it('gives every grid a closed WGS84 rectangle near the county seat', () => {
    const seat = county().seat;
    for (const g of grids()) {
      const ring = g.boundary.coordinates[0];
      expect(g.boundary.type).toBe('Polygon');
      expect(ring).toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      const b = box(g);
      expect(b.west).toBeLessThan(b.east);
      expect(b.south).toBeLessThan(b.north);
      for (const [x, y] of ring) {
        expect([b.west, b.east]).toContain(x);
        expect([b.south, b.north]).toContain(y);
        expect(Math.abs(x - seat.longitude)).toBeLessThan(0.5);
        expect(Math.abs(y - seat.latitude)).toBeLessThan(0.5);
      }
    }
  });

  it('has no overlapping grids', () => {
    const boxes = grids().map((g) => ({ code: g.code, ...box(g) }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.west < b.east && b.west < a.east && a.south < b.north && b.south < a.north) overlaps.push(`${a.code} / ${b.code}`);
      }
    }
    expect(overlaps).toEqual([]);
  });
});

describe('units', () => {
  const levelOf: Record<UnitKind, UnitLevel> = {
    centre: 'county',
    supervision: 'county',
    department: 'county',
    township: 'township',
    community: 'community',
    grid: 'grid',
  };

  it('has unique, well-formed codes', () => {
    const codes = units().map((u) => u.code);
    expect(duplicates(codes)).toEqual([]);
    for (const code of codes) expect(code).toMatch(CODE);
  });

  it('makes every township, community and grid a unit', () => {
    for (const t of townships()) expect(unitByCode(t.code)).toMatchObject({ kind: 'township', parentCode: null });
    for (const c of communities()) expect(unitByCode(c.code)).toMatchObject({ kind: 'community', parentCode: c.townshipCode });
    for (const g of grids()) expect(unitByCode(g.code)).toMatchObject({ kind: 'grid', parentCode: g.communityCode });
  });

  it('gives every unit the level of its kind and an existing parent of the level above', () => {
    const above: Record<UnitLevel, UnitLevel | null> = { county: null, township: null, community: 'township', grid: 'community' };
    for (const u of units()) {
      expect(u.level).toBe(levelOf[u.kind]);
      if (above[u.level] === null) expect(u.parentCode).toBeNull();
      else expect(unitByCode(u.parentCode ?? '')?.level).toBe(above[u.level]);
      expect(u.name.zh).not.toBe('');
      expect(u.name.en).not.toBe('');
    }
  });

  it('has one centre, one supervision office and at least 15 departments, including the ones the domain names', () => {
    expect(centreUnit().name.zh).toContain('指挥中心');
    expect(supervisionUnit().name.zh).toContain('督查室');
    expect(departments().length).toBeGreaterThanOrEqual(15);
    const names = departments().map((d) => d.name.zh).join(' ');
    for (const word of ['城市管理', '公安', '司法', '市场监督', '自然资源', '交通运输', '消防', '民政', '人力资源和社会保障', '医疗保障', '住房和城乡建设', '生态环境', '水利', '卫生健康', '教育']) {
      expect(names).toContain(word);
    }
  });

  it('lists a unit\'s children', () => {
    expect(childUnits('QH-CG').map((u) => u.code)).toEqual(communities().filter((c) => c.townshipCode === 'QH-CG').map((c) => c.code));
    expect(childUnits('QH-CG-01').every((u) => u.kind === 'grid')).toBe(true);
  });
});

describe('category catalogue', () => {
  it('has unique, well-formed codes in three levels and at least 40 leaf matters', () => {
    const codes = categories().map((c) => c.code);
    expect(duplicates(codes)).toEqual([]);
    for (const code of codes) expect(code).toMatch(CODE);
    expect(new Set(categories().map((c) => c.level))).toEqual(new Set([1, 2, 3]));
    expect(leafCategories().length).toBeGreaterThanOrEqual(40);
  });

  it('puts every category under an existing parent one level up, and every branch has children', () => {
    for (const c of categories()) {
      if (c.level === 1) expect(c.parentCode).toBeNull();
      else expect(categoryByCode(c.parentCode ?? '')?.level).toBe(c.level - 1);
      if (c.level < 3) expect(childCategories(c.code).length).toBeGreaterThan(0);
    }
    const countNodes = (nodes: ReturnType<typeof categoryTree>): number => nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
    expect(countNodes(categoryTree())).toBe(categories().length);
  });

  it('gives every leaf a handling level, and county-level leaves an existing owner department', () => {
    for (const leaf of leafCategories()) {
      expect(['grid', 'community', 'township', 'county']).toContain(leaf.defaultHandlingLevel);
      if (leaf.defaultHandlingLevel === 'county') expect(unitByCode(leaf.ownerDepartmentCode ?? '')?.kind).toBe('department');
      else expect(leaf.ownerDepartmentCode).toBeUndefined();
    }
  });

  it('includes the matters the domain keeps mentioning', () => {
    const names = leafCategories().map((c) => c.name.zh).join(' ');
    for (const word of ['停车', '占道经营', '飞线充电', '物业服务', '漏水', '积水', '噪音', '垃圾', '拖欠工资', '流浪犬', '私搭乱建']) expect(names).toContain(word);
  });

  it('tells leaves from branches', () => {
    expect(isLeafCategory('SO.SAFETY.FLYING-WIRE')).toBe(true);
    expect(isLeafCategory('SO.SAFETY')).toBe(false);
    expect(isLeafCategory('nope')).toBe(false);
    expect(leafCategory('SO.SAFETY')).toBeUndefined();
  });
});

describe('deadline policy data', () => {
  const data = deadlinePolicyData();

  it('covers exactly the leaf categories, each with an existing profile', () => {
    expect(Object.keys(data.categories).sort()).toEqual(leafCategories().map((c) => c.code).sort());
    for (const setting of Object.values(data.categories)) expect(Object.keys(data.profiles)).toContain(setting.profile);
  });

  it('has every limit for every urgency in every profile, with a valid amount', () => {
    const amounts = [data.overdueReminderAfter, data.supervisionAfter, data.maxExtension];
    for (const profile of Object.values(data.profiles)) {
      for (const urgency of URGENCIES) {
        expect(Object.keys(profile[urgency]).sort()).toEqual([...DEADLINE_KINDS].sort());
        amounts.push(...Object.values(profile[urgency]));
      }
    }
    for (const setting of Object.values(data.categories)) {
      for (const [urgency, limits] of Object.entries(setting.overrides ?? {})) {
        expect(URGENCIES).toContain(urgency);
        for (const kind of Object.keys(limits ?? {})) expect(DEADLINE_KINDS).toContain(kind);
        amounts.push(...Object.values(limits ?? {}));
      }
    }
    for (const amount of amounts) {
      expect(TIME_UNITS).toContain(amount.unit);
      expect(amount.value).toBeGreaterThan(0);
      if (amount.unit === 'working-days') expect(Number.isInteger(amount.value)).toBe(true);
    }
  });

  it('warns at 50 % and 75 %', () => {
    expect(data.warnings.map((w) => w.fraction)).toEqual([0.5, 0.75]);
  });
});

describe('address table', () => {
  it('has a few hundred addresses, each in an existing grid, none ambiguous after normalisation', () => {
    const entries = addressEntries();
    expect(entries.length).toBeGreaterThanOrEqual(300);
    for (const e of entries) expect(gridByCode(e.gridCode)).toBeDefined();
    expect(duplicates(entries.map((e) => normaliseAddress(e.address)))).toEqual([]);
  });

  it('gives every grid at least one address', () => {
    const withAddress = new Set(addressEntries().map((e) => e.gridCode));
    expect(grids().filter((g) => !withAddress.has(g.code)).map((g) => g.code)).toEqual([]);
  });
});

describe('working calendar data', () => {
  const years = [2026, 2027].map((year) => JSON.parse(fs.readFileSync(path.join(dataDir, `calendar-${year}.json`), 'utf8')));

  it('lists valid, sorted, distinct dates of its own year; swapped working days are weekend days', () => {
    for (const y of years) {
      const holidays: string[] = y.holidays.map((h: { date: string }) => h.date);
      const swapped: string[] = y.swappedWorkingDays.map((h: { date: string }) => h.date);
      for (const date of [...holidays, ...swapped]) {
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
        expect(date.startsWith(`${y.year}-`)).toBe(true);
      }
      expect([...holidays].sort()).toEqual(holidays);
      expect(duplicates([...holidays, ...swapped])).toEqual([]);
      for (const date of swapped) expect([0, 6]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    }
  });

  it('marks 2026 as official and 2027 as provisional', () => {
    expect(years.map((y) => [y.year, y.provisional])).toEqual([
      [2026, false],
      [2027, true],
    ]);
    expect(years[1].source).toMatch(/Provisional/);
  });

  it('has the 2026 arrangement: 33 holiday days and 6 swapped working days', () => {
    expect(years[0].holidays).toHaveLength(33);
    expect(years[0].swappedWorkingDays.map((d: { date: string }) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('has the 13 statutory holiday days for 2027', () => {
    expect(years[1].holidays).toHaveLength(13);
  });
});

describe('purity of the library code', () => {
  const srcDir = path.join(__dirname, '..', 'src');
  const sources = fs.readdirSync(srcDir).filter((f) => f.endsWith('.ts'));

  it.each(sources)('%s imports only its own files and JSON data, and never reads the clock', (file) => {
    const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
    const imports = [...text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const specifier of imports) expect(specifier).toMatch(/^\.\/[a-z-]+$|^\.\.\/data\/v\d+\/[a-z0-9-]+\.json$/);
    expect(text).not.toMatch(/Date\.now|new Date\(\)|Math\.random|require\(/);
  });
});
