import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.ts';
import { parseProductRows } from './parse-product-rows.ts';
import {
  createProductCatalog,
  mergeProductVocabulary,
  type ProductResolution,
  resolveProduct,
} from './resolve-product.ts';

const csv = readFileSync(resolve(import.meta.dirname, '../../../examples/lizi-shop/products.csv'), 'utf8');
const catalog = createProductCatalog(parseProductRows(parseCsv(csv)));

function sku(r: ProductResolution): string | null {
  return r.kind === 'unique' ? r.row.sku : null;
}
function choices(r: ProductResolution): string[] {
  return r.kind === 'ambiguous' ? r.candidates.map((c) => c.sku).sort() : [];
}

describe('resolveProduct', () => {
  it.each([
    ['那个蓝色小杯子能装热水吗', 'CUP-350-BL'],
    ['最大的那个充电宝是多少Wh的', 'PWR-20K-BK'],
    ['小一点的那个电水壶功率多大', 'KTL-15-WH'],
    ['大一点的电水壶是什么颜色', null],
    ['白色那款1.7升的水壶能调温度吗', 'KTL-17-WH'],
    ['灰色750那个保温杯能泡茶吗', 'CUP-750-GY'],
    ['灰色那个65W的充电器能给笔记本充电吗', 'CHG-65W-GY'],
    ['Pro 2 和 Pro 有啥区别', 'BUD-PRO2-BK'],
    ['buds pro2 支持无线充电吗', 'BUD-PRO2-BK'],
    ['白色的Buds Pro还有货吗', 'BUD-PRO-WH'],
    ['iPhone 17 Pro 黑色那个壳支持磁吸吗', 'CASE-IP17P-BK'],
    ['16的透明壳能吸MagSafe吗', 'CASE-IP16-CL'],
    ['一拖三的线能传数据吗', 'CBL-3IN1-BK'],
    ['车上用的那个充电器，24V的货车能用吗', 'CHG-36W-BK'],
    ['就买根19块的数据线，运费多少', 'CBL-CC1M-WH'],
    ['20000毫安的充电宝能带上飞机不', 'PWR-20K-BK'],
    ['1000ml的保温杯重吗', 'CUP-1000-GN'],
    ['14个的蒸蛋器能蒸包子吗', 'EGG-14-WH'],
    ['小米15的壳是什么材质', 'CASE-MI15-GN'],
    ['奶油白的充电宝能无线充吗', 'PWR-5K-WH'],
    ['3.5mm的耳机能插电脑吗', 'WIR-35-BK'],
    ['USB-A转C的线最大多少A', 'CBL-AC1M-BK'],
    ['苹果的快充线是MFi认证吗', 'CBL-CL1M-WH'],
    ['保温杯哪个最大', 'CUP-1000-GN'],
  ])('%s -> %s', (text, expected) => {
    expect(sku(resolveProduct({ text }, catalog))).toBe(expected);
  });

  it('does not take a temperature, date or bare price for a model or size', () => {
    expect(resolveProduct({ text: '保温杯能保温70度吗' }, catalog).kind).toBe('ambiguous');
    expect(sku(resolveProduct({ text: '买个399的耳机能用花呗分期吗' }, catalog))).toBeNull();
    expect(resolveProduct({ text: '11月5号下午两点付的款，12号还能价保吗' }, catalog)).toEqual({
      kind: 'none',
    });
  });

  it('lists the fitting SKUs when the reference is ambiguous', () => {
    expect(choices(resolveProduct({ text: 'Buds Pro 有货吗' }, catalog))).toEqual([
      'BUD-PRO-BK',
      'BUD-PRO-WH',
    ]);
    expect(choices(resolveProduct({ text: '吸管杯适合几岁' }, catalog))).toEqual([
      'KID-400-BL',
      'KID-400-PK',
    ]);
    expect(choices(resolveProduct({ text: '蓝色的杯子' }, catalog))).toEqual([
      'CUP-350-BL',
      'CUP-500-BL',
      'KID-400-BL',
      'MUG-400-BL',
    ]);
  });

  it('needs a product word before it resolves anything', () => {
    expect(resolveProduct({ text: '你们发错货了，我买的白色发来个黑的' }, catalog)).toEqual({ kind: 'none' });
    expect(resolveProduct({ text: '你们有线下门店吗' }, catalog)).toEqual({ kind: 'none' });
  });

  it('resolves follow-ups from earlier messages, with a new colour replacing the old one', () => {
    const history = ['我前几天买了Lizi Buds Pro 2'];
    expect(resolveProduct({ text: '这个保修多久啊', history }, catalog)).toMatchObject({ via: 'history' });
    expect(sku(resolveProduct({ text: '那它能退吗', history }, catalog))).toBe('BUD-PRO2-BK');
    expect(
      sku(resolveProduct({ text: '换成蓝色的有货吗', history: ['白色的350ml保温杯能装冰吗'] }, catalog)),
    ).toBe('CUP-350-BL');
    expect(resolveProduct({ text: '好的谢谢', history }, catalog)).toEqual({ kind: 'none' });
  });

  it('uses the page SKU for a message about "this" product and to settle a tie', () => {
    expect(resolveProduct({ text: '这个能装热水吗', contextSku: 'GLS-400-CL' }, catalog)).toMatchObject({
      kind: 'unique',
      via: 'page',
      row: { sku: 'GLS-400-CL' },
    });
    expect(sku(resolveProduct({ text: 'Buds Pro 有货吗', contextSku: 'BUD-PRO-WH' }, catalog))).toBe(
      'BUD-PRO-WH',
    );
  });
});

describe('answers to a clarifying question', () => {
  const asked =
    '您问的是哪一款？\n1. Lizi Buds Pro 主动降噪蓝牙耳机 黑色\n2. Lizi Buds Pro 主动降噪蓝牙耳机 白色\n告诉我序号或名称就好。';
  it.each([
    ['2', 'BUD-PRO-WH'],
    ['第一个', 'BUD-PRO-BK'],
    ['要2号', 'BUD-PRO-WH'],
  ])('%s -> %s', (text, expected) => {
    expect(sku(resolveProduct({ text, previousReply: asked, history: ['Buds Pro 有货吗'] }, catalog))).toBe(
      expected,
    );
  });

  it('answers with a colour through the earlier message, and ignores numbers without a list', () => {
    expect(
      sku(resolveProduct({ text: '白色的', previousReply: asked, history: ['Buds Pro 有货吗'] }, catalog)),
    ).toBe('BUD-PRO-WH');
    expect(resolveProduct({ text: '2', previousReply: '好的。' }, catalog)).toEqual({ kind: 'none' });
  });
});

describe('mergeProductVocabulary', () => {
  it("adds a shop's own names for a category", () => {
    const shop = createProductCatalog(
      parseProductRows(parseCsv(csv)),
      mergeProductVocabulary({ categoryAliases: { 煮蛋器: ['蛋蒸锅'] } }),
    );
    expect(resolveProduct({ text: '黄色的蛋蒸锅能煮几个' }, shop)).toMatchObject({
      row: { sku: 'EGG-7-YL' },
    });
    expect(resolveProduct({ text: '黄色的蛋蒸锅能煮几个' }, catalog)).toEqual({ kind: 'none' });
  });

  it('rejects a wrong shape with the key named', () => {
    expect(() => mergeProductVocabulary({ categoryAliases: { 煮蛋器: '蛋锅' } })).toThrow(
      /categoryAliases.煮蛋器/,
    );
  });
});

describe('parseProductRows', () => {
  it('rejects duplicate SKUs and bad prices with the line or SKU named', () => {
    expect(() => parseProductRows(parseCsv('sku,name\nA,x\nA,y'))).toThrow(/line 3: duplicate sku A/);
    expect(() => parseProductRows(parseCsv('sku,name,price\nA,x,abc'))).toThrow(/product A: "price"/);
    expect(() => parseProductRows(parseCsv('name\nx'))).toThrow(/"sku" column/);
  });
});
