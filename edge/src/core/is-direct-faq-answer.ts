import type { ScoredPassage } from '../ports/retriever.ts';

/** How far ahead of the next passage the best FAQ must be to be sent as is. */
export const DIRECT_ANSWER_MARGIN = 0.15;

/**
 * True when the best passage is an FAQ matched so strongly (normalised score >= threshold) and so clearly ahead of
 * the next passage (by DIRECT_ANSWER_MARGIN) that its answer can be sent as is, without a model call. A customer
 * asking an FAQ almost word for word scores about 0.75. A threshold above 1 turns direct answers off.
 * @example isDirectFaqAnswer([{ kind: 'faq', answer: '不支持货到付款', score: 0.76, ... }, { score: 0.28, ... }], 0.7) -> true
 */
export function isDirectFaqAnswer(passages: ScoredPassage[], threshold: number): boolean {
  const [top, next] = passages;
  if (top?.kind !== 'faq' || !top.answer || top.score < threshold) return false;
  return !next || top.score - next.score >= DIRECT_ANSWER_MARGIN;
}
