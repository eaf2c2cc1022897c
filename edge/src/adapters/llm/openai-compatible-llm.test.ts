import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCancelSource } from '../../core/create-cancel-source.ts';
import { UpstreamStreamError, UpstreamUnavailableError } from '../../core/errors.ts';
import type { LlmChunk } from '../../ports/llm.ts';
import { createNodeHttpFetch } from './node-http-fetch.ts';
import { createOpenAiCompatibleLlm, type OpenAiCompatibleOptions } from './openai-compatible-llm.ts';

const request = {
  messages: [{ role: 'user' as const, content: '你好' }],
  temperature: 0.3,
  maxTokens: 512,
  enableThinking: true,
};
let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer({
    apiKey: 'sk-test',
    reply: () => ({ reasoning: '想一想', content: '您好！' }),
  });
});
afterAll(() => fake.close());

// Every behaviour holds on both transports: the platform fetch (Workers, default) and node:http (the Node runtime).
describe.each([
  ['the platform fetch', undefined],
  ['node-http-fetch', createNodeHttpFetch()],
])('createOpenAiCompatibleLlm over %s', (_transport, transport) => {
  const llmOf = (options: OpenAiCompatibleOptions) =>
    createOpenAiCompatibleLlm({ ...options, ...(transport ? { fetch: transport } : {}) });
  async function collect(
    llm = llmOf({ baseURL: fake.baseURL, apiKey: 'sk-test', model: 'qwen3-0.6b' }),
    req = request,
  ) {
    const out: LlmChunk[] = [];
    for await (const c of llm.stream(req, new AbortController().signal)) out.push(c);
    return out;
  }

  it.each(['reasoning', 'reasoning_content', 'both'] as const)(
    'separates reasoning (%s key) from content',
    async (key) => {
      fake.set({ reasoningKey: key, fault: undefined });
      const chunks = await collect();
      const text = (t: string) =>
        chunks.flatMap((c) => (c.type === t && 'text' in c ? [c.text] : [])).join('');
      expect(text('reasoning')).toBe('\n想一想\n');
      expect(text('content')).toBe('\n\n您好！');
      expect(chunks).toContainEqual({ type: 'finish', reason: 'stop' });
      const usage = chunks.find((c) => c.type === 'usage');
      expect(usage?.type === 'usage' && usage.usage.reasoningTokens).toBeGreaterThan(0);
    },
  );

  it('keeps reasoning and content apart when one delta carries both (vLLM --stream-interval above 1)', async () => {
    // Tokens: "\n" 想一 想 "\n" | "\n\n" 您好 ！ — with 4 a delta, the second delta spans the end of the reasoning.
    fake.set({ reasoningKey: 'reasoning', fault: undefined, streamInterval: 4 });
    try {
      const chunks = await collect();
      const text = (t: string) =>
        chunks.flatMap((c) => (c.type === t && 'text' in c ? [c.text] : [])).join('');
      expect(text('reasoning')).toBe('\n想一想\n');
      expect(text('content')).toBe('\n\n您好！');
      expect(chunks.filter((c) => c.type === 'finish')).toEqual([{ type: 'finish', reason: 'stop' }]);
    } finally {
      fake.set({ streamInterval: 1 });
    }
  });

  it('ends the upstream request when the reader stops early, and leaves a complete one alone', async () => {
    fake.set({ reasoningKey: 'reasoning', fault: undefined, tokenDelayMs: 20 });
    try {
      const llm = llmOf({
        baseURL: fake.baseURL,
        apiKey: 'sk-test',
        model: 'qwen3-0.6b',
      });
      const before = fake.requests.length;
      for await (const c of llm.stream(request, new AbortController().signal))
        if (c.type === 'reasoning') break;
      const early = fake.requests[before]!;
      await early.closed;
      expect(early.aborted).toBe(true);
      expect(early.finished).toBe(false);
      await collect(llm);
      const complete = fake.requests[before + 1]!;
      await complete.closed;
      expect(complete).toMatchObject({ aborted: false, finished: true });
    } finally {
      fake.set({ tokenDelayMs: 0 });
    }
  });

  it('reports length when max_tokens cuts the answer', async () => {
    fake.set({ reasoningKey: 'reasoning', fault: undefined });
    expect(await collect(undefined, { ...request, maxTokens: 4 })).toContainEqual({
      type: 'finish',
      reason: 'length',
    });
  });

  it('sends no chat_template_kwargs when told the server rejects them', async () => {
    fake.requests.length = 0;
    await collect(
      llmOf({
        baseURL: fake.baseURL,
        apiKey: 'sk-test',
        model: 'qwen3-0.6b',
        sendTemplateKwargs: false,
      }),
    );
    expect(fake.requests[0]!.body).not.toHaveProperty('chat_template_kwargs');
  });

  it('maps a refusal before the stream to UpstreamUnavailableError and a broken stream to UpstreamStreamError', async () => {
    await expect(
      collect(llmOf({ baseURL: fake.baseURL, apiKey: 'wrong', model: 'qwen3-0.6b' })),
    ).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(
      collect(llmOf({ baseURL: fake.baseURL, apiKey: 'sk-test', model: 'other' })),
    ).rejects.toBeInstanceOf(UpstreamUnavailableError);
    fake.set({ fault: 'error-after:3' });
    await expect(collect()).rejects.toBeInstanceOf(UpstreamStreamError);
    fake.set({ fault: undefined });
  });

  it('ends the upstream request when the caller aborts mid-stream: the stream stops, unfinished, without error', async () => {
    fake.set({ reasoningKey: 'reasoning', fault: undefined, tokenDelayMs: 20 });
    try {
      const llm = llmOf({ baseURL: fake.baseURL, apiKey: 'sk-test', model: 'qwen3-0.6b' });
      const before = fake.requests.length;
      const controller = new AbortController();
      const chunks: LlmChunk[] = [];
      for await (const c of llm.stream(request, controller.signal)) {
        chunks.push(c);
        if (c.type === 'reasoning') controller.abort();
      }
      expect(chunks.map((c) => c.type)).not.toContain('finish');
      const upstream = fake.requests[before]!;
      await upstream.closed;
      expect(upstream).toMatchObject({ aborted: true, finished: false });
    } finally {
      fake.set({ tokenDelayMs: 0 });
    }
  });

  it('maps a stream the server cuts after it started (no [DONE]) to UpstreamStreamError', async () => {
    fake.set({ reasoningKey: 'reasoning', fault: 'cut-after:3', tokenDelayMs: 10 });
    try {
      const chunks: LlmChunk[] = [];
      const error = await (async () => {
        const llm = llmOf({ baseURL: fake.baseURL, apiKey: 'sk-test', model: 'qwen3-0.6b' });
        for await (const c of llm.stream(request, new AbortController().signal)) chunks.push(c);
      })().catch((e: unknown) => e);
      expect(chunks.length).toBeGreaterThan(0);
      expect(error).toBeInstanceOf(UpstreamStreamError);
    } finally {
      fake.set({ fault: undefined, tokenDelayMs: 0 });
    }
  });

  it('is ready only when the server lists the configured model', async () => {
    expect(
      await llmOf({
        baseURL: fake.baseURL,
        apiKey: 'sk-test',
        model: 'qwen3-0.6b',
      }).ready(),
    ).toBe(true);
    expect(
      await llmOf({
        baseURL: fake.baseURL,
        apiKey: 'sk-test',
        model: 'qwen3-8b',
      }).ready(),
    ).toBe(false);
    expect(await llmOf({ baseURL: 'http://127.0.0.1:9/v1', model: 'qwen3-0.6b' }).ready()).toBe(false);
  });
});

it('probes readiness over the injected transport, with a core cancel signal', async () => {
  const urls: string[] = [];
  const transport: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  const llm = createOpenAiCompatibleLlm({
    baseURL: fake.baseURL,
    apiKey: 'sk-test',
    model: 'qwen3-0.6b',
    fetch: transport,
  });
  expect(await llm.ready(createCancelSource().signal)).toBe(true);
  expect(urls).toEqual([`${new URL(fake.baseURL).origin}/v1/models`]);
});
