import { expect, it } from 'vitest';
import { normalizeText } from './normalize-text.ts';

it('turns full-width characters to half-width and Chinese numerals before a unit to digits', () => {
  expect(normalizeText('ＩＰＸ５防水')).toBe('ipx5防水');
  expect(normalizeText('三天后、十二个月、二十块、两点、一百五十元')).toBe('3天后、12个月、20块、2点、150元');
});

it('leaves numerals that are part of a word alone', () => {
  expect(normalizeText('一般一起看一下')).toBe('一般一起看一下');
});
