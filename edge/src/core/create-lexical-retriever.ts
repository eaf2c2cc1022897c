import type { Passage, RetrieveOptions, Retriever, ScoredPassage } from '../ports/retriever.ts';
import { tokenize } from './tokenize.ts';

const K1 = 1.2;
const B = 0.75;

interface Doc {
  passage: Passage;
  tf: Map<string, number>;
  length: number;
}

/**
 * In-memory BM25 over tokenize() terms. Scores are normalised to 0..1 by the best score the query could reach (every
 * query term matched), so callers can apply one "weak retrieval" threshold whatever the query length.
 */
export function createLexicalRetriever(passages: Passage[]): Retriever {
  const docs: Doc[] = passages.map((passage) => {
    const terms = tokenize(`${passage.title}\n${passage.text}`);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { passage, tf, length: terms.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length);
  const idf = (t: string) => {
    const n = df.get(t) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };

  function search(query: string, k: number): ScoredPassage[] {
    const terms = [...new Set(tokenize(query))];
    if (terms.length === 0) return [];
    const max = terms.reduce((s, t) => s + idf(t) * (K1 + 1), 0);
    const scored: ScoredPassage[] = [];
    for (const d of docs) {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        score += (idf(t) * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * d.length) / avgLength));
      }
      if (score > 0) scored.push({ ...d.passage, score: max > 0 ? score / max : 0 });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, k);
  }

  return {
    async retrieve(query: string, { k }: RetrieveOptions) {
      return search(query, k);
    },
    async size() {
      return docs.length;
    },
  };
}
