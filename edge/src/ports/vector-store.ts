/** One embedding vector of a chunk. */
export interface VectorItem {
  id: string;
  values: number[];
}

/** A nearest-neighbour index of chunk embeddings (pgvector in PGlite or Postgres, or Cloudflare Vectorize). */
export interface VectorStore {
  /** Inserts or replaces vectors by id. */
  upsert(items: VectorItem[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  /** The k nearest vectors by cosine similarity, best first; score is the similarity (1 = same direction). */
  query(values: number[], k: number): Promise<{ id: string; score: number }[]>;
}
