#!/usr/bin/env node
/*
 * Generates the demo county's territory (townships, communities, grids with their
 * boundaries) and its address table, once, into data/v1/territory.json and
 * data/v1/addresses.json. The library reads those files; it never runs this script.
 *
 * Usage (from libs/reference): node scripts/generate-territory.js
 *
 * Layout: the county is a rectangle of cells around the county seat (lon 115.3, lat 36.8).
 * The twelve townships sit in a 4 x 3 arrangement of blocks, each block 5 x 5 cells;
 * every grid is one cell, so grids never overlap. The four urban streets take the
 * middle blocks. Output is deterministic: the same script always writes the same files.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const VERSION = 1;
const SEAT = { longitude: 115.3, latitude: 36.8 };
const CELL = { longitude: 0.01, latitude: 0.008 };
const BLOCK = { columns: 5, rows: 5 };
const BLOCKS = { columns: 4, rows: 3 };
const ORIGIN = {
  longitude: SEAT.longitude - (BLOCKS.columns * BLOCK.columns * CELL.longitude) / 2,
  latitude: SEAT.latitude - (BLOCKS.rows * BLOCK.rows * CELL.latitude) / 2,
};

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Townships in block order (row by row from the south-west). Urban streets have
 * communities of 5 grids, each with one road and five residential compounds;
 * towns have villages of 5 or 6 grids, one per villagers' group.
 */
const TOWNSHIPS = [
  town('LL', '柳林镇', 'Liulin', [['柳林村', 'Liulin'], ['前屯村', 'Qiantun'], ['后屯村', 'Houtun']],
    { community: 0, zh: '经济开发区专属网格', en: 'Economic Development Zone Special Grid', addresses: ['清河经济开发区', '开发区管委会'] }),
  town('WGZ', '王官庄镇', 'Wangguanzhuang', [['王官庄村', 'Wangguanzhuang'], ['东王庄村', 'Dongwangzhuang'], ['西王庄村', 'Xiwangzhuang']]),
  town('MJ', '马集镇', 'Maji', [['马集村', 'Maji'], ['北马村', 'Beima'], ['南马村', 'Nanma']]),
  town('BT', '白塔镇', 'Baita', [['白塔村', 'Baita'], ['塔前村', 'Taqian'], ['塔后村', 'Tahou']]),

  town('YT', '杨屯镇', 'Yangtun', [['杨屯村', 'Yangtun'], ['杨庄村', 'Yangzhuang'], ['大杨村', 'Dayang']]),
  street('CG', '城关街道', 'Chengguan', [
    ['人民社区', 'Renmin', '人民路', 'Renmin Road', '人民'],
    ['文化社区', 'Wenhua', '文化路', 'Wenhua Road', '文化'],
    ['府前社区', 'Fuqian', '府前街', 'Fuqian Street', '府前'],
    ['鼓楼社区', 'Gulou', '鼓楼街', 'Gulou Street', '鼓楼'],
  ], { community: 0, zh: '县人民医院专属网格', en: "County People's Hospital Special Grid", addresses: ['清河县人民医院', '县人民医院'] }),
  street('DC', '东城街道', 'Dongcheng', [
    ['朝阳社区', 'Chaoyang', '朝阳路', 'Chaoyang Road', '朝阳'],
    ['东关社区', 'Dongguan', '东关街', 'Dongguan Street', '东关'],
    ['新华社区', 'Xinhua', '新华路', 'Xinhua Road', '新华'],
    ['和平社区', 'Heping', '和平路', 'Heping Road', '和平'],
  ], { community: 2, zh: '第一中学专属网格', en: 'No. 1 Middle School Special Grid', addresses: ['清河县第一中学', '清河一中'] }),
  town('YF', '油坊镇', 'Youfang', [['油坊村', 'Youfang'], ['刘油坊村', 'Liuyoufang'], ['张油坊村', 'Zhangyoufang']]),

  town('LZ', '连庄镇', 'Lianzhuang', [['连庄村', 'Lianzhuang'], ['李庄村', 'Lizhuang'], ['赵庄村', 'Zhaozhuang']]),
  street('XC', '西城街道', 'Xicheng', [
    ['西关社区', 'Xiguan', '西关街', 'Xiguan Street', '西关'],
    ['建设社区', 'Jianshe', '建设路', 'Jianshe Road', '建设'],
    ['光明社区', 'Guangming', '光明路', 'Guangming Road', '光明'],
    ['花园社区', 'Huayuan', '花园路', 'Huayuan Road', '花园'],
  ]),
  street('NH', '南湖街道', 'Nanhu', [
    ['南湖社区', 'Nanhu', '湖滨路', 'Hubin Road', '南湖'],
    ['滨河社区', 'Binhe', '滨河路', 'Binhe Road', '滨河'],
    ['翠苑社区', 'Cuiyuan', '翠苑路', 'Cuiyuan Road', '翠苑'],
    ['龙泉社区', 'Longquan', '龙泉路', 'Longquan Road', '龙泉'],
  ], { community: 1, zh: '高铁站专属网格', en: 'High-speed Railway Station Special Grid', addresses: ['清河高铁站', '高铁站'] }),
  township('ST', '孙堂乡', 'Suntang', [['孙堂村', 'Suntang'], ['前孙村', 'Qiansun'], ['后孙村', 'Housun']]),
];

const COMPOUND_SUFFIXES = [['花园', 'Garden'], ['家园', 'Homes'], ['小区', 'Estate'], ['公寓', 'Apartments'], ['嘉苑', 'Court']];

function street(abbr, zh, en, communities, special) {
  return { abbr, kind: 'street', zh, en: `${en} Street`, urban: true, communities, special };
}
function town(abbr, zh, en, villages, special) {
  return { abbr, kind: 'town', zh, en: `${en} Town`, urban: false, communities: villages, special };
}
function township(abbr, zh, en, villages, special) {
  return { abbr, kind: 'township', zh, en: `${en} Township`, urban: false, communities: villages, special };
}

const round6 = (x) => Math.round(x * 1e6) / 1e6;

/** The closed rectangle ring of the cell at (column, row) of the whole county, as GeoJSON. */
function cellPolygon(column, row) {
  const west = round6(ORIGIN.longitude + column * CELL.longitude);
  const east = round6(ORIGIN.longitude + (column + 1) * CELL.longitude);
  const south = round6(ORIGIN.latitude + row * CELL.latitude);
  const north = round6(ORIGIN.latitude + (row + 1) * CELL.latitude);
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

function build() {
  const townships = [];
  const communities = [];
  const grids = [];
  const addresses = [];

  TOWNSHIPS.forEach((t, blockIndex) => {
    const townshipCode = `QH-${t.abbr}`;
    townships.push({ code: townshipCode, kind: t.kind, name: { zh: t.zh, en: t.en } });

    const blockColumn = blockIndex % BLOCKS.columns;
    const blockRow = Math.floor(blockIndex / BLOCKS.columns);
    let cell = 0;
    const nextCell = () => {
      if (cell >= BLOCK.columns * BLOCK.rows) throw new Error(`township ${townshipCode} has more grids than cells`);
      const column = blockColumn * BLOCK.columns + (cell % BLOCK.columns);
      const row = blockRow * BLOCK.rows + Math.floor(cell / BLOCK.columns);
      cell += 1;
      return cellPolygon(column, row);
    };

    t.communities.forEach((c, communityIndex) => {
      const communityCode = `${townshipCode}-${String(communityIndex + 1).padStart(2, '0')}`;
      const [zh, en] = c;
      communities.push({
        code: communityCode,
        kind: t.urban ? 'community' : 'village',
        townshipCode,
        name: { zh, en: t.urban ? `${en} Community` : `${en} Village` },
      });

      // Urban communities: 5 grids. Villages: 5 or 6 grids (the middle village of a town has 6).
      const gridCount = t.urban ? 5 : communityIndex === 1 ? 6 : 5;
      for (let n = 1; n <= gridCount; n += 1) {
        const gridCode = `${communityCode}-${String(n).padStart(2, '0')}`;
        grids.push({
          code: gridCode,
          kind: t.urban ? 'urban' : 'rural',
          communityCode,
          townshipCode,
          name: { zh: `${zh}第${n}网格`, en: `${t.urban ? `${en} Community` : `${en} Village`} Grid ${n}` },
          boundary: nextCell(),
        });
        if (t.urban) {
          const [, , road, , stem] = c;
          // Each urban grid covers ten house numbers of the community's road and one compound.
          const first = (n - 1) * 10 + 1;
          addresses.push({ address: `${road}${first}号`, gridCode });
          addresses.push({ address: `${road}${first + 5}号`, gridCode });
          addresses.push({ address: `${stem}${COMPOUND_SUFFIXES[n - 1][0]}`, gridCode });
        } else {
          // A rural grid is one villagers' group, written with Arabic or Chinese numerals.
          addresses.push({ address: `${zh}${n}组`, gridCode });
          addresses.push({ address: `${zh}${CN_DIGITS[n]}组`, gridCode });
        }
      }

      if (t.special && t.special.community === communityIndex) {
        const gridCode = `${communityCode}-S1`;
        grids.push({
          code: gridCode,
          kind: 'special',
          communityCode,
          townshipCode,
          name: { zh: t.special.zh, en: t.special.en },
          boundary: nextCell(),
        });
        for (const address of t.special.addresses) addresses.push({ address, gridCode });
      }
    });
  });

  const territory = {
    version: VERSION,
    county: {
      code: 'QH',
      name: { zh: '清河县', en: 'Qinghe County' },
      fictional: true,
      note: 'A fictional demo county: names, codes, boundaries and addresses are invented.',
      seat: SEAT,
    },
    townships,
    communities,
    grids,
  };
  return { territory, addresses: { version: VERSION, addresses } };
}

/** Pretty JSON with one record per line, so that the files stay short and diff well. */
function render(value) {
  const lines = Object.entries(value).map(([key, v]) => {
    if (Array.isArray(v) && v.every((item) => typeof item === 'object' && item !== null)) {
      return `  ${JSON.stringify(key)}: [\n${v.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(v)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

function writeJson(file, value) {
  fs.writeFileSync(file, render(value));
}

if (require.main === module) {
  const { territory, addresses } = build();
  const dir = path.join(__dirname, '..', 'data', 'v1');
  writeJson(path.join(dir, 'territory.json'), territory);
  writeJson(path.join(dir, 'addresses.json'), addresses);
  process.stdout.write(
    `territory: ${territory.townships.length} townships, ${territory.communities.length} communities, ${territory.grids.length} grids; ` +
      `${addresses.addresses.length} addresses\n`,
  );
}

module.exports = { build };
