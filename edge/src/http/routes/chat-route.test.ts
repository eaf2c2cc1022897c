import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { PROTOCOL_HEADER } from '@xiaoer/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/make-test-app.ts';
import { chatRequest, readEvents, textOf } from '../../../test/support/read-events.ts';

const SHIPPING_Q = '几点之前付款当天能发货?';
let n = 0;
const nextId = () => `m${Date.now()}_${n++}`;

describe('POST /v1/chat without a model', () => {
  it('answers from the knowledge base with sources, the closing line and the protocol header', async () => {
    const { app } = await makeTestApp();
    const res = await app.request('/v1/chat', chatRequest({ message: { id: nextId(), text: SHIPPING_Q } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get(PROTOCOL_HEADER)).toBe('v1');
    const events = await readEvents(res);
    expect(events.map((e) => e.type)).toEqual([
      'conversation-start',
      'sources-available',
      'text-delta',
      'message-end',
    ]);
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect(textOf(events)).toContain('16:00');
    expect(textOf(events)).toContain('需要我帮您查订单或生成工单吗?');
  });

  it('hands over with the transfer phrase when the knowledge base does not cover the question', async () => {
    const { app } = await makeTestApp();
    const events = await readEvents(
      await app.request(
        '/v1/chat',
        chatRequest({ message: { id: nextId(), text: '你们老板喜欢什么颜色的汽车' } }),
      ),
    );
    expect(textOf(events)).toBe('这个问题我需要帮您转接专人');
    expect(events.find((e) => e.type === 'handoff-request')?.data).toMatchObject({ reason: 'no_answer' });
  });
});

describe('POST /v1/chat with a model (fake vLLM)', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({
      reply: () => ({
        reasoning: '顾客问截单时间。内部推理：不要给顾客看。',
        content: '16:00前付款当天发出哦。\n需要我帮您查订单或生成工单吗?',
      }),
    });
  });
  afterEach(() => {
    fake.requests.length = 0;
    fake.set({ fault: undefined, reasoningKey: 'reasoning', firstTokenDelayMs: 0, tokenDelayMs: 0 });
  });
  afterAll(() => fake.close());

  it('streams the answer token by token and keeps the reasoning out of every event', async () => {
    const { app, store } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const id = nextId();
    const events = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id, text: SHIPPING_Q } })),
    );
    const deltas = events.filter((e) => e.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(5);
    expect(textOf(events)).toBe('16:00前付款当天发出哦。\n需要我帮您查订单或生成工单吗?');
    expect(JSON.stringify(events)).not.toContain('内部推理');
    expect(events.at(-1)).toMatchObject({ type: 'message-end', data: { finishReason: 'stop' } });

    const [turn] = await store.turns(`c_${id}`);
    expect(turn?.reply?.reasoning).toContain('内部推理');
    expect(turn?.reply?.mode).toBe('model');
    expect(turn?.reply?.usage?.completionTokens).toBeGreaterThan(0);
  });

  it('sends the shop defaults: thinking on, temperature 0.3, 512 new tokens, rules and passages in the prompt', async () => {
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL });
    await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id: nextId(), text: SHIPPING_Q } })),
    );
    const body = fake.requests[0]!.body;
    expect(body).toMatchObject({
      model: 'qwen3-0.6b',
      stream: true,
      temperature: 0.3,
      max_tokens: 512,
      chat_template_kwargs: { enable_thinking: true },
    });
    const system = String(body.messages![0]!.content);
    expect(system).toContain('这个问题我需要帮您转接专人');
    expect(system).toContain('16:00');
    expect(body.messages!.at(-1)).toEqual({ role: 'user', content: SHIPPING_Q });
  });

  it('reads reasoning from the older reasoning_content key too', async () => {
    fake.set({ reasoningKey: 'both' });
    const { app, store } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const id = nextId();
    const events = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id, text: SHIPPING_Q } })),
    );
    expect(JSON.stringify(events)).not.toContain('内部推理');
    expect((await store.turns(`c_${id}`))[0]?.reply?.reasoning).toContain('内部推理');
  });

  it('hands an explicit request to a human at once, without calling the model', async () => {
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const events = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id: nextId(), text: '我要转人工' } })),
    );
    expect(events.map((e) => e.type)).toEqual(['conversation-start', 'handoff-request', 'message-end']);
    expect(events[1]!.data).toMatchObject({ reason: 'explicit' });
    expect(fake.requests).toHaveLength(0);
  });

  it('turns an upstream error mid-stream into an error event and keeps what was said', async () => {
    fake.set({ fault: 'error-after:22' }); // after the reasoning and a few answer tokens
    const { app, store } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const id = nextId();
    const events = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id, text: SHIPPING_Q } })),
    );
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    expect(events.at(-2)).toMatchObject({ type: 'error', data: { code: 'upstream_error' } });
    expect(events.at(-1)).toMatchObject({ type: 'message-end', data: { finishReason: 'error' } });
    const [turn] = await store.turns(`c_${id}`);
    expect(turn?.reply?.finishReason).toBe('error');
    expect(turn?.reply?.text.length).toBeGreaterThan(0);
  });

  it('falls back to the knowledge-base answer when the model fails before answering', async () => {
    fake.set({ fault: 'http-500' });
    const { app, store } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const id = nextId();
    const events = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id, text: SHIPPING_Q } })),
    );
    expect(textOf(events)).toContain('16:00');
    expect(events.at(-1)).toMatchObject({ type: 'message-end', data: { finishReason: 'stop' } });
    expect((await store.turns(`c_${id}`))[0]?.reply?.mode).toBe('retrieval');
  });

  it('falls back when the model server is unreachable', async () => {
    const { app } = await makeTestApp({ llmBaseURL: 'http://127.0.0.1:9/v1' });
    const events = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id: nextId(), text: SHIPPING_Q } })),
    );
    expect(textOf(events)).toContain('16:00');
  });

  it('aborts the upstream request when the customer disconnects', async () => {
    fake.set({ tokenDelayMs: 50 });
    const { app, store } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const controller = new AbortController();
    const id = nextId();
    const res = await fetch(`http://127.0.0.1:${port}/v1/chat`, {
      ...chatRequest({ message: { id, text: SHIPPING_Q } }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let seen = '';
    while (!seen.includes('text-delta')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const upstream = fake.requests[0]!;
    await upstream.closed;
    expect(upstream.aborted).toBe(true);
    await expect.poll(async () => (await store.turns(`c_${id}`))[0]?.reply?.finishReason).toBe('aborted');
    server.close();
  });

  it('never creates a second customer message on a retry and replays the finished reply', async () => {
    const { app, store } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const id = nextId();
    const first = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id, text: SHIPPING_Q } })),
    );
    const again = await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id, text: SHIPPING_Q } })),
    );
    expect(again).toEqual(first);
    expect(fake.requests).toHaveLength(1);
    expect(await store.turns(`c_${id}`)).toHaveLength(1);
  });

  it('regenerates a reply that was cut off by a disconnect, still with one customer message', async () => {
    const { app, store } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const id = nextId();
    const conversationId = `c_${id}`;
    await store.ensure(conversationId, new Date().toISOString());
    await store.addCustomerMessage(conversationId, {
      id,
      text: SHIPPING_Q,
      createdAt: new Date().toISOString(),
    });
    const events = await readEvents(
      await app.request('/v1/chat', chatRequest({ conversationId, message: { id, text: SHIPPING_Q } })),
    );
    expect(textOf(events)).toContain('16:00');
    expect(await store.turns(conversationId)).toHaveLength(1);
  });

  it('gives the model the earlier turns of the conversation', async () => {
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL });
    const first = nextId();
    await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id: first, text: '保温杯能装热水吗' } })),
    );
    await readEvents(
      await app.request(
        '/v1/chat',
        chatRequest({ conversationId: `c_${first}`, message: { id: nextId(), text: '那能装碳酸饮料吗' } }),
      ),
    );
    const messages = fake.requests[1]!.body.messages!;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]!.content).toBe('保温杯能装热水吗');
  });
});
