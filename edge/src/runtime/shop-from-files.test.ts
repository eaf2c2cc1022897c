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
});
