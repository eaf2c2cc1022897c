import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BackendReport } from '../health/index.ts';

const CLI = join(import.meta.dirname, 'health-cli.ts');

function runCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const clean = { ...process.env, VLLM_API_KEY: '', LLM_API_KEY: '', LLM_MODEL: '', ...env };
    execFile(process.execPath, [CLI, ...args], { env: clean, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function runJson(args: string[], env: Record<string, string> = {}) {
  const r = await runCli([...args, '--json'], env);
  return { code: r.code, report: JSON.parse(r.stdout) as BackendReport, stderr: r.stderr };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('health CLI against the fake model server', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.set({ fault: undefined, apiKey: undefined, modelsDelayMs: 0, model: 'qwen3-0.6b' });
  });

  it('exits 0 and reports every check when the replica is ready', async () => {
    const { code, report } = await runJson(['--url', fake.baseURL]);
    expect(code).toBe(0);
    expect(report.ready).toBe(true);
    expect(report.live).toMatchObject({ ok: true, status: 200 });
    expect(report.models?.served).toEqual(['qwen3-0.6b']);
    expect(report.completion?.ok).toBe(true);
    expect(report.load).toEqual({ running: 0, waiting: 0, kvCacheUsage: 0 });
    expect(report.failure).toBeNull();
    // The deep probe really reached the model endpoint with a one-token, thinking-off request.
    const probe = fake.requests.at(-1)!.body;
    expect(probe).toMatchObject({
      max_tokens: 1,
      stream: false,
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it('prints a readable summary without --json', async () => {
    const r = await runCli(['--url', fake.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('READY');
    expect(r.stdout).toContain('serves qwen3-0.6b');
  });

  it('exits 1 when /health answers 503 (engine dead)', async () => {
    fake.set({ fault: 'unhealthy' });
    const { code, report } = await runJson(['--url', fake.url]);
    expect(code).toBe(1);
    expect(report.ready).toBe(false);
    expect(report.failure?.kind).toBe('unhealthy');
    expect(report.failure?.message).toMatch(/503/);
  });

  it('exits 1 and names the served models when the model name is wrong', async () => {
    const { code, report } = await runJson(['--url', fake.url, '--model', 'qwen3-8b']);
    expect(code).toBe(1);
    expect(report.failure?.kind).toBe('wrong_model');
    expect(report.failure?.message).toContain('"qwen3-0.6b"');
    expect(report.models?.served).toEqual(['qwen3-0.6b']);
  });

  it('exits 2 with a clear message when the connection is refused', async () => {
    const port = await freePort();
    const r = await runCli(['--url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('refused the connection');
    const { report } = await runJson(['--url', `http://127.0.0.1:${port}`]);
    expect(report.failure?.kind).toBe('refused');
    expect(report.models).toBeNull();
  });

  it('exits 2 when /v1/models is slower than the timeout', async () => {
    // A 1 s timeout leaves a loaded machine room for /health; the CLI must not wait for the 10 s answer.
    fake.set({ modelsDelayMs: 10_000 });
    const started = Date.now();
    const { code, report } = await runJson(['--url', fake.url, '--timeout', '1s', '--no-deep']);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(code).toBe(2);
    expect(report.live.ok).toBe(true);
    expect(report.failure?.kind).toBe('timeout');
    expect(report.failure?.message).toContain('1000 ms');
  });

  it('exits 2 when the deep probe hangs', async () => {
    fake.set({ fault: 'hang' });
    const { code, report } = await runJson(['--url', fake.url, '--timeout', '1s']);
    expect(code).toBe(2);
    expect(report.models?.ok).toBe(true);
    expect(report.completion?.failure?.kind).toBe('timeout');
  });

  it('skips the deep probe with --no-deep and /metrics with --no-metrics', async () => {
    const before = fake.requests.length;
    const { code, report } = await runJson(['--url', fake.url, '--no-deep', '--no-metrics']);
    expect(code).toBe(0);
    expect(report.completion).toBeNull();
    expect(report.load).toBeNull();
    expect(fake.requests.length).toBe(before);
  });

  it('exits 3 on 401 and says the key is missing or wrong; passes with the key', async () => {
    fake.set({ apiKey: 'sk-shop' });
    const missing = await runJson(['--url', fake.url]);
    expect(missing.code).toBe(3);
    expect(missing.report.failure?.kind).toBe('unauthorized');
    expect(missing.report.failure?.message).toContain('missing');
    const wrong = await runJson(['--url', fake.url, '--api-key', 'nope']);
    expect(wrong.code).toBe(3);
    expect(wrong.report.failure?.message).toContain('wrong');
    const fromEnv = await runJson(['--url', fake.url], { VLLM_API_KEY: 'sk-shop' });
    expect(fromEnv.code).toBe(0);
  });

  it('exits 64 with usage on bad arguments', async () => {
    expect((await runCli([])).code).toBe(64);
    const badUrl = await runCli(['--url', 'gpu-1:8000']);
    expect(badUrl.code).toBe(64);
    expect(badUrl.stderr).toContain('http://');
    const badTimeout = await runCli(['--url', fake.url, '--timeout', 'soon']);
    expect(badTimeout.code).toBe(64);
    expect(badTimeout.stderr).toContain('--timeout');
  });
});
