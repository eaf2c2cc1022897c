import type { VectorStore } from '../../ports/vector-store.ts';

/** The part of a Cloudflare Vectorize index binding (`env.VECTORIZE`) this store uses. */
export interface VectorizeBinding {
  upsert(vectors: { id: string; values: number[] }[]): Promise<unknown>;
  deleteByIds(ids: string[]): Promise<unknown>;
  query(vector: number[], options: { topK: number }): Promise<{ matches: { id: string; score: number }[] }>;
}

// Vectorize limits (developers.cloudflare.com/vectorize/platform/limits): 1000 vectors per upsert from a Worker,
// topK at most 100 without values or metadata.
const BATCH = 1000;
const MAX_TOP_K = 100;

/**
 * VectorStore on Cloudflare Vectorize for Workers deployments. Create the index with the cosine metric
 * (`wrangler vectorize create xiaoer-kb --dimensions=1024 --metric=cosine`) so scores are cosine similarities.
 * Vectorize applies writes asynchronously: a query right after an upsert may not see it yet.
 */
export function createVectorizeVectorStore(index: VectorizeBinding): VectorStore {
  return {
    async upsert(items) {
      for (let i = 0; i < items.length; i += BATCH) {
        await index.upsert(items.slice(i, i + BATCH).map((v) => ({ id: v.id, values: v.values })));
      }
    },
    async delete(ids) {
      for (let i = 0; i < ids.length; i += BATCH) await index.deleteByIds(ids.slice(i, i + BATCH));
    },
    async query(values, k) {
      const { matches } = await index.query(values, { topK: Math.min(Math.max(1, k), MAX_TOP_K) });
      return matches.map((m) => ({ id: m.id, score: m.score }));
    },
  };
}
