import type { Passage } from './retriever.ts';

/** A passage as stored: with the hash of its content, to re-sync incrementally. */
export interface StoredChunk {
  passage: Passage;
  /** Content hash of everything in the passage (see chunkHash). */
  hash: string;
}

/** What the store holds about one chunk, without its text. */
export interface ChunkState {
  id: string;
  hash: string;
  /** Embedding model whose vector of this content is in the vector store; null when not embedded. */
  embeddedWith: string | null;
}

/** One re-sync, applied all at once. */
export interface KnowledgeChange {
  /** New and changed chunks; `embeddedWith` records that their vectors were written. */
  upsert: { chunk: StoredChunk; embeddedWith: string | null }[];
  /** Ids of chunks whose source disappeared. */
  delete: string[];
}

/** Where the shop's knowledge lives between restarts (PGlite in a data folder, or Postgres). */
export interface KnowledgeStore {
  states(): Promise<ChunkState[]>;
  /** Applies a change in one transaction: after an error nothing of it is visible. */
  apply(change: KnowledgeChange): Promise<void>;
  /** Every stored passage, in id order, to build the lexical index. */
  passages(): Promise<Passage[]>;
  close(): Promise<void>;
}
