import type { ProductVocabulary } from './resolve-product.ts';
import type { SynonymGroups } from './synonyms.ts';

/**
 * Lets the product resolver use a shop's synonym groups (`synonyms.txt`) as retrieval does: a group that holds a
 * category, or one of its names, makes every word of the group another name of that category (`保温杯 随行杯` lets
 * 「灰色随行杯」 find the grey 保温杯). Groups that name no category change nothing.
 * @example addSynonymAliases(DEFAULT_PRODUCT_VOCABULARY, [['充电宝', '尿袋']]).categoryAliases.充电宝 // [..., '尿袋']
 */
export function addSynonymAliases(vocabulary: ProductVocabulary, groups: SynonymGroups): ProductVocabulary {
  const categoryAliases = { ...vocabulary.categoryAliases };
  for (const [category, names] of Object.entries(categoryAliases)) {
    const known = new Set([category, ...names].map((n) => n.toLowerCase()));
    const added: string[] = [];
    for (const word of groups.filter((g) => g.some((w) => known.has(w.toLowerCase()))).flat()) {
      if (known.has(word.toLowerCase())) continue;
      known.add(word.toLowerCase());
      added.push(word);
    }
    if (added.length > 0) categoryAliases[category] = [...names, ...added];
  }
  return { ...vocabulary, categoryAliases };
}
