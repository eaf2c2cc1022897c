import type { Embeddings } from '../ports/embeddings.ts';
import type { Passage, RetrieveOptions, Retriever, ScoredPassage } from '../ports/retriever.ts';
import type { VectorStore } from '../ports/vector-store.ts';
import {
  createLexicalRetriever,
  DEFAULT_LEXICAL_WEIGHTS,
  type LexicalOptions,
} from './create-lexical-retriever.ts';
import { fuseRankings } from './fuse-rankings.ts';
import { selectPassages } from './select-passages.ts';
import type { Synonyms } from './synonyms.ts';

export interface KnowledgeRetrieverOptions extends LexicalOptions {
  /** Both or neither: dense retrieval fused with the lexical ranking. */
  vectors?: VectorStore;
  embeddings?: Embeddings;
  /** Candidates taken from each ranker before fusion. */
  candidates?: number;
  /**
   * Cosine similarity that maps to a normalised score of 0 for passages only dense retrieval found (scores rise
   * linearly to 1 at similarity 1), so unrelated passages stay under RETRIEVAL_MIN_SCORE.
   */
  denseFloor?: number;
  /** Reports a failing embeddings endpoint; retrieval then falls back to lexical alone for that message. */
  onDenseError?: (error: unknown) => void;
}

/**
 * The production retriever: the Chinese lexical ranker over the loaded passages, fused with dense retrieval by
 * reciprocal-rank fusion when an embeddings endpoint and a vector store are configured. `load()` swaps in a new set of
 * passages (after a re-sync) without interrupting queries, with the folder's new synonyms when given (else the ones
 * last used). Scores stay normalised 0..1: a passage keeps its lexical
 * score; one found only by dense retrieval gets its similarity rescaled above `denseFloor`.
 * @example const r = createKnowledgeRetriever({}); r.load(passages); await r.retrieve('包邮吗', { k: 3 })
 */
export function createKnowledgeRetriever(options: KnowledgeRetrieverOptions = {}): Retriever & {
  load(passages: Passage[], synonyms?: Synonyms): void;
} {
  let lexical = createLexicalRetriever([], options);
  let synonyms = options.synonyms;
  let byId = new Map<string, Passage>();
  const candidates = options.candidates ?? 20;
  const floor = options.denseFloor ?? 0.5;
  const limits = {
    perDocument: options.weights?.perDocument ?? DEFAULT_LEXICAL_WEIGHTS.perDocument,
    mixKinds: options.weights?.mixKinds ?? DEFAULT_LEXICAL_WEIGHTS.mixKinds,
  };

  async function dense(query: string, history: string[] | undefined, k: number) {
    if (!options.vectors || !options.embeddings) return [];
    try {
      const last = history?.at(-1);
      const [vector] = await options.embeddings.embed([last ? `${last}\n${query}` : query]);
      if (!vector) return [];
      return (await options.vectors.query(vector, k)).filter((h) => byId.has(h.id));
    } catch (error) {
      options.onDenseError?.(error);
      return [];
    }
  }

  return {
    load(passages, next) {
      if (next) synonyms = next;
      lexical = createLexicalRetriever(passages, { ...options, synonyms });
      byId = new Map(passages.map((p) => [p.id, p]));
    },
    async retrieve(query: string, { k, history }: RetrieveOptions): Promise<ScoredPassage[]> {
      const index = lexical;
      const vec = await dense(query, history, Math.max(k, candidates));
      // Lexical alone keeps its own top-k selection (per-document limit, mix of kinds).
      if (vec.length === 0) return index.search(query, k, history);
      const lex = index.search(query, Math.max(k, candidates), history);
      const lexScore = new Map(lex.map((p) => [p.id, p.score]));
      const vecScore = new Map(vec.map((h) => [h.id, Math.max(0, (h.score - floor) / (1 - floor))]));
      const scoreOf = (id: string) => lexScore.get(id) ?? vecScore.get(id) ?? 0;
      // The lexical ranker's selection (per-document limit, one copy of a text, mix of kinds) over the fused order;
      // the mix compares the scores reported.
      const fused = fuseRankings([lex.map((p) => p.id), vec.map((h) => h.id)]);
      const chosen = selectPassages(fused, k, { passage: (id) => byId.get(id)!, score: scoreOf }, limits);
      return chosen.map((id) => ({ ...byId.get(id)!, score: scoreOf(id) }));
    },
    async size() {
      return byId.size;
    },
  };
}
