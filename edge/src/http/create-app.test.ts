import { startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { MAX_MESSAGE_CHARS } from '@xiaoer/protocol';
import { describe, expect, it } from 'vitest';
import { DEMO_KB_DIR, makeTestApp } from '../../test/support/make-test-app.ts';
import { chatRequest, readEvents } from '../../test/support/read-events.ts';
import { readKnowledgeDir } from '../adapters/kb/read-knowledge-dir.ts';
import { createDemoTicketSink } from '../adapters/tickets/demo-ticket-sink.ts';
import { loadProductCatalog } from '../core/load-product-catalog.ts';

describe('bad input', () => {
  it.each([
    [
      'wrong content type',
      415,
      'unsupported_content_type',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' },
    ],
    [
      'malformed JSON',
      400,
      'malformed_json',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":' },
    ],
    ['missing text', 400, 'missing_text', chatRequest({ message: { id: 'x1' } })],
    [
      'text over the limit',
      400,
      'text_too_long',
      chatRequest({ message: { id: 'x2', text: '好'.repeat(MAX_MESSAGE_CHARS + 1) } }),
    ],
    [
      'a body over 32 KB',
      413,
      'body_too_large',
      chatRequest({ message: { id: 'x3', text: 'a' }, pad: 'x'.repeat(40_000) }),
    ],
    [
      'unknown conversation',
      404,
      'conversation_not_found',
      chatRequest({ conversationId: 'nope', message: { id: 'x4', text: '你好' } }),
    ],
    [
      'a message id with odd characters',
      400,
      'invalid_request',
      chatRequest({ message: { id: '<script>', text: '你好' } }),
    ],
  ] as const)('%s gets %i %s', async (_name, status, code, init) => {
    const { app } = await makeTestApp();
    const res = await app.request('/v1/chat', init as RequestInit);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  it('loses nothing already accepted when a later request is bad', async () => {
    const { app } = await makeTestApp();
    await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id: 'keep1', text: '退货运费谁出' } })),
    );
    await app.request(
      '/v1/chat',
      chatRequest({
        conversationId: 'c_keep1',
        message: { id: 'keep2', text: '好'.repeat(MAX_MESSAGE_CHARS + 5) },
      }),
    );
    await app.request('/v1/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    const history = (await (await app.request('/v1/conversations/c_keep1')).json()) as {
      messages: { role: string }[];
    };
    expect(history.messages.map((m) => m.role)).toEqual(['customer', 'assistant']);
  });

  it('answers unknown routes and unknown conversations with JSON errors', async () => {
    const { app } = await makeTestApp();
    expect(await (await app.request('/v1/nothing')).json()).toMatchObject({ error: { code: 'not_found' } });
    const res = await app.request('/v1/conversations/c_missing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'conversation_not_found' } });
  });
});

describe('GET /v1/conversations/:id', () => {
  it('returns the history without reasoning', async () => {
    const fake = await startFakeOpenAiServer({
      reply: () => ({ reasoning: 'SECRET-REASONING', content: '可以装热水。' }),
    });
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL });
    await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id: 'h1', text: '保温杯能装热水吗' } })),
    );
    const res = await app.request('/v1/conversations/c_h1');
    const text = await res.text();
    expect(JSON.parse(text).messages).toMatchObject([
      { id: 'h1', role: 'customer', text: '保温杯能装热水吗' },
      { role: 'assistant', text: '可以装热水。\n需要我帮您查订单或生成工单吗?' },
    ]);
    expect(text).not.toContain('SECRET-REASONING');
    await fake.close();
  });

  it('keeps the clarifying question with its choices and the opened ticket on their replies', async () => {
    const { app } = await makeTestApp({
      overrides: {
        catalog: loadProductCatalog(await readKnowledgeDir(DEMO_KB_DIR)),
        tickets: createDemoTicketSink(Date),
      },
    });
    const turns = [
      ['hc1', 'Buds Pro 还有货吗'],
      ['hc2', '杯子碎了要退款'],
      ['hc3', '帮我生成工单'],
    ];
    for (const [id, text] of turns) {
      await readEvents(
        await app.request(
          '/v1/chat',
          chatRequest({ ...(id === 'hc1' ? {} : { conversationId: 'c_hc1' }), message: { id, text } }),
        ),
      );
    }
    const { messages } = (await (await app.request('/v1/conversations/c_hc1')).json()) as {
      messages: Record<string, unknown>[];
    };
    expect(messages.map((m) => m.role)).toEqual([
      'customer',
      'assistant',
      'customer',
      'assistant',
      'customer',
      'assistant',
    ]);
    expect(messages[1]!.clarification).toMatchObject({
      question: expect.stringContaining('哪一款'),
      choices: [{ sku: 'BUD-PRO-BK' }, { sku: 'BUD-PRO-WH' }],
    });
    expect(messages[1]!.ticket).toBeUndefined();
    expect(messages[3]!.clarification).toBeUndefined();
    expect(messages[3]!.ticket).toBeUndefined();
    expect(messages[5]!.ticket).toEqual({ ticketId: expect.stringMatching(/^GD\d{10}$/), kind: 'refund' });
    expect(messages[5]!.text).toContain((messages[5]!.ticket as { ticketId: string }).ticketId);
  });
});

describe('health', () => {
  it('healthz answers while readyz reports the knowledge base and the model', async () => {
    const fake = await startFakeOpenAiServer();
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL });
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      conversations: { ready: true, checked: true },
      model: { configured: true, reachable: true },
      mode: 'model',
    });
    await fake.close();
    expect(await (await app.request('/readyz')).json()).toMatchObject({
      ready: true,
      model: { reachable: false },
      mode: 'retrieval-only',
    });
  });

  it('readyz is 503 while the knowledge base is empty', async () => {
    const { app } = await makeTestApp({
      overrides: { retriever: { retrieve: async () => [], size: async () => 0 } },
    });
    expect((await app.request('/readyz')).status).toBe(503);
  });

  it('readyz is 503, and says why, while the conversation store does not answer', async () => {
    const { store } = await makeTestApp();
    const stopped = 'The conversation store stopped (thread exit code 7); it is being restarted.';
    const down = await makeTestApp({
      overrides: { conversations: { ...store, ping: () => Promise.reject(new Error(stopped)) } },
    });
    const res = await down.app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      ready: false,
      knowledgeBase: { passages: expect.any(Number) },
      conversations: { ready: false, checked: true, error: stopped },
    });

    // A store that never answers (a thread stuck on a query) fails the check after 2 s, not at the probe's timeout.
    const stuck = await makeTestApp({
      overrides: { conversations: { ...store, ping: () => new Promise<void>(() => {}) } },
    });
    const late = await stuck.app.request('/readyz');
    expect(late.status).toBe(503);
    expect(await late.json()).toMatchObject({
      conversations: { ready: false, error: 'no answer within 2000 ms' },
    });
  });

  it('readyz counts a store with nothing to check (Durable Objects) as ready', async () => {
    const { store } = await makeTestApp();
    const { ping: _, ...withoutPing } = store;
    const { app } = await makeTestApp({ overrides: { conversations: withoutPing } });
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, conversations: { ready: true, checked: false } });
  });
});
