import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import type { ChatEvent } from '@xiaoer/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKnowledgeDir } from '../adapters/kb/read-knowledge-dir.ts';
import { createFailoverLlm } from '../adapters/llm/failover-llm.ts';
import { createOpenAiCompatibleLlm } from '../adapters/llm/openai-compatible-llm.ts';
import { createDemoOrderLookup } from '../adapters/orders/demo-orders.ts';
import { createDemoTicketSink } from '../adapters/tickets/demo-ticket-sink.ts';
import { platformTimer } from '../adapters/timer/platform-timer.ts';
import type { Llm } from '../ports/llm.ts';
import { answerTurn } from './answer-turn.ts';
import { createLexicalRetriever } from './create-lexical-retriever.ts';
import { loadProductCatalog } from './load-product-catalog.ts';
import { DEFAULT_MODEL_SETTINGS } from './model-settings.ts';
import { parseKnowledgeSources } from './parse-knowledge-sources.ts';
import { DEFAULT_SHOP_PROFILE } from './shop-profile.ts';
import type { TurnDeps, TurnOutcome } from './turn-types.ts';

let base: Omit<TurnDeps, 'llm'>;
let good: FakeOpenAiServer;
let bad: FakeOpenAiServer;

beforeAll(async () => {
  const files = await readKnowledgeDir(resolve(import.meta.dirname, '../../../examples/lizi-shop'));
  base = {
    retriever: createLexicalRetriever(parseKnowledgeSources(files)),
    catalog: loadProductCatalog(files),
    profile: DEFAULT_SHOP_PROFILE,
    settings: DEFAULT_MODEL_SETTINGS,
    clock: Date,
    timer: platformTimer,
    // Generous against a loaded test machine; the slow-backend tests delay far beyond it.
    firstTokenBudgetMs: 1500,
    minRetrievalScore: 0.12,
  };
  good = await startFakeOpenAiServer({
    reply: () => ({
      reasoning: '资料说16点前付款当天发。',
      content: '根据资料，16:00前付款的订单当天发出。',
    }),
  });
  bad = await startFakeOpenAiServer();
});
afterAll(async () => {
  await good?.close();
  await bad?.close();
});

function llmAt(baseURL: string): Llm {
  return createOpenAiCompatibleLlm({ baseURL, model: 'qwen3-0.6b', timeoutMs: 5000 });
}

async function run(
  text: string,
  llm: Llm | undefined,
  history: (string | { customer: string; assistant?: string })[] = [],
  extra: Partial<TurnDeps> = {},
) {
  const controller = new AbortController();
  const events: ChatEvent[] = [];
  const gen = answerTurn(
    {
      text,
      history: history.map((h) => (typeof h === 'string' ? { customer: h } : h)),
      conversationId: 'c1',
    },
    { ...base, ...(llm ? { llm } : {}), ...extra },
    controller.signal,
  );
  const t0 = Date.now();
  let outcome: TurnOutcome;
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      outcome = next.value;
      break;
    }
    events.push(next.value);
  }
  const text_ = events.flatMap((e) => (e.type === 'text-delta' ? [e.data.delta] : [])).join('');
  return { events, outcome, text: text_, ms: Date.now() - t0, types: events.map((e) => e.type) };
}

const QUESTION = '下单后多久发货';

describe('answerTurn with a working model', () => {
  it('applies the reply rules to the streamed answer and records the turn', async () => {
    good.set({ fault: undefined, firstTokenDelayMs: 0 });
    const r = await run(QUESTION, llmAt(good.baseURL));
    expect(r.text).toBe(`16:00前付款的订单当天发出。\n${DEFAULT_SHOP_PROFILE.closingLine}`);
    expect(r.outcome).toMatchObject({
      mode: 'model',
      finishReason: 'stop',
      reasoning: '\n资料说16点前付款当天发。\n',
    });
    expect(r.outcome.timings.firstTokenMs).toBeGreaterThanOrEqual(0);
    expect(r.outcome.analysis).toMatchObject({ intent: 'shipping', route: 'answer', hedges: 0 });
    expect(r.outcome.usage?.completionTokens).toBeGreaterThan(0);
  });

  it('hands over instead of answering when the reasoning hedges and retrieval is weak', async () => {
    good.set({
      reply: () => ({ reasoning: '资料里没有提到，可能是七天，不确定。', content: '应该可以退的。' }),
    });
    const r = await run('定制刻字的杯子能七天无理由吗', llmAt(good.baseURL));
    good.set({
      reply: () => ({
        reasoning: '资料说16点前付款当天发。',
        content: '根据资料，16:00前付款的订单当天发出。',
      }),
    });
    expect(r.text).toBe(DEFAULT_SHOP_PROFILE.lowConfidenceMessage);
    expect(r.text).not.toContain('应该');
    expect(r.events.at(-2)).toEqual({
      type: 'handoff-request',
      data: { reason: 'low_confidence', message: DEFAULT_SHOP_PROFILE.lowConfidenceMessage },
    });
    expect(r.outcome.analysis?.degraded).toBe('low-confidence');
  });

  it('asks which product when several fit and they differ, without calling the model', async () => {
    const before = good.requests.length;
    const r = await run('Buds Pro 还有货吗', llmAt(good.baseURL));
    expect(r.types).toEqual(['text-delta', 'clarification-request', 'message-end']);
    const ask = r.events[1] as Extract<ChatEvent, { type: 'clarification-request' }>;
    expect(ask.data.choices.map((c) => c.sku)).toEqual(['BUD-PRO-BK', 'BUD-PRO-WH']);
    expect(good.requests.length).toBe(before);
  });

  it('hands over at once on an explicit request, with no model call', async () => {
    const before = good.requests.length;
    const r = await run('转人工', llmAt(good.baseURL));
    expect(r.types).toEqual(['handoff-request', 'message-end']);
    expect(good.requests.length).toBe(before);
  });
});

describe('answerTurn without a model', () => {
  it('gives after-sales answers ticket guidance and the closing line once', async () => {
    const r = await run('玻璃杯寄到就碎了怎么办', undefined);
    expect(r.outcome.mode).toBe('retrieval');
    expect(r.text).toMatch(/工单|申请售后/);
    expect(r.text.split(DEFAULT_SHOP_PROFILE.closingLine).length).toBe(2);
  });
});

describe('answerTurn degraded paths', () => {
  it('connection refused: answers from retrieval', async () => {
    const r = await run(QUESTION, llmAt('http://127.0.0.1:9/v1'));
    expect(r.outcome).toMatchObject({ mode: 'retrieval', finishReason: 'stop' });
    expect(r.outcome.analysis?.degraded).toBe('upstream-error');
    expect(r.text).toContain('16:00');
    expect(r.types.at(-1)).toBe('message-end');
  });

  it('HTTP 500: answers from retrieval', async () => {
    bad.set({ fault: 'http-500' });
    const r = await run(QUESTION, llmAt(bad.baseURL));
    expect(r.outcome.mode).toBe('retrieval');
    expect(r.text).toContain('16:00');
  });

  it('slow first token: the budget gives the retrieval answer in time and cancels the model request', async () => {
    bad.set({ fault: undefined, firstTokenDelayMs: 6000 });
    const before = bad.requests.length;
    const r = await run(QUESTION, llmAt(bad.baseURL));
    // Well before the model's first token at 6 s (the budget is 1.5 s); a loaded machine still fits.
    expect(r.ms).toBeLessThan(5500);
    expect(r.outcome.mode).toBe('retrieval');
    expect(r.outcome.analysis?.degraded).toBe('first-token-budget');
    await bad.requests[before]!.closed;
    expect(bad.requests[before]!.aborted).toBe(true);
    bad.set({ firstTokenDelayMs: 0 });
  });

  it('long reasoning: the budget counts from the request, not from the latest reasoning chunk', async () => {
    // Every reasoning chunk arrives within 40 ms, but the first answer token only after about a second.
    bad.set({ fault: undefined, tokenDelayMs: 40 });
    const before = bad.requests.length;
    const r = await run(QUESTION, llmAt(bad.baseURL), [], { firstTokenBudgetMs: 300 });
    bad.set({ tokenDelayMs: 0 });
    expect(r.outcome.analysis?.degraded).toBe('first-token-budget');
    // The budget fired before the first answer token (it can fire only then), though reasoning never paused 300 ms.
    expect(r.outcome.mode).toBe('retrieval');
    await bad.requests[before]!.closed;
    expect(bad.requests[before]!.aborted).toBe(true);
  });

  it('a customer who leaves before the first token ends the turn as aborted, not as a missed budget', async () => {
    bad.set({ fault: undefined, firstTokenDelayMs: 6000 });
    const before = bad.requests.length;
    const controller = new AbortController();
    const gen = answerTurn(
      { text: QUESTION, history: [], conversationId: 'c1' },
      { ...base, llm: llmAt(bad.baseURL) },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 200);
    const events: ChatEvent[] = [];
    let step = await gen.next();
    while (!step.done) {
      events.push(step.value);
      step = await gen.next();
    }
    bad.set({ firstTokenDelayMs: 0 });
    expect(step.value.finishReason).toBe('aborted');
    expect(step.value.analysis?.degraded).toBeUndefined();
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([]);
    await bad.requests[before]!.closed;
    expect(bad.requests[before]!.aborted).toBe(true);
  });

  it('hanging backend: ends with a clear message, never hangs', async () => {
    bad.set({ fault: 'hang' });
    const r = await run(QUESTION, llmAt(bad.baseURL));
    expect(r.outcome.mode).toBe('retrieval');
    expect(r.types.at(-1)).toBe('message-end');
  });

  it('uncovered question while the model is down: a handoff saying so', async () => {
    bad.set({ fault: 'http-500' });
    const r = await run('你们老板叫什么名字，公司在哪个区注册的', llmAt(bad.baseURL));
    expect(r.outcome.handoff).toEqual({
      reason: 'upstream_unavailable',
      message: DEFAULT_SHOP_PROFILE.degradedMessage,
    });
  });

  it('cut mid-answer: an error event after the text already shown, then message-end', async () => {
    // Tokens spaced out, as a real server sends them: a socket cut right after a burst can drop the burst too.
    bad.set({
      tokenDelayMs: 5,
      fault: 'cut-after:12',
      reply: () => ({ reasoning: '好', content: '16:00前付款的订单当天发出，之后付款的第二天发出。' }),
    });
    const r = await run(QUESTION, llmAt(bad.baseURL));
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.types.slice(-2)).toEqual(['error', 'message-end']);
    expect(r.outcome.finishReason).toBe('error');
  });

  it('error frame mid-answer (vLLM style): error event after the text shown', async () => {
    bad.set({ fault: 'error-after:12', tokenDelayMs: 5 });
    const r = await run(QUESTION, llmAt(bad.baseURL));
    expect(r.types.slice(-2)).toEqual(['error', 'message-end']);
    bad.set({ tokenDelayMs: 0 });
  });

  it('cut during the reasoning: nothing was shown, so the retrieval answer is given', async () => {
    bad.set({ fault: 'cut-after:2', tokenDelayMs: 0 });
    const r = await run(QUESTION, llmAt(bad.baseURL));
    expect(r.outcome.mode).toBe('retrieval');
    expect(r.types).not.toContain('error');
  });
});

describe('failover across backends', () => {
  it('moves to the next backend before the first answer token, and the breaker stops calling a dead one', async () => {
    bad.set({ fault: 'http-500', firstTokenDelayMs: 0 });
    let now = 1_000_000;
    const llm = createFailoverLlm(
      [
        { name: 'bad', llm: llmAt(bad.baseURL) },
        { name: 'good', llm: llmAt(good.baseURL) },
      ],
      { clock: { now: () => now }, timer: platformTimer, failureThreshold: 2, cooldownMs: 30_000 },
    );
    const badBefore = bad.requests.length;
    for (let i = 0; i < 3; i++) {
      const r = await run(QUESTION, llm);
      expect(r.outcome.mode).toBe('model');
      expect(r.text).toContain('16:00前付款');
    }
    expect(bad.requests.length - badBefore).toBe(2);
    expect(llm.health()[0]).toMatchObject({ name: 'bad', circuit: 'open', consecutiveFailures: 2 });

    // After the cool-down one trial goes through; the backend recovered, so the circuit closes.
    bad.set({ fault: undefined });
    now += 30_000;
    const r = await run(QUESTION, llm);
    expect(r.outcome.mode).toBe('model');
    expect(bad.requests.length - badBefore).toBe(3);
    expect(llm.health()[0]).toMatchObject({ circuit: 'closed', consecutiveFailures: 0 });
  });

  it('gives up on a backend that sends nothing and uses the next one', async () => {
    bad.set({ fault: 'hang' });
    const llm = createFailoverLlm(
      [
        { name: 'bad', llm: llmAt(bad.baseURL) },
        { name: 'good', llm: llmAt(good.baseURL) },
      ],
      { clock: Date, timer: platformTimer, firstChunkTimeoutMs: 150 },
    );
    const r = await run(QUESTION, llm);
    expect(r.outcome.mode).toBe('model');
    expect(llm.health()[0]!.lastError).toMatch(/sent nothing within 150 ms/);
  });

  it('all backends open: fails fast, the customer still gets the retrieval answer', async () => {
    bad.set({ fault: 'http-500' });
    const llm = createFailoverLlm([{ name: 'bad', llm: llmAt(bad.baseURL) }], {
      clock: Date,
      timer: platformTimer,
      failureThreshold: 1,
    });
    await run(QUESTION, llm);
    const before = bad.requests.length;
    const r = await run(QUESTION, llm);
    expect(bad.requests.length).toBe(before);
    expect(r.outcome.mode).toBe('retrieval');
  });
});

describe('orders and tickets', () => {
  const now = Date.parse('2026-11-24T16:00:00+08:00');
  const orders = () =>
    createDemoOrderLookup(
      readFileSync(resolve(import.meta.dirname, '../../../examples/lizi-shop/demo-orders.json'), 'utf8'),
    );
  const offered = `碎了可以申请售后。\n${DEFAULT_SHOP_PROFILE.closingLine}`;

  it("states the proved order's state and time rule as facts", async () => {
    const r = await run('订单2026112408426617还能取消吗', undefined, [], {
      orders: orders(),
      clock: { now: () => now },
    });
    expect(r.text).toContain('您的订单已打包，已超过2小时自助取消时限');
    expect(r.outcome.analysis).toMatchObject({ orderId: '2026112408426617', intent: 'order_change' });
  });

  it("never shows an order when the phone tail given is someone else's", async () => {
    const r = await run('订单2026112408426617，手机尾号3821，还能取消吗', undefined, [], {
      orders: orders(),
      clock: { now: () => now },
    });
    expect(r.text).toContain('没有找到与您提供的信息相符的订单');
    expect(r.text).not.toContain('订单2026112408426617：');
    expect(r.text).not.toContain('您的订单已打包');
    expect(r.outcome.analysis?.orderId).toBeUndefined();
  });

  it('answers without the order, saying so, when the order system is down', async () => {
    const r = await run('订单2026112408426617还能取消吗', undefined, [], {
      orders: {
        find: async () => {
          throw new Error('orders down');
        },
        recent: async () => [],
      },
    });
    expect(r.text).toContain('订单系统暂时查询不到');
    expect(r.types.at(-1)).toBe('message-end');
  });

  it('gives the model the order facts in its prompt', async () => {
    good.set({ fault: undefined });
    await run('订单2026112408426617还能取消吗', llmAt(good.baseURL), [], {
      orders: orders(),
      clock: { now: () => now },
    });
    const system = good.requests.at(-1)!.body.messages![0]!.content as string;
    expect(system).toContain('已超过2小时自助取消时限');
  });

  it('opens a ticket when the customer accepts one for a refund', async () => {
    const tickets = createDemoTicketSink({ now: () => now });
    const r = await run(
      '好的',
      undefined,
      [{ customer: '订单2026112311307728的套装少了一根线', assistant: offered }],
      {
        tickets,
        orders: orders(),
        clock: { now: () => now },
      },
    );
    expect(r.types).toEqual(['text-delta', 'ticket-open', 'message-end']);
    expect(r.events[1]).toEqual({ type: 'ticket-open', data: { ticketId: 'GD2611240001', kind: 'refund' } });
    expect(r.text).toContain('工单号GD2611240001');
    expect(tickets.tickets[0]).toMatchObject({
      orderId: '2026112311307728',
      conversationId: 'c1',
      kind: 'refund',
    });
  });

  it('hands over with a clear message when the ticket system fails', async () => {
    const r = await run('帮我生成工单', undefined, ['杯子碎了要退款'], {
      tickets: {
        create: async () => {
          throw new Error('webhook down');
        },
      },
    });
    expect(r.outcome.handoff?.reason).toBe('upstream_unavailable');
    expect(r.text).toContain('工单暂时没有提交成功');
  });
});
