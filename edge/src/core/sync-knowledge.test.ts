import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPgliteKnowledgeStore } from '../adapters/stores/pglite-knowledge-store.ts';
import type { Embeddings } from '../ports/embeddings.ts';
import type { KnowledgeStore } from '../ports/knowledge-store.ts';
import type { Passage } from '../ports/retriever.ts';
import type { VectorStore } from '../ports/vector-store.ts';
import { syncKnowledge } from './sync-knowledge.ts';

const p = (id: string, text: string): Passage => ({
  id,
  docId: id.split('#')[0]!,
  kind: 'policy',
  title: id,
  text,
});

/** Counts what it embeds; `fail` makes the next call throw like an unreachable endpoint. */
function countingEmbeddings(model = 'm1') {
  const seen: string[] = [];
  const e: Embeddings & { seen: string[]; fail: boolean } = {
    model,
    seen,
    fail: false,
    async embed(texts) {
      if (e.fail) throw new Error('endpoint down');
      seen.push(...texts);
      return texts.map((t) => [t.length, 1, 0]);
    },
  };
  return e;
}

describe('syncKnowledge (PGlite store)', () => {
  let store: KnowledgeStore & VectorStore;
  beforeEach(async () => {
    store = await createPgliteKnowledgeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('adds everything once, then embeds and writes only what changed, and deletes what disappeared', async () => {
    const embeddings = countingEmbeddings();
    const deps = { knowledge: store, vectors: store, embeddings, batchSize: 2 };
    const v1 = [p('policy:a#0', '甲'), p('policy:a#1', '乙'), p('policy:b#0', '丙')];
    expect(await syncKnowledge(v1, deps)).toEqual({
      added: 3,
      changed: 0,
      unchanged: 0,
      deleted: 0,
      embedded: 3,
    });
    expect(await syncKnowledge(v1, deps)).toEqual({
      added: 0,
      changed: 0,
      unchanged: 3,
      deleted: 0,
      embedded: 0,
    });
    expect(embeddings.seen).toHaveLength(3);

    const v2 = [p('policy:a#0', '甲改'), p('policy:a#1', '乙'), p('policy:c#0', '丁')];
    expect(await syncKnowledge(v2, deps)).toEqual({
      added: 1,
      changed: 1,
      unchanged: 1,
      deleted: 1,
      embedded: 2,
    });
    expect(embeddings.seen.slice(3)).toEqual(['policy:a#0\n甲改', 'policy:c#0\n丁']);
    expect((await store.passages()).map((x) => x.text)).toEqual(['甲改', '乙', '丁']);
    expect((await store.query([1, 1, 0], 10)).map((h) => h.id).sort()).toEqual([
      'policy:a#0',
      'policy:a#1',
      'policy:c#0',
    ]);
  });

  it('leaves the store as it was when embedding fails', async () => {
    const embeddings = countingEmbeddings();
    await syncKnowledge([p('policy:a#0', '甲')], { knowledge: store, vectors: store, embeddings });
    embeddings.fail = true;
    await expect(
      syncKnowledge([p('policy:a#0', '甲改'), p('policy:b#0', '乙')], {
        knowledge: store,
        vectors: store,
        embeddings,
      }),
    ).rejects.toThrow('endpoint down');
    expect((await store.passages()).map((x) => x.text)).toEqual(['甲']);
  });

  it('embeds unchanged chunks again when the embedding model changes, and not without embeddings', async () => {
    await syncKnowledge([p('policy:a#0', '甲')], { knowledge: store });
    expect((await store.states())[0]!.embeddedWith).toBeNull();
    const m1 = countingEmbeddings('m1');
    expect(
      (await syncKnowledge([p('policy:a#0', '甲')], { knowledge: store, vectors: store, embeddings: m1 }))
        .embedded,
    ).toBe(1);
    const m2 = countingEmbeddings('m2');
    expect(
      (await syncKnowledge([p('policy:a#0', '甲')], { knowledge: store, vectors: store, embeddings: m2 }))
        .embedded,
    ).toBe(1);
    expect(await store.states()).toEqual([
      { id: 'policy:a#0', hash: expect.any(String), embeddedWith: 'm2' },
    ]);
  });

  it('refuses two passages with one id before writing anything', async () => {
    await expect(
      syncKnowledge([p('policy:a#0', '甲'), p('policy:a#0', '乙')], { knowledge: store }),
    ).rejects.toThrow('two passages share the id "policy:a#0"');
    expect(await store.states()).toEqual([]);
  });
});
