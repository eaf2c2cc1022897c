import type { Table } from './parse-csv.ts';

/** One row of the shop's product table (products.csv). */
export interface ProductRow {
  sku: string;
  name: string;
  category: string;
  color: string;
  size: string;
  material: string;
  /** Yuan; null when the table leaves it empty. */
  price: number | null;
  warrantyMonths: number | null;
  features: string[];
  /** 有货, 缺货, 预售 ... as the shop writes it. */
  stock: string;
}

function numberOrNull(raw: string | undefined, column: string, sku: string): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`product ${sku}: "${column}" must be a number (got "${raw}")`);
  return n;
}

/**
 * The product rows of the shop's product table, read from products.csv or products.json (`readTable`); the columns
 * of examples/lizi-shop/products.csv, of which only `sku` and `name` are required. Features are separated by `；` or
 * `;` in a cell, or given as a JSON array. Throws on a missing column, a duplicate SKU or a non-numeric price, naming
 * the SKU.
 * @example parseProductRows(parseCsv('sku,name\nCUP-1,杯子')).map((r) => r.sku) // ['CUP-1']
 */
export function parseProductRows({ header, rows }: Table): ProductRow[] {
  for (const col of ['sku', 'name']) {
    if (!header.includes(col)) throw new Error(`product table needs a "${col}" column`);
  }
  const seen = new Set<string>();
  return rows.map(({ values: r, line }) => {
    const sku = (r.sku ?? '').trim();
    if (!sku) throw new Error(`product table line ${line}: empty sku`);
    if (seen.has(sku)) throw new Error(`product table line ${line}: duplicate sku ${sku}`);
    seen.add(sku);
    return {
      sku,
      name: (r.name ?? '').trim(),
      category: (r.category ?? '').trim(),
      color: (r.color ?? '').trim(),
      size: (r.size ?? '').trim(),
      material: (r.material ?? '').trim(),
      price: numberOrNull(r.price, 'price', sku),
      warrantyMonths: numberOrNull(r.warranty_months, 'warranty_months', sku),
      features: (r.features ?? '')
        // readTable joins a JSON array with "|".
        .split(/[；;|]/)
        .map((s) => s.trim())
        .filter(Boolean),
      stock: (r.stock ?? '').trim(),
    };
  });
}
