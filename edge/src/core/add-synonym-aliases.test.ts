import { describe, expect, it } from 'vitest';
import { addSynonymAliases } from './add-synonym-aliases.ts';
import { DEFAULT_PRODUCT_VOCABULARY } from './resolve-product.ts';

describe('addSynonymAliases', () => {
  it('adds the words of a group that names a category, or one of its names, to that category', () => {
    const v = addSynonymAliases(DEFAULT_PRODUCT_VOCABULARY, [
      ['保温杯', '随行杯'],
      ['移动电源', '尿袋'],
      ['退款', '退钱'],
    ]);
    expect(v.categoryAliases.保温杯).toEqual(['保温杯', '保温水杯', '随行杯']);
    expect(v.categoryAliases.充电宝).toEqual(['充电宝', '移动电源', '尿袋']);
    // A group that names no category changes nothing; the input is left as it was.
    expect(Object.values(v.categoryAliases).flat()).not.toContain('退钱');
    expect(DEFAULT_PRODUCT_VOCABULARY.categoryAliases.保温杯).toEqual(['保温杯', '保温水杯']);
    expect(v.synonyms).toBe(DEFAULT_PRODUCT_VOCABULARY.synonyms);
  });

  it('adds a word once, whatever its case or how many groups hold it', () => {
    const v = addSynonymAliases(DEFAULT_PRODUCT_VOCABULARY, [
      ['充电宝', 'PowerBank'],
      ['移动电源', 'powerbank', '充电宝'],
    ]);
    expect(v.categoryAliases.充电宝).toEqual(['充电宝', '移动电源', 'PowerBank']);
  });
});
