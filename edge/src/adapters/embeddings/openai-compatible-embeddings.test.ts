import { type FakeOpenAiServer, fakeEmbedding, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOpenAiCompatibleEmbeddings, EmbeddingsError } from './openai-compatible-embeddings.ts';

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer({
    apiKey: 'k',
    embeddingModel: 'qwen3-embedding',
    embeddingDimensions: 8,
  });
});
afterAll(() => server.close());

it('returns one vector per text, in order, from /v1/embeddings (base URL with or without /v1)', async () => {
  for (const baseURL of [server.url, server.baseURL]) {
    const e = createOpenAiCompatibleEmbeddings({ baseURL, model: 'qwen3-embedding', apiKey: 'k' });
    expect(await e.embed(['包邮吗', '退款'])).toEqual([fakeEmbedding('包邮吗', 8), fakeEmbedding('退款', 8)]);
  }
  expect(server.embeddingRequests.at(-1)).toEqual(['包邮吗', '退款']);
});

it('says what failed: unknown model, bad key, unreachable endpoint', async () => {
  const wrongModel = createOpenAiCompatibleEmbeddings({ baseURL: server.url, model: 'nope', apiKey: 'k' });
  await expect(wrongModel.embed(['x'])).rejects.toThrow(/answered 404/);
  const noKey = createOpenAiCompatibleEmbeddings({ baseURL: server.url, model: 'qwen3-embedding' });
  await expect(noKey.embed(['x'])).rejects.toThrow(/answered 401/);
  const down = createOpenAiCompatibleEmbeddings({
    baseURL: 'http://127.0.0.1:9',
    model: 'm',
    timeoutMs: 2000,
  });
  await expect(down.embed(['x'])).rejects.toThrow(EmbeddingsError);
  await expect(down.embed(['x'])).rejects.toThrow(/unreachable; check EMBEDDINGS_BASE_URL/);
});

it('makes no request for no texts', async () => {
  const before = server.embeddingRequests.length;
  const e = createOpenAiCompatibleEmbeddings({ baseURL: server.url, model: 'qwen3-embedding', apiKey: 'k' });
  expect(await e.embed([])).toEqual([]);
  expect(server.embeddingRequests.length).toBe(before);
});
