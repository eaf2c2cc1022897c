import { describe, expect, it } from 'vitest';
import { demoKnowledge } from '../../test/support/make-test-app.ts';
import { resolveProduct } from '../core/resolve-product.ts';
import { shopFromFiles } from './shop-from-files.ts';

describe('shopFromFiles', () => {
  it("lets the product resolver use the shop's synonyms.txt", async () => {
    const { files } = await demoKnowledge();
    const ask = (synonyms: string) => {
      const shop = shopFromFiles([
        ...files.filter((f) => f.path !== 'synonyms.txt'),
        { path: 'synonyms.txt', text: synonyms },
      ]);
      return resolveProduct({ text: '灰色的随行杯还有货吗' }, shop.catalog);
    };
    // Without the group, 随行 (in the cups' names) and 灰色 leave a grey cup and a grey glass.
    expect(ask('退款 退钱')).toMatchObject({
      kind: 'ambiguous',
      candidates: [{ sku: 'CUP-750-GY' }, { sku: 'GLS-400-GY' }],
    });
    expect(ask('保温杯 随行杯')).toMatchObject({ kind: 'unique', row: { sku: 'CUP-750-GY' } });
  });

  it('refuses shop.json time rules the rules could not use, naming shop.json and the key', async () => {
    const { files } = await demoKnowledge();
    const withShop = (shop: unknown) => [
      ...files.filter((f) => f.path !== 'shop.json'),
      { path: 'shop.json', text: JSON.stringify(shop) },
    ];
    expect(() => shopFromFiles(withShop({ timeRules: { cutoffs: { weekday: '16点' } } }))).toThrow(
      'shop.json: timeRules.cutoffs.weekday must be a time of day as HH:MM (got "16点")',
    );
    expect(
      shopFromFiles(withShop({ timeRules: { cutoffs: { weekday: '17:00' } } })).timeRules?.cutoffs,
    ).toEqual({
      weekday: '17:00',
      sunday: '12:00',
      holiday: '12:00',
    });
  });
});
