import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './fake-openai-server.ts';

// The fake must stay faithful to shared/reference/vllm-openai-wire.md, or tests against it prove nothing.
let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer({ reply: () => ({ reasoning: 'hi.', content: '你好！' }) });
});
afterAll(() => fake.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${fake.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('fake OpenAI server (vLLM shape)', () => {
  it('streams role chunk, reasoning, "\\n\\n"-led content, finishing delta, usage and [DONE]', async () => {
    fake.set({ fault: undefined });
    const res = await post({
      model: 'qwen3-0.6b',
      messages: [{ role: 'user', content: '你好' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = (await res.text()).split('\n\n').filter(Boolean);
    expect(frames.every((f) => f.startsWith('data: '))).toBe(true);
    expect(frames.at(-1)).toBe('data: [DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.slice(6)));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks[0]).toHaveProperty('prompt_token_ids', null);
    const deltas = chunks.slice(1, -2).map((c) => c.choices[0].delta);
    expect(
      deltas
        .filter((d) => 'reasoning' in d)
        .map((d) => d.reasoning)
        .join(''),
    ).toBe('\nhi.\n');
    expect(deltas.filter((d) => 'content' in d)[0]).toEqual({ content: '\n\n' });
    expect(chunks.at(-2).choices[0]).toMatchObject({
      delta: { content: '' },
      finish_reason: 'stop',
      stop_reason: null,
    });
    expect(chunks.at(-1).choices).toEqual([]);
    expect(chunks.at(-1).usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('sends everything as content with thinking off, and no usage chunk unless asked', async () => {
    const res = await post({ messages: [], stream: true, chat_template_kwargs: { enable_thinking: false } });
    const chunks = (await res.text())
      .split('\n\n')
      .filter((f) => f && f !== 'data: [DONE]')
      .map((f) => JSON.parse(f.slice(6)));
    expect(chunks.some((c) => c.choices[0]?.delta?.reasoning)).toBe(false);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('你好！');
    expect(chunks.some((c) => c.usage)).toBe(false);
  });

  it('groups tokens as vLLM --stream-interval does: the first alone, then N a delta, the rest with the finish', async () => {
    // Tokens: "\n" "hi" "." "\n" | "\n\n" "你好" "！" (toTokens splits 1-2 characters); 4 a delta after the first.
    fake.set({ fault: undefined, streamInterval: 4 });
    try {
      const res = await post({ messages: [], stream: true });
      const chunks = (await res.text())
        .split('\n\n')
        .filter((f) => f && f !== 'data: [DONE]')
        .map((f) => JSON.parse(f.slice(6)));
      const choices = chunks.slice(1).map((c) => c.choices[0]);
      expect(choices.map((c) => c.delta)).toEqual([
        { reasoning: '\n' },
        { reasoning: 'hi.\n', content: '\n\n' },
        { content: '你好！' },
      ]);
      expect(choices.map((c) => c.finish_reason)).toEqual([null, null, 'stop']);
    } finally {
      fake.set({ streamInterval: 1 });
    }
  });

  it('answers errors as vLLM does: JSON before the stream, a spaced escaped frame inside it, a string 401', async () => {
    expect(await (await post({ model: 'gpt-4o', messages: [] })).json()).toEqual({
      error: {
        message: 'The model `gpt-4o` does not exist.',
        type: 'NotFoundError',
        param: 'model',
        code: 404,
      },
    });
    fake.set({ fault: 'error-after:1' });
    const text = await (await post({ messages: [], stream: true })).text();
    expect(text).toContain(
      'data: {"error": {"message": "Internal server error", "type": "InternalServerError", "param": null, "code": 500}}\n\ndata: [DONE]\n\n',
    );
    fake.set({ fault: undefined, apiKey: 'k' });
    const denied = await post({ messages: [] });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'Unauthorized' });
    fake.set({ apiKey: undefined });
  });

  it('serves an empty 200 /health, and 503 when unhealthy', async () => {
    const ok = await fetch(`${fake.url}/health`);
    expect([ok.status, await ok.text()]).toEqual([200, '']);
    fake.set({ fault: 'unhealthy' });
    expect((await fetch(`${fake.url}/health`)).status).toBe(503);
    fake.set({ fault: undefined });
  });
});
