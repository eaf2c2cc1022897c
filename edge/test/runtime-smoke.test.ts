import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmoke } from '../scripts/run-smoke.ts';
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
});
