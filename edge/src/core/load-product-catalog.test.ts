import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_KB_DIR } from '../../test/support/make-test-app.ts';
import { loadProductCatalog } from './load-product-catalog.ts';
import { parseCsv } from './parse-csv.ts';

const csv = readFileSync(resolve(DEMO_KB_DIR, 'products.csv'), 'utf8');

describe('loadProductCatalog', () => {
  it('reads products.json into the same catalog as the same table in products.csv', () => {
    // The demo table as a JSON export would give it: numbers as numbers, features as an array.
    const json = parseCsv(csv).rows.map(({ values: v }) => ({
      ...v,
      price: v.price ? Number(v.price) : null,
      warranty_months: v.warranty_months ? Number(v.warranty_months) : null,
      features: (v.features ?? '').split('；').filter(Boolean),
    }));
    const fromCsv = loadProductCatalog([{ path: 'products.csv', text: csv }]);
    const fromJson = loadProductCatalog([{ path: 'shop/products.json', text: JSON.stringify(json) }]);
    expect(fromCsv.rows.length).toBeGreaterThan(5);
    expect(fromJson.rows).toEqual(fromCsv.rows);
    expect(fromJson.rows[0]!.features.length).toBeGreaterThan(1);
  });

  it('is empty without a product table, and names the file of a broken one once', () => {
    expect(loadProductCatalog([{ path: 'faq.csv', text: 'id,question,answer\n' }]).rows).toEqual([]);
    expect(() => loadProductCatalog([{ path: 'products.json', text: '{"sku":' }])).toThrow(
      /^products\.json: line 1: not valid JSON/,
    );
    expect(() =>
      loadProductCatalog([
        { path: 'products.json', text: '[{"sku":"A","name":"杯"},{"sku":"A","name":"杯"}]' },
      ]),
    ).toThrow('products.json: product table line 2: duplicate sku A');
  });
});
