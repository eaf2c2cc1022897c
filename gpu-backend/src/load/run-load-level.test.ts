import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiChatTarget } from './openai-chat-target.ts';
import { readQuestions } from './read-questions.ts';
import type { LoadTarget } from './request-sample.ts';
import { type LevelProgress, runLoadLevel } from './run-load-level.ts';
import { percentile, summarizeLevel } from './summarize-level.ts';

describe('runLoadLevel against the fake model server', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({
      firstTokenDelayMs: 40,
      reply: () => ({ reasoning: '想一想', content: '您好，今天16点前付款当天发货。' }),
    });
  });
  afterAll(() => fake.close());
  const target = (apiKey?: string) =>
    createOpenAiChatTarget({
      baseUrl: fake.baseURL,
      model: 'qwen3-0.6b',
      ...(apiKey ? { apiKey } : {}),
      maxTokens: 64,
      thinking: true,
      timeoutMs: 5000,
      systemPrompt: '你是客服。',
    });

  it('streams every question, counts tokens and times the first answer token after the reasoning', async () => {
    fake.set({ fault: undefined });
    const before = fake.requests.length;
    const s = await runLoadLevel({
      target: target(),
      questions: ['问题一', '问题二'],
      concurrency: 3,
      durationMs: 300,
    });
    expect(s.errors).toBe(0);
    expect(s.requests).toBeGreaterThanOrEqual(3);
    expect(fake.requests.length - before).toBe(s.requests);
    const sent = fake.requests.slice(before).map((r) => r.body);
    expect(sent[0]).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_tokens: 64 });
    expect(new Set(sent.map((b) => b.messages?.at(-1)?.content))).toEqual(new Set(['问题一', '问题二']));
    // The fake holds the first token for 40 ms; TTFT can only be later than that.
    expect(s.ttftMs!.p50).toBeGreaterThanOrEqual(40);
    expect(s.e2eMs!.p50).toBeGreaterThanOrEqual(s.ttftMs!.p50);
    expect(s.outputTokensPerS).toBeGreaterThan(0);
  });

  it('counts HTTP errors, error frames and broken streams as errors with their reason', async () => {
    for (const [fault, reason] of [
      ['http-500', 'HTTP 500'],
      ['error-after:2', 'error frame'],
      ['cut-after:2', 'closed the stream early'],
    ] as const) {
      fake.set({ fault });
      const s = await runLoadLevel({
        target: target(),
        questions: ['问'],
        concurrency: 2,
        durationMs: 100,
        errorBackoffMs: 10,
      });
      expect(s.requests).toBeGreaterThan(0);
      expect(s.errorRate).toBe(1);
      expect(s.topErrors[0]!.error).toContain(reason);
    }
    fake.set({ fault: undefined, apiKey: 'k' });
    const unauthorized = await runLoadLevel({
      target: target(),
      questions: ['问'],
      concurrency: 1,
      durationMs: 50,
    });
    expect(unauthorized.topErrors[0]!.error).toContain('HTTP 401');
    const authorized = await runLoadLevel({
      target: target('k'),
      questions: ['问'],
      concurrency: 1,
      durationMs: 50,
    });
    expect(authorized.errors).toBe(0);
    fake.set({ apiKey: undefined });
  });
});

describe('summarizeLevel', () => {
  it('reports progress with the errors of measured replies only, the last report matching the summary', async () => {
    let n = 0;
    const failEveryOther: LoadTarget = async () => {
      await new Promise((r) => setTimeout(r, 5));
      return n++ % 2
        ? { ok: false, error: 'x', e2eMs: 5, outputTokens: 0, answerTokens: 0 }
        : { ok: true, e2eMs: 5, outputTokens: 1, answerTokens: 1 };
    };
    const reports: LevelProgress[] = [];
    const s = await runLoadLevel({
      target: failEveryOther,
      questions: ['问'],
      concurrency: 2,
      durationMs: 100,
      warmupMs: 50,
      errorBackoffMs: 1,
      onProgress: (p) => reports.push(p),
    });
    expect(s.warmup!.errors).toBeGreaterThan(0);
    expect(s.errors).toBeGreaterThan(0);
    expect(reports.at(-1)).toMatchObject({ requests: s.requests, errors: s.errors, inFlight: 0 });
  });

  it('uses nearest-rank percentiles over successful requests only', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    const s = summarizeLevel(10, 2000, [
      { ok: true, ttftMs: 100, e2eMs: 300, outputTokens: 30, answerTokens: 21 },
      { ok: true, ttftMs: 200, e2eMs: 400, outputTokens: 30, answerTokens: 11 },
      { ok: false, error: 'HTTP 503: busy', e2eMs: 5, outputTokens: 0, answerTokens: 0 },
    ]);
    expect(s.errorRate).toBeCloseTo(1 / 3);
    expect(s.ttftMs).toMatchObject({ p50: 100, p95: 200 });
    expect(s.tpotMs).toMatchObject({ p50: 10, p95: 20 });
    expect(s.outputTokensPerS).toBe(30);
    expect(s.topErrors).toEqual([{ error: 'HTTP 503: busy', count: 1 }]);
    // A direct target answers everything with the model: the model TTFT is the TTFT.
    expect(s.modelAnswered).toBe(2);
    expect(s.modelTtftMs).toEqual(s.ttftMs);
  });

  it('times separately the replies the edge passed to the model', () => {
    const s = summarizeLevel(10, 1000, [
      { ok: true, ttftMs: 1000, e2eMs: 2000, outputTokens: 60, answerTokens: 60, fromModel: true },
      { ok: true, ttftMs: 1100, e2eMs: 2100, outputTokens: 60, answerTokens: 60, fromModel: true },
      { ok: true, ttftMs: 3, e2eMs: 4, outputTokens: 1, answerTokens: 1, fromModel: false },
    ]);
    expect(s.modelAnswered).toBe(2);
    expect(s.modelTtftMs).toMatchObject({ p50: 1000, p95: 1100 });
    expect(s.ttftMs).toMatchObject({ p50: 1000 });
    expect(s.ttftMs!.max).toBe(1100);
  });
});

describe('readQuestions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-questions-'));
  it('reads the text field of JSON Lines and plain lines', async () => {
    const f = join(dir, 'q.jsonl');
    writeFileSync(f, '{"id":"a","text":"能开发票吗"}\n\n几点发货\n');
    expect(await readQuestions(f)).toEqual(['能开发票吗', '几点发货']);
  });
  it('names the line of a bad record and rejects an empty file', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text":"好"}\n{"id":"x"}\n');
    await expect(readQuestions(bad)).rejects.toThrow(/bad.jsonl:2 has no "text"/);
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    await expect(readQuestions(empty)).rejects.toThrow(/holds no questions/);
  });
});

describe('runLoadLevel warm-up', () => {
  it('starts customers one after another across the warm-up and measures only replies sent after it', async () => {
    const sentAt: number[] = [];
    const t0 = performance.now();
    const target = async () => {
      sentAt.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 300));
      return { ok: true, ttftMs: 10, e2eMs: 300, outputTokens: 1, answerTokens: 1 };
    };
    const s = await runLoadLevel({
      target,
      questions: ['问'],
      concurrency: 4,
      durationMs: 200,
      warmupMs: 200,
    });
    // Customer i starts i/4 of the way into the warm-up (each reply lasts longer than the warm-up).
    expect(sentAt.slice(0, 4).map((t) => Math.round(t / 50))).toEqual([0, 1, 2, 3]);
    const afterWarmup = sentAt.filter((t) => t >= 200).length;
    expect(s.requests).toBe(afterWarmup);
    expect(s.warmup!.requests).toBe(sentAt.length - afterWarmup);
    expect(s.warmup!.errors).toBe(0);
  });
});
