import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens.ts';

describe('estimateTokens', () => {
  it('counts one token per CJK character, fullwidth punctuation included, plus the message overhead', () => {
    expect(estimateTokens('')).toBe(4);
    expect(estimateTokens('发货')).toBe(6);
    expect(estimateTokens('亲，好的！')).toBe(9);
  });

  it('counts one token per three other characters, rounded up', () => {
    expect(estimateTokens('abc')).toBe(5);
    expect(estimateTokens('abcd')).toBe(6);
    expect(estimateTokens('16:00前')).toBe(1 + 2 + 4);
  });

  it('counts a surrogate pair (emoji) as one character, a lone surrogate as one', () => {
    expect(estimateTokens('👍👍👍')).toBe(5);
    expect(estimateTokens('\ud83d')).toBe(5);
    expect(estimateTokens('\ud83d好')).toBe(6);
  });

  it('gives the same count as a per-character scan on mixed text', () => {
    const text = '亲，SKU LZ-001 的🌰栗子礼盒 16:00 前付款当天发货 (順豐 +5元)。';
    let cjk = 0;
    let other = 0;
    for (const ch of text) {
      if (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch)) cjk++;
      else other++;
    }
    expect(estimateTokens(text)).toBe(cjk + Math.ceil(other / 3) + 4);
  });
});
