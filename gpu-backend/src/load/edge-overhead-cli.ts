#!/usr/bin/env node
/**
 * `pnpm bench edge-overhead [--concurrency 100,1000] [--duration 20s] [--warmup 5s] [--first-token-ms 200] [--token-ms 20]
 * [--stream-interval 1] [--reply typical|short] [--cpu-prof DIR] [--edge-entry FILE] [--json]`: starts the fake model server (TEST DOUBLE,
 * fixed first-token delay, replies of the chosen shape: bench-reply.ts) and the edge (Node runtime, fresh data dir),
 * measures each level directly against the fake and through the edge, and reports the edge's overhead on TTFT (edge
 * minus direct, over the chats the edge passed to the model) and its peak memory. Loopback only; every child is
 * stopped at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConcurrency } from '../cli/parse-concurrency.ts';
import { parseDuration } from '../cli/parse-duration.ts';
import { checkBackend } from '../health/index.ts';
import { benchReply, REPLY_SHAPES } from './bench-reply.ts';
import { BENCH_SYSTEM_PROMPT } from './bench-system-prompt.ts';
import { createEdgeChatTarget } from './edge-chat-target.ts';
import { edgeNodeFlags } from './edge-node-flags.ts';
import { createOpenAiChatTarget } from './openai-chat-target.ts';
import { createProgressBar } from './progress-bar.ts';
import { readProcessCpuMs } from './read-process-cpu.ts';
import { type ProcessMemory, readProcessMemory } from './read-process-memory.ts';
import { DEFAULT_QUESTIONS, readQuestions } from './read-questions.ts';
import type { LoadTarget } from './request-sample.ts';
import { runLoadLevel } from './run-load-level.ts';
import type { LevelSummary } from './summarize-level.ts';

const root = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    concurrency: { type: 'string', default: '100,1000' },
    duration: { type: 'string', default: '20s' },
    warmup: { type: 'string', default: '5s' },
    'first-token-ms': { type: 'string', default: '200' },
    'token-ms': { type: 'string', default: '20' },
    'stream-interval': { type: 'string', default: '1' },
    reply: { type: 'string', default: 'typical' },
    'fake-port': { type: 'string', default: '9410' },
    'edge-port': { type: 'string', default: '9411' },
    questions: { type: 'string', default: DEFAULT_QUESTIONS },
    'cpu-prof': { type: 'string' },
    'edge-entry': { type: 'string', default: 'edge/src/runtime/node.ts' },
    json: { type: 'boolean', default: false },
  },
});
const levels = parseConcurrency(values.concurrency);
if (!(values.reply in REPLY_SHAPES)) {
  console.error(`--reply must be one of ${Object.keys(REPLY_SHAPES).join(', ')}`);
  process.exit(2);
}
const shape = REPLY_SHAPES[values.reply as keyof typeof REPLY_SHAPES];
const reply = benchReply(shape);
const durationMs = parseDuration(values.duration, '--duration');
const warmupMs = parseDuration(values.warmup, '--warmup', { allowZero: true });
const questions = await readQuestions(values.questions);
const fakeUrl = `http://127.0.0.1:${values['fake-port']}`;
const edgeUrl = `http://127.0.0.1:${values['edge-port']}`;
// The edge runs with the Node flags of its start script: the benchmark measures it as shops run it.
const nodeFlags = edgeNodeFlags(resolve(root, 'edge/package.json'));
const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-bench-edge-'));

/** The last lines each child wrote to stderr: why it stopped, when it stops before it is ready. */
const lastWords = new Map<ChildProcess, string>();

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    lastWords.set(child, `${lastWords.get(child) ?? ''}${d}`.slice(-2000));
    if (!values.json) process.stderr.write(`[${args[0]?.split('/').at(-1)}] ${d}`);
  });
  children.push(child);
  return child;
}

async function stopAll() {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((r) => {
          if (c.exitCode !== null) return r();
          c.once('exit', () => r());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  rmSync(dataDir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => stopAll().then(() => process.exit(130)));

/** Waits until `ready`; a child that exits first (a bad flag, a bad setting) fails at once, with what it said. */
async function waitFor(what: string, child: ChildProcess, ready: () => Promise<boolean>) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(
        `${what} exited (code ${child.exitCode}) before it was ready: ${lastWords.get(child)?.trim()}`,
      );
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become ready within 30 s`);
}

interface OverheadLevel {
  concurrency: number;
  direct: LevelSummary;
  edge: LevelSummary;
  overheadMs: { ttftP50: number; ttftP95: number; ttftP99: number } | null;
  edgeMemory: ProcessMemory | null;
  /** Edge CPU time per chat during the edge run, ms (robust to a busy machine, unlike latencies). */
  edgeCpuMsPerChat: number | null;
  /** 1-minute load average when the level ended: other work on the machine inflates every latency. */
  loadAverage: number;
}

try {
  const fake = start([
    'fakes/openai-server/src/cli.ts',
    '--port',
    values['fake-port'],
    '--first-token-ms',
    values['first-token-ms'],
    '--token-ms',
    values['token-ms'],
    '--stream-interval',
    values['stream-interval'],
    '--reply',
    reply.content,
    '--reasoning',
    reply.reasoning,
  ]);
  await waitFor(
    'the fake model server',
    fake,
    async () => (await checkBackend({ baseUrl: fakeUrl, model: 'qwen3-0.6b', timeoutMs: 1000 })).ready,
  );
  const edge = start(
    [
      ...nodeFlags,
      ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', resolve(values['cpu-prof'])] : []),
      'gpu-backend/src/load/run-edge-for-bench.ts',
    ],
    {
      EDGE_ENTRY: resolve(root, values['edge-entry']),
      PORT: values['edge-port'],
      HOST: '127.0.0.1',
      LLM_BASE_URL: `${fakeUrl}/v1`,
      LLM_MODEL: 'qwen3-0.6b',
      DATA_DIR: dataDir,
      KB_DIR: resolve(root, 'examples/lizi-shop'),
      // The load generator stands in for many customers from one address: the per-address limit would refuse it.
      RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    },
  );
  await waitFor('the edge', edge, async () => (await fetch(`${edgeUrl}/readyz`)).ok);
  const idle = await readProcessMemory(edge.pid!);

  const direct = createOpenAiChatTarget({
    baseUrl: fakeUrl,
    model: 'qwen3-0.6b',
    maxTokens: 512,
    thinking: true,
    timeoutMs: 120_000,
    systemPrompt: BENCH_SYSTEM_PROMPT,
  });
  const viaEdge = createEdgeChatTarget({
    url: `${edgeUrl}/v1/chat`,
    timeoutMs: 120_000,
    runId: `overhead_${Date.now().toString(36)}`,
    modelAnswerStart: reply.content.slice(0, 12),
  });
  const bar = createProgressBar();
  const results: OverheadLevel[] = [];
  for (const concurrency of levels) {
    const level = (target: LoadTarget) =>
      runLoadLevel({ target, questions, concurrency, durationMs, warmupMs, onProgress: bar.update });
    const d = await level(direct);
    bar.done();
    const cpuBefore = await readProcessCpuMs(edge.pid!);
    const e = await level(viaEdge);
    const cpuAfter = await readProcessCpuMs(edge.pid!);
    bar.done();
    const r1 = (x: number) => Math.round(x * 10) / 10;
    results.push({
      concurrency,
      direct: d,
      edge: e,
      overheadMs:
        d.modelTtftMs && e.modelTtftMs
          ? {
              ttftP50: r1(e.modelTtftMs.p50 - d.modelTtftMs.p50),
              ttftP95: r1(e.modelTtftMs.p95 - d.modelTtftMs.p95),
              ttftP99: r1(e.modelTtftMs.p99 - d.modelTtftMs.p99),
            }
          : null,
      edgeMemory: await readProcessMemory(edge.pid!),
      edgeCpuMsPerChat:
        cpuBefore !== null && cpuAfter !== null && e.requests > 0
          ? Math.round(((cpuAfter - cpuBefore) / (e.requests + (e.warmup?.requests ?? 0))) * 100) / 100
          : null,
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    });
  }
  const command = `pnpm bench edge-overhead ${process.argv.slice(2).join(' ')}`.trim();
  if (values.json) {
    console.log(
      JSON.stringify(
        { command, durationMs, edgeNodeFlags: nodeFlags, idleEdgeMemory: idle, levels: results },
        null,
        2,
      ),
    );
  } else {
    const ms = (p: { p50: number; p95: number } | null) => (p ? `${p.p50} / ${p.p95}` : '-');
    console.log(
      [
        `Command: ${command}`,
        `Fake model server: first token after ${values['first-token-ms']} ms, ${values['token-ms']} ms per token, ${values['stream-interval']} token(s) per streamed delta after the first (vLLM --stream-interval), ${values.reply} replies (${shape.reasoningTokens} reasoning + ${shape.answerTokens} answer tokens); ${warmupMs / 1000} s warm-up (customers start one by one, not counted) then ${durationMs / 1000} s measured per run; edge started as its start script does (node ${nodeFlags.join(' ') || 'without flags'}), idle RSS ${idle?.rssMiB} MiB`,
        'Edge TTFT and overhead are over the chats the edge passed to the model (the others have no direct counterpart).',
        '',
        '| concurrent chats | direct TTFT p50 / p95 ms | edge TTFT p50 / p95 ms | overhead p50 / p95 / p99 ms | direct requests (errors) | edge requests (errors), to the model | edge peak RSS MiB | edge CPU ms per chat | load average |',
        '|---|---|---|---|---|---|---|---|---|',
        ...results.map(
          (r) =>
            `| ${r.concurrency} | ${ms(r.direct.modelTtftMs)} | ${ms(r.edge.modelTtftMs)} | ${
              r.overheadMs
                ? `${r.overheadMs.ttftP50} / ${r.overheadMs.ttftP95} / ${r.overheadMs.ttftP99}`
                : '-'
            } | ${r.direct.requests} (${r.direct.errors}) | ${r.edge.requests} (${r.edge.errors}), ${r.edge.modelAnswered} | ${r.edgeMemory?.peakRssMiB ?? '?'} | ${r.edgeCpuMsPerChat ?? '?'} | ${r.loadAverage} |`,
        ),
        ...results.flatMap((r) =>
          [...r.direct.topErrors, ...r.edge.topErrors].map(
            (e) => `- c=${r.concurrency}: ${e.count} x ${e.error}`,
          ),
        ),
      ].join('\n'),
    );
  }
} finally {
  await stopAll();
}
