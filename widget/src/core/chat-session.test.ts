import type {
  ChatEvent,
  ChatRequest,
  ConversationHistory,
  ConversationMessage,
  FeedbackRequest,
} from '@xiaoer/protocol';
import { describe, expect, it } from 'vitest';
import { createChatSession } from './chat-session.ts';
import { type ChatStreamOptions, type ChatTransport, TransportError } from './chat-transport.ts';
import type { Connectivity, KeyValueStore, SyncChannel, SyncMessage } from './session-ports.ts';

/** A fake edge: stores messages by id like the real one and streams scripted replies, optionally cut short. */
function fakeEdge() {
  const calls: { request: ChatRequest; lastEventId: number | undefined }[] = [];
  const stored = new Map<string, { replyId: string; events: ChatEvent[] }>();
  const feedback: FeedbackRequest[] = [];
  let replySeq = 0;
  const edge = {
    calls,
    feedback,
    reply: (text: string): ChatEvent[] => [
      { type: 'sources-available', data: { sources: [{ id: 'faq:F001', title: '发货时间' }] } },
      ...[...text].map((c): ChatEvent => ({ type: 'text-delta', data: { delta: c } })),
      { type: 'message-end', data: { finishReason: 'stop' } },
    ],
    /** Events to answer with per message text. */
    script: new Map<string, ChatEvent[]>(),
    /** Per call: how many events (after conversation-start) to send before the stream is cut; undefined = all. */
    cuts: [] as (number | undefined)[],
    /** Forget partial replies when cut (the edge aborts generation and produces a new reply on retry). */
    regenerateAfterCut: false,
    failNext: undefined as TransportError | undefined,
    /** Thrown on every call while set (an edge that keeps refusing). */
    failAll: undefined as TransportError | undefined,
    history: undefined as ConversationHistory | undefined,
  };
  const transport: ChatTransport = {
    async chat(request, { lastEventId, onEvent }: ChatStreamOptions) {
      calls.push({ request, lastEventId });
      await Promise.resolve();
      if (edge.failAll) throw edge.failAll;
      if (edge.failNext) {
        const e = edge.failNext;
        edge.failNext = undefined;
        throw e;
      }
      const conversationId = request.conversationId ?? `c_${request.message.id}`;
      let reply = stored.get(request.message.id);
      // Like the edge: Last-Event-ID skips events only when an existing reply is replayed, not a new generation.
      const replaying = reply !== undefined;
      if (!reply) {
        reply = {
          replyId: `r${++replySeq}`,
          events: edge.script.get(request.message.text) ?? edge.reply('好的'),
        };
        stored.set(request.message.id, reply);
      }
      onEvent({
        id: 1,
        event: {
          type: 'conversation-start',
          data: { conversationId, messageId: request.message.id, replyId: reply.replyId },
        },
      });
      const cut = edge.cuts.shift();
      for (let i = 0; i < reply.events.length; i++) {
        const id = i + 2;
        if (cut !== undefined && i >= cut) {
          if (edge.regenerateAfterCut) stored.delete(request.message.id);
          return;
        }
        if (replaying && lastEventId !== undefined && id <= lastEventId) continue;
        onEvent({ id, event: reply.events[i]! });
      }
    },
    async history() {
      return edge.history ?? null;
    },
    async feedback(r) {
      feedback.push(r);
    },
  };
  return { edge, transport };
}

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (k) => map.get(k) ?? null,
    set: (k, v) => void map.set(k, v),
    remove: (k) => void map.delete(k),
  };
}

function switchableNetwork(): Connectivity & { set(on: boolean): void } {
  let on = true;
  const listeners = new Set<() => void>();
  return {
    online: () => on,
    onOnline(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(v) {
      on = v;
      if (v) for (const l of [...listeners]) l();
    },
  };
}

function channelPair(): [SyncChannel, SyncChannel] {
  const make = (peers: Set<(m: SyncMessage) => void>, own: Set<(m: SyncMessage) => void>): SyncChannel => ({
    // Delivered later, like BroadcastChannel: another tab never sees a change synchronously.
    post: (m) => {
      const copy = structuredClone(m);
      queueMicrotask(() => {
        for (const l of peers) l(copy);
      });
    },
    subscribe(l) {
      own.add(l);
      return () => own.delete(l);
    },
  });
  const a = new Set<(m: SyncMessage) => void>();
  const b = new Set<(m: SyncMessage) => void>();
  return [make(b, a), make(a, b)];
}

let idSeq = 0;
function setup(opts: { storage?: KeyValueStore; channel?: SyncChannel; net?: Connectivity } = {}) {
  const { edge, transport } = fakeEdge();
  const storage = opts.storage ?? memoryStore();
  const net = opts.net ?? switchableNetwork();
  const waits: number[] = [];
  const session = createChatSession({
    transport,
    storage,
    storageKey: 'xiaoer:test',
    connectivity: net,
    newId: (p) => `${p}_${++idSeq}`,
    wait: async (ms) => void waits.push(ms),
    ...(opts.channel ? { channel: opts.channel } : {}),
  });
  return { edge, session, storage, net, waits };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const texts = (s: { state: { messages: { role: string; text: string }[] } }) =>
  s.state.messages.map((m) => `${m.role}:${m.text}`);

describe('createChatSession', () => {
  it('streams a reply into one assistant bubble and remembers the conversation', async () => {
    const { edge, session, storage } = setup();
    edge.script.set('几点发货?', edge.reply('16:00前付款当天发'));
    const renders: string[] = [];
    session.subscribe((s) => renders.push(s.messages.at(-1)?.text ?? ''));
    const r = session.send('  几点发货? ');
    expect(r.ok).toBe(true);
    await settle();
    expect(texts(session)).toEqual(['customer:几点发货?', 'assistant:16:00前付款当天发']);
    const a = session.state.messages[1]!;
    expect(a).toMatchObject({
      status: 'done',
      replyId: 'r1',
      sources: [{ id: 'faq:F001', title: '发货时间' }],
    });
    expect(renders).toContain('16:00前');
    expect(storage.get('xiaoer:test:conversation')).toBe(`c_${session.state.messages[0]!.id}`);
    expect(storage.get('xiaoer:test:pending')).toBeNull();
  });

  it('resumes a cut stream from the last event id without duplicated or lost text', async () => {
    const { edge, session, waits } = setup();
    edge.script.set('q', edge.reply('一二三四五六'));
    edge.cuts.push(3, 5);
    session.send('q');
    await settle();
    expect(texts(session)).toEqual(['customer:q', 'assistant:一二三四五六']);
    expect(edge.calls.map((c) => c.lastEventId)).toEqual([undefined, 4, 6]);
    expect(new Set(edge.calls.map((c) => c.request.message.id)).size).toBe(1);
    expect(waits).toEqual([250, 500]);
  });

  it('replaces the partial text when the edge generates the reply again', async () => {
    const { edge, session } = setup();
    edge.script.set('q', edge.reply('旧的回答'));
    edge.cuts.push(3);
    edge.regenerateAfterCut = true;
    session.send('q');
    await Promise.resolve();
    await Promise.resolve();
    edge.script.set('q', edge.reply('新回答'));
    await settle();
    expect(texts(session)).toEqual(['customer:q', 'assistant:新回答']);
    expect(session.state.messages[1]!.replyId).toBe('r2');
  });

  it('gives up after repeated cuts with a retry that reuses the message id', async () => {
    const { edge, session } = setup();
    edge.script.set('q', edge.reply('abc'));
    edge.cuts.push(0, 0, 0, 0, 0);
    session.send('q');
    await settle();
    expect(session.state.messages[1]).toMatchObject({ status: 'failed', error: 'interrupted' });
    const id = session.state.messages[0]!.id;
    session.retry(id);
    await settle();
    expect(texts(session)).toEqual(['customer:q', 'assistant:abc']);
    expect(edge.calls.every((c) => c.request.message.id === id)).toBe(true);
  });

  it('queues a message typed offline and sends it once when the network returns', async () => {
    const net = switchableNetwork();
    const storage = memoryStore();
    const { edge, session } = setup({ net, storage });
    net.set(false);
    session.send('离线时问的');
    await settle();
    expect(edge.calls).toHaveLength(0);
    expect(session.state.messages[0]!.status).toBe('queued');
    expect(JSON.parse(storage.get('xiaoer:test:pending')!)).toHaveLength(1);
    net.set(true);
    net.set(true);
    await settle();
    expect(edge.calls).toHaveLength(1);
    expect(texts(session)).toEqual(['customer:离线时问的', 'assistant:好的']);
    expect(storage.get('xiaoer:test:pending')).toBeNull();
  });

  it('keeps an unsent message across a reload and delivers it on restore', async () => {
    const net = switchableNetwork();
    const storage = memoryStore();
    net.set(false);
    setup({ net, storage }).session.send('重新加载前');
    net.set(true);
    const second = setup({ net, storage });
    await second.session.restore();
    await settle();
    expect(texts(second.session)).toEqual(['customer:重新加载前', 'assistant:好的']);
  });

  /** A reload of conversation c_1, whose edge history is the customer's 你好 (m1) and `reply`. */
  async function reloadWith(reply: ConversationMessage) {
    const storage = memoryStore();
    storage.set('xiaoer:test:conversation', 'c_1');
    const restored = setup({ storage });
    restored.edge.history = {
      conversationId: 'c_1',
      messages: [{ id: 'm1', role: 'customer', text: '你好', createdAt: '' }, reply],
    };
    await restored.session.restore();
    return restored;
  }

  it('restores history from the edge after a reload', async () => {
    const { session } = await reloadWith({
      id: 'r1',
      role: 'assistant',
      text: '您好',
      createdAt: '',
      sources: [{ id: 's', title: 't' }],
    });
    expect(session.state.messages).toEqual([
      { id: 'm1', role: 'customer', text: '你好', status: 'done' },
      {
        id: 'a_m1',
        role: 'assistant',
        text: '您好',
        status: 'done',
        replyTo: 'm1',
        replyId: 'r1',
        sources: [{ id: 's', title: 't' }],
      },
    ]);
  });

  it('restores a reply cut when the customer left as interrupted, and its retry generates it anew', async () => {
    const { edge, session } = await reloadWith({
      id: 'r_cut',
      role: 'assistant',
      text: '您',
      createdAt: '',
      interrupted: true,
    });
    expect(session.state.messages[1]).toMatchObject({ text: '您', status: 'failed', error: 'interrupted' });
    session.retry('m1');
    for (let i = 0; i < 3; i++) await settle();
    expect(edge.calls.map((c) => c.request.message.id)).toEqual(['m1']);
    expect(texts(session)).toEqual(['customer:你好', 'assistant:好的']);
    expect(session.state.messages[1]).toMatchObject({ status: 'done' });
  });

  it('forgets a conversation the edge no longer knows', async () => {
    const storage = memoryStore();
    storage.set('xiaoer:test:conversation', 'c_gone');
    const { session } = setup({ storage });
    await session.restore();
    expect(session.state.conversationId).toBeNull();
    expect(storage.get('xiaoer:test:conversation')).toBeNull();
  });

  it('starts a new conversation when the edge answers conversation_not_found', async () => {
    const storage = memoryStore();
    storage.set('xiaoer:test:conversation', 'c_old');
    const { edge, session } = setup({ storage });
    edge.failNext = new TransportError('http', 'x', 404, 'conversation_not_found');
    session.send('hi');
    await settle();
    expect(edge.calls.map((c) => c.request.conversationId)).toEqual(['c_old', undefined]);
    expect(session.state.conversationId).toMatch(/^c_m_/);
  });

  it('marks a rejected message failed with a reason and does not retry it by itself', async () => {
    const { edge, session } = setup();
    edge.failNext = new TransportError('http', 'x', 400, 'text_too_long');
    session.send('x');
    await settle();
    expect(session.state.messages).toEqual([
      expect.objectContaining({ status: 'failed', error: 'too_long' }),
    ]);
    expect(edge.calls).toHaveLength(1);
  });

  it('sends a rate-limited message again after a pause, and says why once the edge keeps refusing', async () => {
    const limited = () => new TransportError('http', 'x', 429, 'rate_limited');
    const first = setup();
    first.edge.failNext = limited();
    first.session.send('在吗');
    await settle();
    await settle();
    expect(first.waits).toEqual([250]);
    expect(texts(first.session)).toEqual(['customer:在吗', 'assistant:好的']);

    const second = setup();
    second.edge.failAll = limited();
    second.session.send('在吗');
    for (let i = 0; i < 10; i++) await settle();
    expect(second.edge.calls).toHaveLength(5);
    expect(second.session.state.messages).toEqual([
      expect.objectContaining({ text: '在吗', status: 'failed', error: 'rate_limited' }),
    ]);
  });

  it("waits as long as the edge's Retry-After asks, and fails at once with the reason when that is too long", async () => {
    const limitedFor = (ms: number) =>
      new TransportError('http', 'x', 429, 'rate_limited', { retryAfterMs: ms });
    const first = setup();
    first.edge.failNext = limitedFor(3000);
    first.session.send('在吗');
    await settle();
    await settle();
    expect(first.waits).toEqual([3000]);
    expect(texts(first.session)).toEqual(['customer:在吗', 'assistant:好的']);

    const second = setup();
    second.edge.failAll = limitedFor(120_000);
    second.session.send('在吗');
    for (let i = 0; i < 5; i++) await settle();
    expect(second.edge.calls).toHaveLength(1);
    expect(second.waits).toEqual([]);
    expect(second.session.state.messages).toEqual([
      expect.objectContaining({ text: '在吗', status: 'failed', error: 'rate_limited' }),
    ]);
  });

  it('refuses empty and over-long text before sending', () => {
    const { session, edge } = setup();
    expect(session.send('   ')).toEqual({ ok: false, error: 'empty' });
    expect(session.send('长'.repeat(2001))).toEqual({ ok: false, error: 'too_long' });
    expect(edge.calls).toHaveLength(0);
    expect(session.state.messages).toEqual([]);
  });

  it('shows the same conversation in another tab while it streams', async () => {
    const storage = memoryStore();
    const [ca, cb] = channelPair();
    const a = setup({ storage, channel: ca });
    const b = setup({ storage, channel: cb });
    a.session.send('同步吗');
    await settle();
    expect(texts(b.session)).toEqual(['customer:同步吗', 'assistant:好的']);
    expect(b.session.state.conversationId).toBe(a.session.state.conversationId);
    expect(b.edge.calls).toHaveLength(0);
    a.session.reset();
    await settle();
    expect(b.session.state.messages).toEqual([]);
  });

  it('sends a message queued offline from its own tab only, when both tabs come back online', async () => {
    const storage = memoryStore();
    const net = switchableNetwork();
    const [ca, cb] = channelPair();
    const a = setup({ storage, channel: ca, net });
    const b = setup({ storage, channel: cb, net });
    net.set(false);
    a.session.send('两个标签页');
    await settle();
    expect(b.session.state.messages[0]).toMatchObject({ text: '两个标签页', status: 'queued' });
    net.set(true);
    await settle();
    expect(a.edge.calls).toHaveLength(1);
    expect(b.edge.calls).toHaveLength(0);
    expect(texts(b.session)).toEqual(['customer:两个标签页', 'assistant:好的']);
  });

  it('sends a failed message retried in another tab from that tab only', async () => {
    const storage = memoryStore();
    const net = switchableNetwork();
    const [ca, cb] = channelPair();
    const a = setup({ storage, channel: ca, net });
    const b = setup({ storage, channel: cb, net });
    a.edge.failNext = new TransportError('http', 'x', 400, 'invalid_request');
    a.session.send('重试');
    await settle();
    const id = a.session.state.messages[0]!.id;
    expect(b.session.state.messages[0]).toMatchObject({ id, status: 'failed' });
    net.set(false);
    b.session.retry(id);
    await settle();
    expect(a.session.state.messages[0]).toMatchObject({ id, status: 'queued' });
    net.set(true);
    await settle();
    expect(a.edge.calls).toHaveLength(1);
    expect(b.edge.calls.map((c) => c.request.message.id)).toEqual([id]);
    expect(texts(a.session)).toEqual(['customer:重试', 'assistant:好的']);
  });

  it('sends thumbs and a conversation score as feedback', async () => {
    const { edge, session } = setup();
    session.send('q');
    await settle();
    await session.rate('r1', 'down');
    await session.score(5, '很好');
    expect(session.state.messages[1]!.feedback).toBe('down');
    expect(edge.feedback).toEqual([
      { conversationId: session.state.conversationId, replyId: 'r1', rating: 'down' },
      { conversationId: session.state.conversationId, score: 5, comment: '很好' },
    ]);
  });
});

describe('clarifying questions and tickets', () => {
  const choices = [
    { sku: 'BUD-PRO-BK', label: 'Buds Pro 降噪耳机 黑色' },
    { sku: 'BUD-PRO-WH', label: 'Buds Pro 降噪耳机 白色' },
  ];
  const question =
    '您问的是哪一款？\n1. Buds Pro 降噪耳机 黑色\n2. Buds Pro 降噪耳机 白色\n告诉我序号或名称就好。';
  /** A reply that asks the question and offers the choices. */
  const clarifyingReply: ChatEvent[] = [
    { type: 'text-delta', data: { delta: question } },
    { type: 'clarification-request', data: { question, choices } },
    { type: 'message-end', data: { finishReason: 'stop' } },
  ];
  const ticket = { ticketId: 'GD2611240001', kind: 'refund' };

  it('keeps the choices on the reply and sends the chosen product once, as the next customer message', async () => {
    const { edge, session } = setup();
    edge.script.set('Buds Pro 还有货吗', clarifyingReply);
    session.send('Buds Pro 还有货吗');
    await settle();
    const ask = session.state.messages.at(-1)!;
    expect(ask).toMatchObject({
      role: 'assistant',
      status: 'done',
      text: question,
      clarification: { question, choices },
    });

    expect(session.choose(ask.id, 'NOPE')).toEqual({ ok: false, error: 'stale' });
    const first = session.choose(ask.id, 'BUD-PRO-WH');
    expect(first.ok).toBe(true);
    // A second click (or a click on another choice) of the same question sends nothing more.
    expect(session.choose(ask.id, 'BUD-PRO-BK')).toEqual({ ok: false, error: 'stale' });
    await settle();
    expect(edge.calls.map((c) => c.request.message.text)).toEqual([
      'Buds Pro 还有货吗',
      'Buds Pro 降噪耳机 白色',
    ]);
    expect(edge.calls[1]!.request.conversationId).toBe(session.state.conversationId);
    expect(texts(session).slice(-2)).toEqual(['customer:Buds Pro 降噪耳机 白色', 'assistant:好的']);
    expect(session.state.messages.at(-1)!.clarification).toBeUndefined();
    // The older question keeps its choices for display, but answering it is refused.
    expect(session.state.messages[1]!.clarification?.choices).toEqual(choices);
    expect(session.choose(ask.id, 'BUD-PRO-BK')).toEqual({ ok: false, error: 'stale' });
  });

  it('does not answer a question whose reply never finished', async () => {
    const { edge, session } = setup();
    edge.cuts.push(2, 2, 2, 2, 2);
    edge.script.set('那个杯子有货吗', clarifyingReply);
    session.send('那个杯子有货吗');
    await settle();
    const ask = session.state.messages.at(-1)!;
    expect(ask.clarification).toEqual({ question, choices });
    expect(ask.status).toBe('failed');
    expect(session.choose(ask.id, 'BUD-PRO-BK')).toEqual({ ok: false, error: 'stale' });
  });

  it('keeps the opened ticket on the reply that announced it, once, across a resumed stream', async () => {
    const { edge, session } = setup();
    edge.cuts.push(2);
    edge.script.set('帮我生成工单', [
      { type: 'text-delta', data: { delta: '已为您生成退款工单，' } },
      { type: 'ticket-open', data: ticket },
      { type: 'text-delta', data: { delta: '工单号GD2611240001。' } },
      { type: 'message-end', data: { finishReason: 'stop' } },
    ]);
    session.send('帮我生成工单');
    await settle();
    expect(edge.calls.map((c) => c.lastEventId)).toEqual([undefined, 3]);
    expect(session.state.messages.at(-1)).toMatchObject({
      status: 'done',
      text: '已为您生成退款工单，工单号GD2611240001。',
      ticket,
    });
    expect(session.state.messages.at(-1)!.clarification).toBeUndefined();
  });

  it('restores both from the history, and answers a restored question', async () => {
    const storage = memoryStore();
    storage.set('xiaoer:test:conversation', 'c_1');
    const { edge, session } = setup({ storage });
    edge.history = {
      conversationId: 'c_1',
      messages: [
        { id: 'm1', role: 'customer', text: '帮我生成工单', createdAt: '' },
        { id: 'r1', role: 'assistant', text: '已生成', createdAt: '', ticket },
        { id: 'm2', role: 'customer', text: 'Buds Pro 还有货吗', createdAt: '' },
        { id: 'r2', role: 'assistant', text: question, createdAt: '', clarification: { question, choices } },
      ],
    };
    await session.restore();
    expect(session.state.messages[1]).toEqual({
      id: 'a_m1',
      role: 'assistant',
      text: '已生成',
      status: 'done',
      replyTo: 'm1',
      replyId: 'r1',
      ticket,
    });
    expect(session.state.messages[3]).toMatchObject({ id: 'a_m2', clarification: { question, choices } });
    expect(session.state.messages[3]!.ticket).toBeUndefined();
    expect(session.choose('a_m1', 'BUD-PRO-BK')).toEqual({ ok: false, error: 'stale' });
    expect(session.choose('a_m2', 'BUD-PRO-BK').ok).toBe(true);
    await settle();
    expect(edge.calls.map((c) => [c.request.conversationId, c.request.message.text])).toEqual([
      ['c_1', 'Buds Pro 降噪耳机 黑色'],
    ]);
  });
});
