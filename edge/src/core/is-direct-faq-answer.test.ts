import { expect, it } from 'vitest';
import type { ScoredPassage } from '../ports/retriever.ts';
import { isDirectFaqAnswer } from './is-direct-faq-answer.ts';

const p = (kind: ScoredPassage['kind'], score: number): ScoredPassage => ({
  id: `${kind}:x`,
  docId: `${kind}:x`,
  kind,
  title: '',
  text: '',
  score,
  ...(kind === 'faq' ? { answer: '答' } : {}),
});

it('answers from an FAQ only when it is strong and clearly ahead', () => {
  expect(isDirectFaqAnswer([p('faq', 0.76), p('faq', 0.28)], 0.7)).toBe(true);
  expect(isDirectFaqAnswer([p('faq', 0.76)], 0.7)).toBe(true);
  expect(isDirectFaqAnswer([p('faq', 0.76), p('faq', 0.7)], 0.7)).toBe(false);
  expect(isDirectFaqAnswer([p('faq', 0.6), p('faq', 0.1)], 0.7)).toBe(false);
  expect(isDirectFaqAnswer([p('policy', 0.9), p('faq', 0.1)], 0.7)).toBe(false);
  expect(isDirectFaqAnswer([p('faq', 0.9)], 1.01)).toBe(false);
  expect(isDirectFaqAnswer([], 0.7)).toBe(false);
});
