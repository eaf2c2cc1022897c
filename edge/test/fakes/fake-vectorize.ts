import type { VectorizeBinding } from '../../src/adapters/stores/vectorize-vector-store.ts';

/**
 * TEST DOUBLE of a Vectorize index binding (cosine metric), in memory, enforcing the limits the real binding
 * enforces: 1000 vectors per write, topK 1..100, one dimension per index. Writes are visible at once (the real
 * service applies them asynchronously).
 */
export function createFakeVectorize(dimensions: number): VectorizeBinding & { size(): number } {
  const vectors = new Map<string, number[]>();
  const check = (n: number) => {
    if (n > 1000) throw new Error(`VECTOR_UPSERT_ERROR: at most 1000 vectors per request, got ${n}`);
  };
  const cosine = (a: number[], b: number[]) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      dot += a[i]! * b[i]!;
      na += a[i]! * a[i]!;
      nb += b[i]! * b[i]!;
    }
    return dot / (Math.sqrt(na) * Math.sqrt(nb) || 1);
  };
  return {
    async upsert(items) {
      check(items.length);
      for (const v of items) {
        if (v.values.length !== dimensions)
          throw new Error(`VECTOR_UPSERT_ERROR: expected ${dimensions} dimensions, got ${v.values.length}`);
        if (new TextEncoder().encode(v.id).length > 64) throw new Error(`id longer than 64 bytes: ${v.id}`);
      }
      for (const v of items) vectors.set(v.id, [...v.values]);
      return { mutationId: String(vectors.size) };
    },
    async deleteByIds(ids) {
      check(ids.length);
      for (const id of ids) vectors.delete(id);
      return { mutationId: String(vectors.size) };
    },
    async query(vector, { topK }) {
      if (topK < 1 || topK > 100) throw new Error(`VECTOR_QUERY_ERROR: topK must be 1..100, got ${topK}`);
      if (vector.length !== dimensions) throw new Error('VECTOR_QUERY_ERROR: dimension mismatch');
      const matches = [...vectors]
        .map(([id, v]) => ({ id, score: cosine(vector, v) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, topK);
      return { matches, count: matches.length };
    },
    size: () => vectors.size,
  };
}
