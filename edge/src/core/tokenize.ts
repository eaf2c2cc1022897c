import { normalizeText } from './normalize-text.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const WORDLIKE = /[\p{L}\p{N}]/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Common function words that carry no topic; dropped from queries and documents alike. */
const STOP = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '是',
  '我',
  '你',
  '您',
  '们',
  '在',
  '有',
  '和',
  '请问',
  '一下',
  '怎么',
  '什么',
  '可以',
  '能',
  '不',
  '就',
  '都',
  '也',
  '这',
  '那',
  '个',
  '还能',
  '能不能',
  '是不是',
  '怎么办',
  '可不可以',
  '有没有',
  '多少',
  '一般',
  '现在',
  '已经',
  '你们',
  '我们',
  '的话',
]);

function pushLatin(out: string[], segment: string) {
  out.push(segment);
  // 750ml also matches 750, and ipx5 matches ipx: split where digits meet letters.
  const parts = segment.match(/\d+(?:\.\d+)?|[a-z]+/g);
  if (parts && parts.length > 1) out.push(...parts);
}

/**
 * Turns text into search terms for a lexical index: ICU words (Intl.Segmenter) plus overlapping character bigrams of
 * every CJK run (ICU splits some compounds, e.g. 退货 into 退/货; bigrams recover them), and lower-cased Latin/digit
 * words. Pure and deterministic.
 * @example tokenize('几点前付款') -> ['几点', '付款', '几点', '点前', '前付', '付款'] (order not guaranteed)
 */
export function tokenize(text: string): string[] {
  return tokenizeNormalized(normalizeText(text));
}

/** tokenize() of text already passed through normalizeText, for callers that need the normalised text too. */
export function tokenizeNormalized(normalized: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(normalized)) {
    if (!isWordLike || !WORDLIKE.test(segment)) continue;
    if (CJK.test(segment)) {
      if (segment.length >= 2 && !STOP.has(segment)) out.push(segment);
    } else pushLatin(out, segment);
  }
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) {
      const bigram = run.slice(i, i + 2);
      if (!STOP.has(bigram)) out.push(bigram);
    }
    if (run.length === 1 && !STOP.has(run)) out.push(run);
    run = '';
  };
  for (const ch of normalized) {
    if (CJK.test(ch)) run += ch;
    else flush();
  }
  flush();
  return out;
}
