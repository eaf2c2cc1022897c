import type { ScoredPassage } from '../ports/retriever.ts';

/**
 * True when the best passage is an FAQ matched so strongly (normalised score >= threshold) that its answer can be
 * sent as is, without a model call. A threshold above 1 turns direct answers off.
 * @example isDirectFaqAnswer([{ kind: 'faq', answer: '满49元包邮', score: 0.95, ... }], 0.85) -> true
 */
export function isDirectFaqAnswer(passages: ScoredPassage[], threshold: number): boolean {
  const top = passages[0];
  return !!top && top.kind === 'faq' && !!top.answer && top.score >= threshold;
}
