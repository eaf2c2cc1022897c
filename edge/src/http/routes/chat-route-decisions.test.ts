import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/make-test-app.ts';
import { chatRequest, readEvents } from '../../../test/support/read-events.ts';
import { DEFAULT_SHOP_PROFILE } from '../../core/shop-profile.ts';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import type { createApp } from '../create-app.ts';

let fake: FakeOpenAiServer;
let store: ConversationStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fake = await startFakeOpenAiServer({
    reply: () => ({ reasoning: '蓝色350ml保温杯，卖点写可装热水。', content: '可以装热水，6小时保温≥60℃。' }),
  });
  ({ app, store } = await makeTestApp({ llmBaseURL: fake.baseURL }));
});
afterAll(async () => {
  await fake?.close();
});

describe('POST /v1/chat turn record', () => {
  it('keeps intent, SKU, passages, route, reasoning length, timings and usage with the reply', async () => {
    const events = await readEvents(
      await app.request(
        '/v1/chat',
        chatRequest({ message: { id: 'm-1', text: '那个蓝色小杯子能装热水吗' } }),
      ),
    );
    const start = events[0] as { type: 'conversation-start'; data: { conversationId: string } };
    expect(events.at(-1)).toEqual({
      type: 'message-end',
      data: { finishReason: 'stop' },
      id: expect.any(String),
    });

    const [turn] = await store.turns(start.data.conversationId);
    const reply = turn!.reply!;
    expect(reply.text).toBe(`可以装热水，6小时保温≥60℃。\n${DEFAULT_SHOP_PROFILE.closingLine}`);
    expect(reply.analysis).toMatchObject({
      route: 'answer',
      transferReason: null,
      intent: 'product',
      sku: 'CUP-350-BL',
      hedges: 0,
      reasoningChars: reply.reasoning.length,
    });
    expect(reply.analysis!.reasoningChars).toBeGreaterThan(0);
    expect(reply.retrieved.length).toBeGreaterThan(0);
    expect(reply.retrieved[0]).toEqual({ id: expect.any(String), score: expect.any(Number) });
    expect(reply.timings.firstTokenMs).toBeGreaterThanOrEqual(reply.timings.retrievalMs);
    expect(reply.timings.totalMs).toBeGreaterThanOrEqual(reply.timings.firstTokenMs!);
    expect(reply.usage).toMatchObject({
      promptTokens: expect.any(Number),
      completionTokens: expect.any(Number),
    });
    // The product row reached the model as facts.
    expect(fake.requests.at(-1)!.body.messages![0]!.content).toContain('CUP-350-BL');
  });
});
