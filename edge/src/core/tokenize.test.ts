import { expect, it } from 'vitest';
import { normalizeText } from './normalize-text.ts';
import { tokenize, tokenizeNormalized } from './tokenize.ts';

it('tokenizes normalised text into words, CJK bigrams and Latin parts', () => {
  const terms = tokenize('三天后能到吗？７５０ＭＬ的');
  expect(terms).toEqual(expect.arrayContaining(['3', '天后', '750ml', '750', 'ml']));
  expect(terms).not.toContain('吗');
  for (const text of ['三天后能到吗？７５０ＭＬ的', '几点前付款', 'IPX5防水'])
    expect(tokenizeNormalized(normalizeText(text))).toEqual(tokenize(text));
});
