#!/usr/bin/env node
/**
 * `pnpm bench load --target <url> [--concurrency 1,10,100] [--duration 60s] [--warmup 5s] [--questions FILE] [--json]`.
 * Target either an OpenAI-compatible server (`http://gpu-1:8000` or `.../v1`: streams /v1/chat/completions) or the
 * edge (`http://host:8787/v1/chat`: streams protocol v1). Prints TTFT, time per output token, end-to-end latency
 * p50/p95/p99, error rate and throughput per concurrency level.
 */
import { parseArgs } from 'node:util';
import { parseConcurrency } from '../cli/parse-concurrency.ts';
import { parseDuration } from '../cli/parse-duration.ts';
import { serverRoot } from '../health/index.ts';
import { BENCH_SYSTEM_PROMPT } from './bench-system-prompt.ts';
import { createEdgeChatTarget } from './edge-chat-target.ts';
import { formatLoadReport } from './format-load-report.ts';
import { createOpenAiChatTarget } from './openai-chat-target.ts';
import { createProgressBar } from './progress-bar.ts';
import { DEFAULT_QUESTIONS, readQuestions } from './read-questions.ts';
import type { LoadTarget } from './request-sample.ts';
import { runLoadLevel } from './run-load-level.ts';
import type { LevelSummary } from './summarize-level.ts';

const USAGE = `usage: pnpm bench load --target <url> [options]
  --target URL        OpenAI-compatible server (http://gpu-1:8000[/v1]) or the edge (http://host:8787/v1/chat)
  --kind KIND         auto (default: /v1/chat is the edge), openai or edge
  --concurrency LIST  concurrent chats per level, comma-separated (default 1,10,100)
  --duration D        time per level, e.g. 30s or 2m (default 60s)
  --warmup D          before each level: customers start one by one, replies not counted (default 5s)
  --questions FILE    JSON Lines with a "text" field, or one question per line (default ../shared/eval/dev.jsonl)
  --model NAME        model name for OpenAI targets (default $LLM_MODEL or qwen3-0.6b)
  --api-key KEY       bearer token for OpenAI targets (default $VLLM_API_KEY or $LLM_API_KEY)
  --max-tokens N      max_tokens for OpenAI targets (default 512, the edge's default)
  --no-thinking       send enable_thinking: false to OpenAI targets
  --timeout D         per-request deadline (default 120s)
  --json              print the results as JSON on stdout`;

interface LoadRun {
  target: string;
  kind: 'openai' | 'edge';
  questions: number;
  levels: LevelSummary[];
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      target: { type: 'string' },
      kind: { type: 'string', default: 'auto' },
      concurrency: { type: 'string', default: '1,10,100' },
      duration: { type: 'string', default: '60s' },
      warmup: { type: 'string', default: '5s' },
      questions: { type: 'string' },
      model: { type: 'string' },
      'api-key': { type: 'string' },
      'max-tokens': { type: 'string', default: '512' },
      thinking: { type: 'boolean', default: true },
      timeout: { type: 'string', default: '120s' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.target) throw new Error('--target is required');
  const target = values.target;
  serverRoot(target); // throws for a URL that is not http:// or https://, whichever kind of target it is
  const kind = values.kind === 'auto' ? (/\/v1\/chat\/?$/.test(target) ? 'edge' : 'openai') : values.kind;
  if (kind !== 'openai' && kind !== 'edge')
    throw new Error(`--kind must be auto, openai or edge (got "${kind}")`);
  const levels = parseConcurrency(values.concurrency);
  const durationMs = parseDuration(values.duration, '--duration');
  const warmupMs = parseDuration(values.warmup, '--warmup', { allowZero: true });
  const timeoutMs = parseDuration(values.timeout, '--timeout');
  const maxTokens = Number(values['max-tokens']);
  if (!Number.isInteger(maxTokens) || maxTokens < 1)
    throw new Error('--max-tokens must be a whole number >= 1');
  const questions = await readQuestions(values.questions ?? DEFAULT_QUESTIONS);
  const apiKey = values['api-key'] || process.env.VLLM_API_KEY || process.env.LLM_API_KEY;
  const send: LoadTarget =
    kind === 'edge'
      ? createEdgeChatTarget({ url: target, timeoutMs, runId: `bench_${Date.now().toString(36)}` })
      : createOpenAiChatTarget({
          baseUrl: target,
          model: values.model || process.env.LLM_MODEL || 'qwen3-0.6b',
          ...(apiKey ? { apiKey } : {}),
          maxTokens,
          thinking: values.thinking,
          timeoutMs,
          systemPrompt: BENCH_SYSTEM_PROMPT,
        });

  const run: LoadRun = { target, kind, questions: questions.length, levels: [] };
  const bar = createProgressBar();
  for (const concurrency of levels) {
    const summary = await runLoadLevel({
      target: send,
      questions,
      concurrency,
      durationMs,
      warmupMs,
      onProgress: (p) => bar.update(p),
    });
    bar.done();
    run.levels.push(summary);
    if (!values.json)
      console.error(`c=${concurrency}: ${summary.requests} requests, ${summary.errors} errors`);
  }
  console.log(
    values.json ? JSON.stringify(run, null, 2) : formatLoadReport(`${target} (${kind})`, run.levels),
  );
  return run.levels.some((l) => l.requests === 0 || l.errors === l.requests) ? 1 : 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--'));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 64;
  }
}
