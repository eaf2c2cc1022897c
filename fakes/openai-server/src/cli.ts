#!/usr/bin/env node
/**
 * TEST DOUBLE launcher: `node fakes/openai-server/src/cli.ts --port 8000 [--first-token-ms 300] [--token-ms 20] [--stream-interval 1] [--models-delay-ms 0]
 * [--model qwen3-0.6b] [--api-key KEY] [--reply "text"] [--reasoning "text"] [--reasoning-key reasoning|reasoning_content|both]`.
 * Used by e2e tests and benchmarks as a stand-in for vLLM.
 */
import { parseArgs } from 'node:util';
import { startFakeOpenAiServer } from './fake-openai-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    host: { type: 'string', default: '127.0.0.1' },
    model: { type: 'string', default: 'qwen3-0.6b' },
    'api-key': { type: 'string' },
    'first-token-ms': { type: 'string', default: '0' },
    'token-ms': { type: 'string', default: '0' },
    'stream-interval': { type: 'string', default: '1' },
    'models-delay-ms': { type: 'string', default: '0' },
    reply: { type: 'string' },
    reasoning: { type: 'string' },
    'reasoning-key': { type: 'string', default: 'reasoning' },
  },
});

const streamInterval = Number(values['stream-interval']);
if (!Number.isInteger(streamInterval) || streamInterval < 1) {
  console.error(
    `--stream-interval must be a whole number of tokens, 1 or more (got ${values['stream-interval']})`,
  );
  process.exit(2);
}
const reply = values.reply;
const server = await startFakeOpenAiServer(
  {
    model: values.model,
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    firstTokenDelayMs: Number(values['first-token-ms']),
    tokenDelayMs: Number(values['token-ms']),
    streamInterval,
    modelsDelayMs: Number(values['models-delay-ms']),
    reasoningKey: values['reasoning-key'] as 'reasoning',
    ...(reply ? { reply: () => ({ content: reply, reasoning: values.reasoning ?? '用户在问问题。' }) } : {}),
  },
  Number(values.port),
  values.host,
);
console.log(`fake OpenAI-compatible server (TEST DOUBLE) listening on ${server.url}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => server.close().then(() => process.exit(0)));
