import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeVectorize } from '../../test/fakes/fake-vectorize.ts';
import { createOpenAiCompatibleEmbeddings } from '../adapters/embeddings/openai-compatible-embeddings.ts';
import { createVectorizeVectorStore } from '../adapters/stores/vectorize-vector-store.ts';
import type { Embeddings } from '../ports/embeddings.ts';
import type { Passage } from '../ports/retriever.ts';
import type { VectorStore } from '../ports/vector-store.ts';
import { createKnowledgeRetriever } from './create-knowledge-retriever.ts';
import { DEFAULT_SYNONYMS } from './default-synonyms.ts';
import { embeddingText } from './sync-knowledge.ts';
import { createSynonyms } from './synonyms.ts';

const faq = (id: string, q: string, answer: string): Passage => ({
  id: `faq:${id}`,
  docId: `faq:${id}`,
  kind: 'faq',
  title: q,
  text: `问：${q}\n答：${answer}`,
  answer,
  questions: [q],
});
const passages = [
  faq('F1', '包邮吗？', '全店满49元包邮。'),
  faq('F2', '能开发票吗？', '可以开电子普通发票。'),
  faq('F3', '蓝牙耳机怎么配对？', '长按充电盒按键3秒。'),
];

describe('createKnowledgeRetriever', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer({ embeddingDimensions: 256 });
  });
  afterAll(() => server.close());

  it('is lexical alone without embeddings, and swaps passages on load', async () => {
    const r = createKnowledgeRetriever();
    expect(await r.size()).toBe(0);
    r.load(passages);
    expect((await r.retrieve('包邮', { k: 1 }))[0]!.id).toBe('faq:F1');
    r.load(passages.slice(1));
    expect(await r.retrieve('包邮', { k: 1 })).toEqual([]);
  });

  it('takes new synonyms on load and keeps the last ones when none are given', async () => {
    const r = createKnowledgeRetriever();
    r.load(passages);
    expect(await r.retrieve('票据', { k: 1 })).toEqual([]);
    r.load(passages, createSynonyms([...DEFAULT_SYNONYMS, ['发票', '票据']]));
    expect((await r.retrieve('票据', { k: 1 }))[0]!.id).toBe('faq:F2');
    r.load(passages.slice(1));
    expect((await r.retrieve('票据', { k: 1 }))[0]!.id).toBe('faq:F2');
  });

  it('fuses dense hits the lexical ranker misses, with scores kept in 0..1', async () => {
    const embeddings = createOpenAiCompatibleEmbeddings({
      baseURL: server.url,
      model: 'Qwen/Qwen3-Embedding-0.6B',
    });
    const vectors = createVectorizeVectorStore(createFakeVectorize(256));
    const vs = await embeddings.embed(passages.map(embeddingText));
    await vectors.upsert(passages.map((p, i) => ({ id: p.id, values: vs[i]! })));
    const r = createKnowledgeRetriever({ embeddings, vectors, denseFloor: 0 });
    r.load(passages);
    // "配对耳机" shares characters with F3 but, split oddly, the query words differ: dense still ranks it.
    const hits = await r.retrieve('耳机配对', { k: 3 });
    expect(hits[0]!.id).toBe('faq:F3');
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0);
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
    // Only dense could find a passage for a query with no shared term (the fake embeds character grams).
    const lexicalOnly = createKnowledgeRetriever();
    lexicalOnly.load(passages);
    expect(await lexicalOnly.retrieve('邮费', { k: 3 })).toEqual([]);
    expect((await r.retrieve('邮费', { k: 3 })).map((h) => h.id)).toContain('faq:F1');
  });

  it('falls back to lexical when the embeddings endpoint fails, and reports it', async () => {
    const errors: unknown[] = [];
    const embeddings = createOpenAiCompatibleEmbeddings({
      baseURL: 'http://127.0.0.1:9',
      model: 'm',
      timeoutMs: 1000,
    });
    const r = createKnowledgeRetriever({
      embeddings,
      vectors: createVectorizeVectorStore(createFakeVectorize(4)),
      onDenseError: (e) => errors.push(e),
    });
    r.load(passages);
    expect((await r.retrieve('包邮吗', { k: 1 }))[0]!.id).toBe('faq:F1');
    expect(errors).toHaveLength(1);
  });

  it('selects fused results under the configured per-document limit and kind mix, like the lexical ranker', async () => {
    const chunk = (n: number): Passage => ({
      id: `policy:shipping#${n}`,
      docId: 'policy:shipping',
      kind: 'policy',
      title: '发货',
      text: `包邮规则第${n}条：满49元包邮。`,
    });
    const kb = [chunk(1), chunk(2), chunk(3), ...passages];
    // Dense retrieval that ranks every passage, best first, with a high similarity.
    const embeddings: Embeddings = { model: 'fixed', embed: async (texts) => texts.map(() => [1]) };
    const vectors = {
      query: async () => kb.map((p, i) => ({ id: p.id, score: 0.99 - i * 0.01 })),
    } as unknown as VectorStore;
    const ids = async (weights: { perDocument?: number; mixKinds?: number }, k: number) => {
      const r = createKnowledgeRetriever({ embeddings, vectors, weights });
      r.load(kb);
      return (await r.retrieve('包邮规则', { k })).map((h) => h.id);
    };
    expect(await ids({ perDocument: 1, mixKinds: 1 }, 2)).toEqual(['policy:shipping#1', 'faq:F1']);
    expect(await ids({ perDocument: 3, mixKinds: 1 }, 3)).toEqual([
      'policy:shipping#1',
      'policy:shipping#2',
      'policy:shipping#3',
    ]);
    // All three of one kind: the last slot goes to the best passage of another kind.
    expect(await ids({ perDocument: 3, mixKinds: 0 }, 3)).toEqual([
      'policy:shipping#1',
      'policy:shipping#2',
      'faq:F1',
    ]);
  });
});
