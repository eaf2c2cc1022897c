import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import type { ConversationHistory } from '@xiaoer/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/make-test-app.ts';
import { readEvents, textOf } from '../../../test/support/read-events.ts';
import { createPgliteConversationStore } from '../../adapters/conversations/pglite-conversation-store.ts';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import type { createApp } from '../create-app.ts';

function chat(app: ReturnType<typeof createApp>, id: string, lastEventId?: number) {
  return app.request('/v1/chat', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(lastEventId ? { 'last-event-id': String(lastEventId) } : {}),
    },
    body: JSON.stringify({ message: { id, text: '几点之前付款当天能发货?' } }),
  });
}

describe('POST /v1/chat with Last-Event-ID', () => {
  let store: ConversationStore;
  let close: () => Promise<void>;
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    ({ store, close } = await createPgliteConversationStore());
    fake = await startFakeOpenAiServer(
      {
        model: 'qwen3-0.6b',
        firstTokenDelayMs: 0,
        tokenDelayMs: 20,
        reasoningKey: 'reasoning',
        reply: () => ({ content: '周一至周六16:00前付款的订单当天发出。', reasoning: '想一想' }),
      },
      0,
    );
  });
  afterAll(async () => {
    await close();
    await fake.close();
  });

  it('replays a finished reply from the event after Last-Event-ID', async () => {
    const { app } = await makeTestApp({ overrides: { conversations: store } });
    const full = await readEvents(await chat(app, 'resume_1'));
    expect(full.at(-1)!.type).toBe('message-end');
    const cut = full.filter((e) => Number(e.id) <= 2);
    const resumed = await readEvents(await chat(app, 'resume_1', 2));
    expect(resumed[0]).toEqual(full[0]); // conversation-start, same replyId
    expect(resumed.slice(1)).toEqual(full.filter((e) => Number(e.id) > 2));
    expect(textOf(cut) + textOf(resumed)).toBe(textOf(full));
  });

  it('generates a reply again under a new replyId when the stream was cut before it finished', async () => {
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL, overrides: { conversations: store } });
    const first = await readEvents(await chat(app, 'resume_2'), 4);
    expect(first.map((e) => e.type)).toContain('text-delta');
    // The disconnect aborts the model request and the partial reply is stored as aborted.
    await expect.poll(async () => (await store.turns('c_resume_2'))[0]?.reply?.finishReason).toBe('aborted');
    expect(fake.requests.at(-1)!.aborted).toBe(true);
    // History (a reload) shows the part that was sent, marked as interrupted.
    const history = (await (await app.request('/v1/conversations/c_resume_2')).json()) as ConversationHistory;
    expect(history.messages[1]).toMatchObject({ role: 'assistant', interrupted: true, text: textOf(first) });

    const again = await readEvents(await chat(app, 'resume_2', Number(first.at(-1)!.id)));
    const start = again[0]!;
    const firstStart = first[0]!;
    expect(start.type === 'conversation-start' && firstStart.type === 'conversation-start').toBe(true);
    if (start.type === 'conversation-start' && firstStart.type === 'conversation-start')
      expect(start.data.replyId).not.toBe(firstStart.data.replyId);
    expect(Number(again[1]!.id)).toBe(2);
    expect(textOf(again)).toBe('周一至周六16:00前付款的订单当天发出。\n需要我帮您查订单或生成工单吗?');
    const after = (await (await app.request('/v1/conversations/c_resume_2')).json()) as ConversationHistory;
    expect(after.messages[1]).not.toHaveProperty('interrupted');
  });
});
