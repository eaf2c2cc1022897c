import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/make-test-app.ts';
import { chatRequest, readEvents, textOf } from '../../../test/support/read-events.ts';
import { createDemoTicketSink } from '../../adapters/tickets/demo-ticket-sink.ts';
import type { ConversationStore } from '../../ports/conversation-store.ts';

let n = 0;
const nextId = () => `ov${Date.now()}_${n++}`;

/** The test app's store, with customer-message writes held until `release()` (or failing, with `fail`). */
async function heldWrites(options: { fail?: Error } = {}) {
  const { store } = await makeTestApp();
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let writes = 0;
  const held: ConversationStore = {
    ...store,
    ensure: (...a) => store.ensure(...a),
    exists: (...a) => store.exists(...a),
    turns: (...a) => store.turns(...a),
    saveReply: (...a) => store.saveReply(...a),
    saveFeedback: (...a) => store.saveFeedback(...a),
    addCustomerMessage: async (...a) => {
      writes++;
      await gate;
      if (options.fail) throw options.fail;
      return store.addCustomerMessage(...a);
    },
  };
  return { held, store, release, writes: () => writes };
}

describe('POST /v1/chat: the message write overlaps the model request', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({
      reply: () => ({ reasoning: '顾客问截单时间。', content: '16:00前付款当天发出哦。' }),
    });
  });
  afterAll(() => fake.close());

  it('opens the model request before the message is stored, and sends nothing until it is', async () => {
    const { held, store, release } = await heldWrites();
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL, overrides: { conversations: held } });
    const id = nextId();
    const before = fake.requests.length;
    let answered = false;
    const response = Promise.resolve(
      app.request('/v1/chat', chatRequest({ message: { id, text: '几点之前付款当天能发货?' } })),
    ).then((r) => {
      answered = true;
      return r;
    });
    await expect.poll(() => fake.requests.length).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    expect(await store.turns(`c_${id}`)).toEqual([]);
    release();
    const events = await readEvents(await response);
    expect(events[0]?.type).toBe('conversation-start');
    expect(textOf(events)).toContain('16:00前付款当天发出哦');
    await expect.poll(async () => (await store.turns(`c_${id}`))[0]?.reply?.finishReason).toBe('stop');
  });

  it('answers a failed write with an HTTP error and cancels the model request', async () => {
    const { held, release } = await heldWrites({ fail: new Error('disk full') });
    const { app } = await makeTestApp({ llmBaseURL: fake.baseURL, overrides: { conversations: held } });
    fake.set({ firstTokenDelayMs: 2000 });
    try {
      const before = fake.requests.length;
      const response = app.request(
        '/v1/chat',
        chatRequest({ message: { id: nextId(), text: '几点之前付款当天能发货?' } }),
      );
      await expect.poll(() => fake.requests.length).toBe(before + 1);
      release();
      const res = await response;
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal_error');
      const upstream = fake.requests[before]!;
      await upstream.closed;
      expect(upstream.aborted).toBe(true);
    } finally {
      fake.set({ firstTokenDelayMs: 0 });
    }
  });

  it('creates no second ticket when a finished ticket request is retried', async () => {
    const tickets = createDemoTicketSink(Date);
    const { app: plain } = await makeTestApp({ overrides: { tickets } });
    const first = nextId();
    const again = nextId();
    const conversationId = `c_${first}`;
    await readEvents(
      await plain.request('/v1/chat', chatRequest({ message: { id: first, text: '杯子碎了要退款' } })),
    );
    const asked = await readEvents(
      await plain.request(
        '/v1/chat',
        chatRequest({ conversationId, message: { id: again, text: '帮我生成工单' } }),
      ),
    );
    expect(asked.map((e) => e.type)).toContain('ticket-open');
    expect(tickets.tickets).toHaveLength(1);

    // The retry's write is held, so its turn reaches the ticket step before the store says it is a replay.
    const { held, release, writes } = await heldWrites();
    const { app } = await makeTestApp({ overrides: { tickets, conversations: held } });
    const retry = app.request(
      '/v1/chat',
      chatRequest({ conversationId, message: { id: again, text: '帮我生成工单' } }),
    );
    await expect.poll(writes).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await readEvents(await retry)).toEqual(asked);
    expect(tickets.tickets).toHaveLength(1);
  });

  it('gives two concurrent attempts at one ticket request the same ticket', async () => {
    // A customer whose connection dropped sends the message again while the edge still answers the first attempt.
    // Ticket creation is held until both attempts ask for it, so neither sees the other's finished reply: both
    // answer, under the same request id, and the customer's one request makes one ticket.
    const demo = createDemoTicketSink(Date);
    let asks = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const tickets = {
      create: async (request: Parameters<typeof demo.create>[0]) => {
        asks++;
        await gate;
        return demo.create(request);
      },
    };
    const { app } = await makeTestApp({ overrides: { tickets } });
    const first = nextId();
    const conversationId = `c_${first}`;
    await readEvents(
      await app.request('/v1/chat', chatRequest({ message: { id: first, text: '杯子碎了要退款' } })),
    );
    const again = nextId();
    const ask = () =>
      Promise.resolve(
        app.request(
          '/v1/chat',
          chatRequest({ conversationId, message: { id: again, text: '帮我生成工单' } }),
        ),
      ).then(readEvents);
    const attempts = Promise.all([ask(), ask()]);
    await expect.poll(() => asks).toBe(2);
    release();
    const [a, b] = await attempts;
    const ticketOf = (events: Awaited<ReturnType<typeof ask>>) =>
      events.find((e) => e.type === 'ticket-open')?.data;
    expect(ticketOf(a)).toBeDefined();
    expect(ticketOf(b)).toEqual(ticketOf(a));
    expect(demo.tickets.map((t) => t.requestId)).toEqual([`${conversationId}/${again}`]);
  });
});
