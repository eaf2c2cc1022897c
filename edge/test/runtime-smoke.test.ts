import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { type ChatEvent, createSseParser, decodeChatEvent } from '@xiaoer/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmoke } from '../scripts/run-smoke.ts';
import { readKnowledgeDir } from '../src/adapters/kb/read-knowledge-dir.ts';
import { chatRequest, readEvents, textOf } from './support/read-events.ts';
import { freePort, startProcess } from './support/start-process.ts';

const edgeDir = resolve(import.meta.dirname, '..');
const SECRET = '内部推理不给顾客看';
let fake: FakeOpenAiServer;
const temp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'xiaoer-smoke-'));
  temp.push(d);
  return d;
};

beforeAll(async () => {
  fake = await startFakeOpenAiServer({
    reply: () => ({ reasoning: SECRET, content: '周一至周六16:00前付款当天发出。' }),
  });
});
afterAll(async () => {
  await fake.close();
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

async function startNode(env: Record<string, string>) {
  return startProcess(process.execPath, ['src/runtime/node.ts'], {
    cwd: edgeDir,
    env: { PORT: '0', DATA_DIR: tempDir(), ...env },
    ready: /Xiaoer edge on (http:\/\/\S+?)\/? /,
    timeoutMs: 30_000,
  });
}

/** A conversation as the edge at `base` shows it after a reload: [role, text] per message. */
async function historyAt(base: string, conversationId: string): Promise<string[][]> {
  const res = await fetch(`${base.replace(/\/$/, '')}/v1/conversations/${conversationId}`);
  const history = (await res.json()) as { messages: { role: string; text: string }[] };
  return history.messages.map((m) => [m.role, m.text]);
}

/** What a fresh Node process on `dataDir` shows of a conversation. */
async function storedHistory(dataDir: string, conversationId: string): Promise<string[][]> {
  const edge = await startNode({ DATA_DIR: dataDir });
  try {
    return await historyAt(edge.match[1]!, conversationId);
  } finally {
    await edge.stop();
  }
}

async function startWorker(vars: Record<string, string>) {
  const port = await freePort();
  const args = [
    'exec',
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--persist-to',
    tempDir(),
    '--inspector-port',
    String(await freePort()),
  ];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const p = await startProcess('pnpm', args, {
    cwd: edgeDir,
    env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    ready: /Ready on (http:\/\/\S+)/,
    timeoutMs: 60_000,
  });
  return { ...p, url: `http://127.0.0.1:${port}` };
}

describe('smoke chat on the Node runtime', () => {
  it('answers from the knowledge base with no model configured', async () => {
    const edge = await startNode({});
    try {
      const r = await runSmoke(edge.match[1]!);
      expect(r.answer).toContain('16:00');
      expect(r.handoffReason).toBe('explicit');
      // Ready: the knowledge is loaded and the conversation store's thread answers.
      expect(await (await fetch(`${edge.match[1]!}/readyz`)).json()).toMatchObject({
        ready: true,
        conversations: { ready: true, checked: true },
        mode: 'retrieval-only',
      });
    } finally {
      await edge.stop();
    }
  });

  it('limits messages per customer address, taken from the X-Forwarded-For entry the trusted proxy added', async () => {
    const edge = await startNode({ RATE_LIMIT_ADDRESS_PER_MINUTE: '1', TRUSTED_PROXY_HOPS: '1' });
    let n = 0;
    const from = (forwardedFor: string) =>
      fetch(
        `${edge.match[1]!}/v1/chat`,
        chatRequest(
          { message: { id: `m_limit_${n++}`, text: '几点之前付款当天能发货?' } },
          { 'x-forwarded-for': forwardedFor },
        ),
      );
    try {
      const first = await from('6.6.6.6, 203.0.113.7');
      expect(first.status).toBe(200);
      await readEvents(first);
      // The customer changed what they wrote, not where they are.
      const again = await from('7.7.7.7, 203.0.113.7');
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toBe('60');
      expect(((await again.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      const other = await from('6.6.6.6, 198.51.100.2');
      expect(other.status).toBe(200);
      await readEvents(other);
    } finally {
      await edge.stop();
    }
  });

  it('streams from the model without leaking its reasoning', async () => {
    const edge = await startNode({ LLM_BASE_URL: fake.baseURL });
    try {
      fake.requests.length = 0;
      const r = await runSmoke(edge.match[1]!);
      expect(r.deltas).toBeGreaterThan(3);
      expect(r.answer).not.toContain(SECRET);
      expect(fake.requests).toHaveLength(1); // the explicit handoff made no model call
    } finally {
      await edge.stop();
    }
  });
});

describe('stopping the Node runtime', () => {
  it('on SIGTERM stops listening, lets the open reply finish and stores it, closes the stores and exits 0', async () => {
    const dataDir = tempDir();
    fake.set({ tokenDelayMs: 80 });
    const edge = await startNode({ LLM_BASE_URL: fake.baseURL, DATA_DIR: dataDir });
    const base = edge.match[1]!;
    try {
      const exited = new Promise<number | null>((r) => edge.child.once('exit', (code) => r(code)));
      const res = await fetch(
        `${base}/v1/chat`,
        chatRequest({ message: { id: 'm_stop', text: '几点之前付款当天能发货?' } }),
      );
      const events: ChatEvent[] = [];
      const parser = createSseParser((m) => {
        const e = decodeChatEvent(m);
        if (e) events.push(e);
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let signalled = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
        if (!signalled && events.some((e) => e.type === 'text-delta')) {
          // Mid-answer: the deploy stops this replica.
          signalled = true;
          edge.child.kill('SIGTERM');
          await expect.poll(() => edge.output(), { timeout: 5000 }).toContain('finishing open replies');
          await expect(fetch(`${base}/healthz`)).rejects.toThrow();
        }
      }
      expect(signalled).toBe(true);
      expect(events.at(-1)).toEqual({ type: 'message-end', data: { finishReason: 'stop' } });
      const answer = textOf(events);
      expect(answer).toContain('周一至周六16:00前付款当天发出。');
      expect(await exited).toBe(0);
      expect(edge.output()).toContain('stopped (every reply finished)');

      // The next process on the same data folder has the whole reply.
      expect(await storedHistory(dataDir, 'c_m_stop')).toEqual([
        ['customer', '几点之前付款当天能发货?'],
        ['assistant', answer],
      ]);
    } finally {
      fake.set({ tokenDelayMs: 0 });
      await edge.stop();
    }
  });

  it('cuts a reply still open when the grace period ends, stores it as far as it got, and exits 0', async () => {
    const dataDir = tempDir();
    fake.set({ tokenDelayMs: 400 });
    const edge = await startNode({
      LLM_BASE_URL: fake.baseURL,
      DATA_DIR: dataDir,
      SHUTDOWN_GRACE_SECONDS: '0.5',
    });
    try {
      const exited = new Promise<number | null>((r) => edge.child.once('exit', (code) => r(code)));
      const res = await fetch(
        `${edge.match[1]!}/v1/chat`,
        chatRequest({ message: { id: 'm_cut', text: '几点之前付款当天能发货?' } }),
      );
      const reader = res.body!.getReader();
      await reader.read(); // conversation-start: the reply is under way
      edge.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(edge.output()).toContain('stopped (open replies were cut)');
      // The cut reply was stored before the stores closed (with what had reached the customer: nothing yet).
      expect(await storedHistory(dataDir, 'c_m_cut')).toEqual([
        ['customer', '几点之前付款当天能发货?'],
        ['assistant', ''],
      ]);
    } finally {
      fake.set({ tokenDelayMs: 0 });
      await edge.stop();
    }
  });
});

describe('smoke chat on Cloudflare Workers (wrangler dev)', () => {
  it('answers from the bundled knowledge base, storing conversations in Durable Objects', async () => {
    const worker = await startWorker({});
    try {
      const r = await runSmoke(worker.url);
      expect(r.answer).toContain('16:00');
      expect(r.historyLength).toBe(4);
    } finally {
      await worker.stop();
    }
  });

  it('streams from the model through the openai client inside workerd', async () => {
    const worker = await startWorker({ LLM_BASE_URL: fake.baseURL });
    try {
      fake.requests.length = 0;
      const r = await runSmoke(worker.url);
      expect(r.deltas).toBeGreaterThan(3);
      expect(r.answer).not.toContain(SECRET);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it('stores the reply of a customer who left mid-answer, as far as it got', async () => {
    fake.set({ tokenDelayMs: 150 });
    const worker = await startWorker({ LLM_BASE_URL: fake.baseURL });
    try {
      const res = await fetch(
        `${worker.url}/v1/chat`,
        chatRequest({ message: { id: 'm_left', text: '几点之前付款当天能发货?' } }),
      );
      // The customer closes the tab after the first words of the answer.
      const seen = await readEvents(res, 4);
      expect(seen.at(-1)?.type).toBe('text-delta');
      const history = () => historyAt(worker.url, 'c_m_left');
      await expect.poll(history, { timeout: 20_000, interval: 250 }).toHaveLength(2);
      const [customer, assistant] = await history();
      expect(customer).toEqual(['customer', '几点之前付款当天能发货?']);
      // Stored as far as it got: the start of the answer, not all of it.
      expect(assistant![1]).not.toBe('');
      expect('周一至周六16:00前付款当天发出。'.startsWith(assistant![1]!)).toBe(true);
      expect(assistant![1]).not.toBe('周一至周六16:00前付款当天发出。');
    } finally {
      fake.set({ tokenDelayMs: 0 });
      await worker.stop();
    }
  });
});

async function ask(base: string, text: string): Promise<string> {
  const id = `q${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  return textOf(await readEvents(await fetch(`${base}/v1/chat`, chatRequest({ message: { id, text } }))));
}

describe('nightly knowledge re-sync on Cloudflare Workers (cron trigger)', () => {
  it('refuses a broken export, then switches every answer to a good one', async () => {
    const files = await readKnowledgeDir(resolve(edgeDir, '../examples/lizi-shop'));
    const newFaq =
      'F999,可以用数字人民币付款吗？,支持数字人民币吗,支持的，结算页选数字人民币就行，满减照常参与。,payment\n';
    const good = JSON.stringify(
      files.map((f) => (f.path === 'faq.csv' ? { ...f, text: f.text + newFaq } : f)),
    );
    const broken = JSON.stringify(
      files.map((f) => (f.path === 'faq.csv' ? { ...f, text: `${f.text}F998,"unterminated\n` } : f)),
    );
    let served = broken;
    const exportServer = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(served),
    );
    await new Promise<void>((r) => exportServer.listen(0, '127.0.0.1', r));
    const exportUrl = `http://127.0.0.1:${(exportServer.address() as AddressInfo).port}/kb.json`;
    const worker = await startWorker({ KB_SOURCE_URL: exportUrl, KB_REFRESH_SECONDS: '0' });
    const cron = async () => {
      const res = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=0+19+*+*+*`);
      expect(res.status).toBe(200);
    };
    try {
      const question = '可以用数字人民币付款吗';
      expect(await ask(worker.url, question)).not.toContain('结算页选数字人民币');
      await cron();
      expect(await ask(worker.url, question)).not.toContain('结算页选数字人民币');
      expect(await ask(worker.url, '几点之前付款当天能发货?')).toContain('16:00');
      served = good;
      await cron();
      expect(await ask(worker.url, question)).toContain('结算页选数字人民币');
      expect(await ask(worker.url, '几点之前付款当天能发货?')).toContain('16:00');
    } finally {
      await worker.stop();
      exportServer.close();
    }
  });
});
