import type { ProductChoice } from '@xiaoer/protocol';
import type { ProductRow } from './parse-product-rows.ts';

/** More choices than this are no useful question: the answer then speaks of the products in general. */
const MAX_CHOICES = 6;
/** Questions whose answer differs between colour variants of one model. */
const PER_VARIANT = /有货|现货|库存|缺货|预售|颜色|什么色|几种色|价格|多少钱|价钱/;

export interface ClarifyingQuestion {
  question: string;
  choices: ProductChoice[];
}

function sameFacts(rows: ProductRow[]): boolean {
  const key = (r: ProductRow) =>
    [r.category, r.size, r.material, r.price, r.warrantyMonths, r.features.join('；')].join('|');
  return rows.every((r) => key(r) === key(rows[0]!));
}

/**
 * A short question listing the products that fit when a reference is ambiguous, or null when asking would not help:
 * too many candidates, or candidates (colour variants) that share every fact the question is about.
 * @example composeClarifyingQuestion('Buds Pro 有货吗', [proBlack, proWhite])?.question // '您问的是哪一款？…'
 */
export function composeClarifyingQuestion(text: string, rows: ProductRow[]): ClarifyingQuestion | null {
  if (rows.length < 2 || rows.length > MAX_CHOICES) return null;
  if (sameFacts(rows) && !PER_VARIANT.test(text)) return null;
  const choices = rows.map((r) => ({ sku: r.sku, label: r.name }));
  const list = choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
  return { question: `您问的是哪一款？\n${list}\n告诉我序号或名称就好。`, choices };
}

/** The facts of a product row as lines for the prompt, so the model answers from the row itself. */
export function productFacts(row: ProductRow): string[] {
  return [
    `顾客问的商品：${row.name}（SKU ${row.sku}）`,
    `颜色：${row.color}；规格：${row.size}；材质：${row.material}`,
    `价格：${row.price ?? '未标价'}元；保修：${row.warrantyMonths ? `${row.warrantyMonths}个月` : '不保修'}；库存：${row.stock}`,
    `卖点：${row.features.join('；')}`,
  ];
}

/** A customer-facing summary of a product row, for replies without a model. */
export function productSummary(row: ProductRow): string {
  const warranty = row.warrantyMonths ? `保修${row.warrantyMonths}个月` : '不提供保修';
  return `${row.name}：${row.features.join('；')}。规格${row.size}，${row.material}，${row.price ?? '—'}元，${warranty}，目前${row.stock}。`;
}
