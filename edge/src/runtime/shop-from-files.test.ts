import { describe, expect, it } from 'vitest';
import { demoKnowledge } from '../../test/support/make-test-app.ts';
import type { SourceFile } from '../core/parse-knowledge-sources.ts';
import { resolveProduct } from '../core/resolve-product.ts';
import { shopFromFiles } from './shop-from-files.ts';

/** The demo shop's files with `path` holding `text`. */
async function demoWith(path: string, text: string): Promise<SourceFile[]> {
  const { files } = await demoKnowledge();
  return [...files.filter((f) => f.path !== path), { path, text }];
}

describe('shopFromFiles', () => {
  it("lets the product resolver use the shop's synonyms.txt", async () => {
    const ask = async (synonyms: string) =>
      resolveProduct(
        { text: '灰色的随行杯还有货吗' },
        shopFromFiles(await demoWith('synonyms.txt', synonyms)).catalog,
      );
    // Without the group, 随行 (in the cups' names) and 灰色 leave a grey cup and a grey glass.
    expect(await ask('退款 退钱')).toMatchObject({
      kind: 'ambiguous',
      candidates: [{ sku: 'CUP-750-GY' }, { sku: 'GLS-400-GY' }],
    });
    expect(await ask('保温杯 随行杯')).toMatchObject({ kind: 'unique', row: { sku: 'CUP-750-GY' } });
  });

  it('refuses shop.json time rules the rules could not use, naming shop.json and the key', async () => {
    const withShop = (shop: unknown) => demoWith('shop.json', JSON.stringify(shop));
    const wrong = await withShop({ timeRules: { cutoffs: { weekday: '16点' } } });
    expect(() => shopFromFiles(wrong)).toThrow(
      'shop.json: timeRules.cutoffs.weekday must be a time of day as HH:MM (got "16点")',
    );
    const right = await withShop({ timeRules: { cutoffs: { weekday: '17:00' } } });
    expect(shopFromFiles(right).timeRules?.cutoffs).toEqual({
      weekday: '17:00',
      sunday: '12:00',
      holiday: '12:00',
    });
  });
});
