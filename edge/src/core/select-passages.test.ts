import { describe, expect, it } from 'vitest';
import type { Passage, PassageKind } from '../ports/retriever.ts';
import { selectPassages } from './select-passages.ts';

type Candidate = Pick<Passage, 'docId' | 'kind' | 'text'> & { score: number };
const c = (docId: string, kind: PassageKind, text: string, score: number): Candidate => ({
  docId,
  kind,
  text,
  score,
});
const of = { passage: (x: Candidate) => x, score: (x: Candidate) => x.score };

describe('selectPassages', () => {
  it('keeps at most perDocument chunks of a document and one copy of a text', () => {
    const ranked = [
      c('policy:a', 'policy', 'a1', 1),
      c('policy:a', 'policy', 'a1', 0.9),
      c('policy:a', 'policy', 'a2', 0.8),
      c('policy:a', 'policy', 'a3', 0.7),
      c('policy:b', 'policy', 'b1', 0.6),
    ];
    expect(selectPassages(ranked, 3, of, { perDocument: 2, mixKinds: 1 }).map((x) => x.text)).toEqual([
      'a1',
      'a2',
      'b1',
    ]);
    expect(selectPassages(ranked, 3, of, { perDocument: 1, mixKinds: 1 }).map((x) => x.text)).toEqual([
      'a1',
      'b1',
    ]);
  });

  it('gives the last slot to another kind scoring at least mixKinds of the best, from a new document', () => {
    const ranked = [
      c('faq:1', 'faq', 'f1', 1),
      c('faq:2', 'faq', 'f2', 0.9),
      c('faq:3', 'faq', 'f3', 0.8),
      c('policy:a', 'policy', 'p1', 0.4),
    ];
    const texts = (mixKinds: number) =>
      selectPassages(ranked, 3, of, { perDocument: 2, mixKinds }).map((x) => x.text);
    expect(texts(0.3)).toEqual(['f1', 'f2', 'p1']);
    expect(texts(0.5)).toEqual(['f1', 'f2', 'f3']);
    expect(texts(1)).toEqual(['f1', 'f2', 'f3']);
  });
});
