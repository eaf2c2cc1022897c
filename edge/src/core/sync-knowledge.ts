import type { Embeddings } from '../ports/embeddings.ts';
import type { KnowledgeStore, StoredChunk } from '../ports/knowledge-store.ts';
import type { Passage } from '../ports/retriever.ts';
import type { VectorStore } from '../ports/vector-store.ts';
import { hashText } from './hash-text.ts';

/** Counts of one re-sync. */
export interface SyncSummary {
  added: number;
  changed: number;
  unchanged: number;
  deleted: number;
  embedded: number;
}

export interface SyncDeps {
  knowledge: KnowledgeStore;
  /** Both or neither: without them the knowledge base is lexical only. */
  vectors?: VectorStore;
  embeddings?: Embeddings;
  /** Texts per embeddings request. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Content hash of a passage: every field that is stored or searched. */
export function chunkHash(p: Passage): string {
  return hashText(
    JSON.stringify([
      p.id,
      p.docId,
      p.kind,
      p.title,
      p.text,
      p.searchText,
      p.answer,
      p.questions,
      p.sku,
      p.attributes,
    ]),
  );
}

/** The text embedded for a passage: its title and what the ranker matches (searchText, else text). */
export function embeddingText(p: Passage): string {
  const text = p.searchText ?? p.text;
  return text.includes(p.title) ? text : `${p.title}\n${text}`;
}

/**
 * Brings the store in line with freshly parsed passages: adds new chunks, replaces changed ones (by content hash),
 * deletes chunks whose source disappeared, and embeds only chunks that are new, changed or not yet embedded with the
 * current model. Embedding happens before anything is written, so a failing endpoint leaves the store as it was.
 * @example await syncKnowledge(parseKnowledgeSources(files), { knowledge }) -> { added: 210, changed: 0, ... }
 */
export async function syncKnowledge(passages: Passage[], deps: SyncDeps): Promise<SyncSummary> {
  const seen = new Set<string>();
  for (const p of passages) {
    if (seen.has(p.id)) throw new Error(`two passages share the id "${p.id}": ids must be unique`);
    seen.add(p.id);
  }
  const states = new Map((await deps.knowledge.states()).map((s) => [s.id, s]));
  const model = deps.vectors && deps.embeddings ? deps.embeddings.model : null;
  const summary: SyncSummary = { added: 0, changed: 0, unchanged: 0, deleted: 0, embedded: 0 };
  const upsert: { chunk: StoredChunk; embeddedWith: string | null }[] = [];
  const toEmbed: StoredChunk[] = [];
  for (const passage of passages) {
    const chunk = { passage, hash: chunkHash(passage) };
    const state = states.get(passage.id);
    const same = state?.hash === chunk.hash;
    if (!state) summary.added++;
    else if (same) summary.unchanged++;
    else summary.changed++;
    const needsVector = model !== null && !(same && state?.embeddedWith === model);
    if (needsVector) toEmbed.push(chunk);
    else if (!same) upsert.push({ chunk, embeddedWith: null });
  }
  const deleted = [...states.keys()].filter((id) => !seen.has(id));
  summary.deleted = deleted.length;

  const vectors: { id: string; values: number[] }[] = [];
  if (toEmbed.length && deps.embeddings) {
    const size = deps.batchSize ?? 32;
    for (let i = 0; i < toEmbed.length; i += size) {
      const batch = toEmbed.slice(i, i + size);
      const values = await deps.embeddings.embed(batch.map((c) => embeddingText(c.passage)));
      if (values.length !== batch.length)
        throw new Error(`embeddings endpoint returned ${values.length} vectors for ${batch.length} texts`);
      batch.forEach((c, j) => {
        vectors.push({ id: c.passage.id, values: values[j]! });
      });
      deps.onProgress?.(Math.min(i + size, toEmbed.length), toEmbed.length);
    }
    for (const c of toEmbed) upsert.push({ chunk: c, embeddedWith: model });
    summary.embedded = toEmbed.length;
  }
  // Vectors first: if the knowledge write then fails, the next sync sees the chunks as not embedded and redoes them.
  if (vectors.length && deps.vectors) await deps.vectors.upsert(vectors);
  if (upsert.length || deleted.length) await deps.knowledge.apply({ upsert, delete: deleted });
  if (deleted.length && deps.vectors) await deps.vectors.delete(deleted);
  return summary;
}
