/**
 * TEST DOUBLE: a fake OpenAI-compatible model server shaped like vLLM serving Qwen3 with `--reasoning-parser qwen3`.
 * Wire format follows shared/reference/vllm-openai-wire.md: `data: <compact json>\n\n` frames, a role chunk first,
 * reasoning deltas, then content (the first content delta is "\n\n"), a finishing `{"content":""}` delta, a usage chunk
 * with `choices: []`, then `data: [DONE]`. Pre-stream errors are JSON with a real status; mid-stream errors are a
 * spaced, ASCII-escaped JSON frame followed by `[DONE]`; a bad API key gets `{"error":"Unauthorized"}`.
 * It serves tests, e2e and benchmarks. Nothing in production imports it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  reasoning?: string;
  content: string;
}

/** What the fake does with the next requests. Every knob can be changed between requests through `server.set()`. */
export interface FakeOptions {
  /** Model name served at /v1/models and required in requests (404 otherwise, as vLLM). */
  model: string;
  /** Bearer token required on /v1 paths when set (401 `{"error":"Unauthorized"}` otherwise). */
  apiKey?: string;
  /** Delay before the first reasoning/content token, ms. */
  firstTokenDelayMs: number;
  /** Delay between tokens, ms. */
  tokenDelayMs: number;
  /**
   * vLLM's `--stream-interval`: tokens per streamed delta after the first, which goes out alone (default 1, one token
   * a delta). A delta that spans the end of the reasoning carries both `reasoning` and `content`, as vLLM's qwen3
   * parser splits it; tokens left when the reply ends go out with the finish.
   */
  streamInterval: number;
  /** Which key carries reasoning: vLLM >= 0.16 `reasoning`, <= 0.11 `reasoning_content`, 0.11-0.15 both. */
  reasoningKey: 'reasoning' | 'reasoning_content' | 'both';
  /** Builds the reply from the request body. */
  reply: (body: ChatBody) => FakeReply;
  /**
   * Injected fault: `http-500` before the stream, `error-after:N` an error frame after N tokens, `cut-after:N` the
   * socket is destroyed after N tokens with no [DONE], `hang` never answers, `unhealthy` /health returns 503.
   */
  fault?: 'http-500' | 'hang' | 'unhealthy' | `error-after:${number}` | `cut-after:${number}`;
  /** Delay before answering `GET /v1/models`, ms (a replica that is slow to answer its readiness check). */
  modelsDelayMs?: number;
  /** Model name accepted by /v1/embeddings (404 otherwise, as vLLM). */
  embeddingModel: string;
  /** Length of the vectors /v1/embeddings returns. */
  embeddingDimensions: number;
}

/**
 * The fake's embedding of a text: character unigrams and bigrams hashed into `dimensions` buckets, L2-normalised.
 * Texts sharing characters get similar vectors, so dense retrieval behaves plausibly in tests; deterministic.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const chars = [...text.normalize('NFKC').toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const add = (gram: string, weight: number) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < gram.length; i++) h = Math.imul(h ^ gram.charCodeAt(i), 0x01000193);
    v[(h >>> 0) % dimensions]! += weight;
  };
  chars.forEach((c, i) => {
    add(c, 0.5);
    if (i + 1 < chars.length) add(c + chars[i + 1], 1);
  });
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

export interface ChatBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  chat_template_kwargs?: { enable_thinking?: boolean };
  max_tokens?: number;
  temperature?: number;
  [key: string]: unknown;
}

/** A request the fake received, for assertions. `aborted` turns true when the client went away mid-stream. */
export interface RecordedRequest {
  path: string;
  body: ChatBody;
  aborted: boolean;
  finished: boolean;
  closed: Promise<void>;
}

const DEFAULT_REPLY: FakeReply = {
  reasoning: '用户在问问题。我需要根据资料回答。',
  content: '您好！这是测试模型的回答。',
};

/** Splits text into token-sized pieces (1-3 characters, like Qwen3's tokenizer on Chinese). */
export function toTokens(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; ) {
    const size = 1 + (i % 3 === 0 ? 1 : 0);
    out.push(chars.slice(i, i + size).join(''));
    i += size;
  }
  return out;
}

function sleep(ms: number) {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/** Python json.dumps style (", " and ": " separators, non-ASCII as \uXXXX), as vLLM's mid-stream error frame. */
function pythonJson(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, ' ')
    .replace(/\[ /g, '[')
    .replace(/ \]/g, ']')
    .replace(/\{ /g, '{')
    .replace(/ \}/g, '}')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface FakeOpenAiServer {
  url: string;
  /** Base URL for an OpenAI client (`${url}/v1`). */
  baseURL: string;
  requests: RecordedRequest[];
  /** The `input` of every /v1/embeddings request, in order. */
  embeddingRequests: string[][];
  set(options: Partial<FakeOptions>): void;
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(
  options: Partial<FakeOptions> = {},
  port = 0,
  host = '127.0.0.1',
): Promise<FakeOpenAiServer> {
  let opts: FakeOptions = {
    model: 'qwen3-0.6b',
    firstTokenDelayMs: 0,
    tokenDelayMs: 0,
    streamInterval: 1,
    reasoningKey: 'reasoning',
    reply: () => DEFAULT_REPLY,
    embeddingModel: 'Qwen/Qwen3-Embedding-0.6B',
    embeddingDimensions: 64,
    ...options,
  };
  const requests: RecordedRequest[] = [];
  const embeddingRequests: string[][] = [];
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) openAiError(res, 500, String(err), 'InternalServerError');
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function json(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** vLLM's error body: `{"error":{"message","type","param","code"}}`, `code` repeating the HTTP status. */
  function openAiError(
    res: ServerResponse,
    status: number,
    message: string,
    type: string,
    param: string | null = null,
  ) {
    json(res, status, { error: { message, type, param, code: status } });
  }

  /** vLLM's answer to a request for a model it does not serve. */
  function modelNotFound(res: ServerResponse, model: unknown) {
    openAiError(res, 404, `The model \`${model}\` does not exist.`, 'NotFoundError', 'model');
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/health' || path === '/ping') {
      res.writeHead(opts.fault === 'unhealthy' ? 503 : 200, { 'content-length': 0 });
      return res.end();
    }
    if (path === '/metrics') {
      const running = requests.filter((r) => !r.finished && !r.aborted).length;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      return res.end(
        `# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name="${opts.model}"} ${running}.0\n` +
          `# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting{model_name="${opts.model}"} 0.0\n` +
          `# TYPE vllm:kv_cache_usage_perc gauge\nvllm:kv_cache_usage_perc{model_name="${opts.model}"} ${Math.min(1, running / 100)}\n`,
      );
    }
    if (path.startsWith('/v1') && opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return json(res, 401, { error: 'Unauthorized' });
    }
    if (path === '/v1/models' && req.method === 'GET') {
      await sleep(opts.modelsDelayMs ?? 0);
      if (res.destroyed) return;
      const created = Math.floor(Date.now() / 1000);
      return json(res, 200, {
        object: 'list',
        data: [
          {
            id: opts.model,
            object: 'model',
            created,
            owned_by: 'vllm',
            root: 'Qwen/Qwen3-0.6B',
            parent: null,
            max_model_len: 4096,
            permission: [],
          },
        ],
      });
    }
    if (path === '/v1/embeddings' && req.method === 'POST') {
      if (opts.fault === 'http-500') return openAiError(res, 500, 'fault', 'InternalServerError');
      let body: { model?: string; input?: unknown };
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return openAiError(res, 400, 'JSON decode error', 'Bad Request', 'body');
      }
      if (body.model !== opts.embeddingModel) {
        return modelNotFound(res, body.model);
      }
      const input = typeof body.input === 'string' ? [body.input] : body.input;
      if (!Array.isArray(input) || input.length === 0 || input.some((t) => typeof t !== 'string')) {
        return openAiError(
          res,
          400,
          'input must be a string or a non-empty list of strings',
          'Bad Request',
          'input',
        );
      }
      embeddingRequests.push(input as string[]);
      const tokens = (input as string[]).reduce((n, t) => n + toTokens(t).length, 0);
      return json(res, 200, {
        id: `embd-${embeddingRequests.length}`,
        object: 'list',
        created: Math.floor(Date.now() / 1000),
        model: opts.embeddingModel,
        data: (input as string[]).map((t, index) => ({
          index,
          object: 'embedding',
          embedding: fakeEmbedding(t, opts.embeddingDimensions),
        })),
        usage: {
          prompt_tokens: tokens,
          total_tokens: tokens,
          completion_tokens: 0,
          prompt_tokens_details: null,
        },
      });
    }
    if (path !== '/v1/chat/completions' || req.method !== 'POST') {
      return openAiError(res, 404, `Not Found: ${path}`, 'NotFoundError');
    }
    let body: ChatBody;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return openAiError(res, 400, '1 validation error:\n  JSON decode error', 'Bad Request', 'body');
    }
    let resolveClosed!: () => void;
    const record: RecordedRequest = {
      path,
      body,
      aborted: false,
      finished: false,
      closed: new Promise((r) => (resolveClosed = r)),
    };
    requests.push(record);
    res.on('close', () => {
      if (!record.finished) record.aborted = true;
      resolveClosed();
    });
    if (body.model !== undefined && body.model !== opts.model) {
      record.finished = true;
      return modelNotFound(res, body.model);
    }
    const fault = opts.fault;
    if (fault === 'http-500') {
      record.finished = true;
      return openAiError(res, 500, 'Internal server error', 'InternalServerError');
    }
    if (fault === 'hang') return; // never answers; the client must give up on its own
    if (!body.stream) return nonStreaming(res, body, record);
    await stream(res, body, record, fault);
  }

  function nonStreaming(res: ServerResponse, body: ChatBody, record: RecordedRequest) {
    const thinking = body.chat_template_kwargs?.enable_thinking !== false;
    const reply = opts.reply(body);
    record.finished = true;
    json(res, 200, {
      id: `chatcmpl-${randomUUID().replace(/-/g, '')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: opts.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: `${thinking ? '\n\n' : ''}${reply.content}`,
            refusal: null,
            reasoning: thinking ? `\n${reply.reasoning ?? ''}\n` : null,
          },
          logprobs: null,
          finish_reason: 'stop',
          stop_reason: null,
        },
      ],
      usage: {
        prompt_tokens: 9,
        total_tokens: 9 + toTokens(reply.content).length,
        completion_tokens: toTokens(reply.content).length,
      },
    });
  }

  async function stream(
    res: ServerResponse,
    body: ChatBody,
    record: RecordedRequest,
    fault: FakeOptions['fault'],
  ) {
    const id = `chatcmpl-${randomUUID().replace(/-/g, '')}`;
    const created = Math.floor(Date.now() / 1000);
    const thinking = body.chat_template_kwargs?.enable_thinking !== false;
    const reply = opts.reply(body);
    const reasoningTokens = thinking ? ['\n', ...toTokens(reply.reasoning ?? ''), '\n'] : [];
    const contentTokens = [...(thinking ? ['\n\n'] : []), ...toTokens(reply.content)];
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : Number.POSITIVE_INFINITY;
    const errorAfter = fault?.startsWith('error-after:') ? Number(fault.split(':')[1]) : -1;
    const cutAfter = fault?.startsWith('cut-after:') ? Number(fault.split(':')[1]) : -1;
    const bothKeys = opts.reasoningKey === 'both';

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    const send = (chunk: unknown) => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    const chunkOf = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: opts.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: null, token_ids: null, ...extra }],
    });
    send({
      id,
      object: 'chat.completion.chunk',
      created,
      model: opts.model,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: '', ...(bothKeys ? { reasoning_content: null } : {}) },
          logprobs: null,
          finish_reason: null,
        },
      ],
      prompt_token_ids: null,
      prompt_text: null,
    });

    const all = [
      ...reasoningTokens.map((t) => ({ t, reasoning: true })),
      ...contentTokens.map((t) => ({ t, reasoning: false })),
    ];
    let sent = 0;
    let finished = false;
    // Tokens decoded but not yet sent: with a stream interval above 1 they go out together, as vLLM's do.
    let pending: { t: string; reasoning: boolean }[] = [];
    const deltaOf = (group: { t: string; reasoning: boolean }[]) => {
      const reasoningText = group
        .filter((g) => g.reasoning)
        .map((g) => g.t)
        .join('');
      const contentText = group
        .filter((g) => !g.reasoning)
        .map((g) => g.t)
        .join('');
      const delta: Record<string, unknown> = {};
      if (reasoningText) {
        if (opts.reasoningKey !== 'reasoning_content') delta.reasoning = reasoningText;
        if (opts.reasoningKey !== 'reasoning') delta.reasoning_content = reasoningText;
      }
      if (contentText || !reasoningText) {
        delta.content = contentText;
        if (bothKeys && !reasoningText) delta.reasoning_content = null;
      }
      return delta;
    };
    const flush = (extra: Record<string, unknown> = {}) => {
      send(chunkOf(deltaOf(pending), extra));
      pending = [];
    };
    // Token n is due at a fixed time from the request (first-token delay + n token delays), as a GPU's decode steps
    // are: a late timer makes that token late, not every token after it.
    const startedAt = performance.now();
    for (const [i, token] of all.entries()) {
      if (res.destroyed) return;
      await sleep(startedAt + opts.firstTokenDelayMs + sent * opts.tokenDelayMs - performance.now());
      if (res.destroyed) return;
      if (sent === errorAfter) {
        if (pending.length) flush();
        res.write(
          `data: ${pythonJson({ error: { message: 'Internal server error', type: 'InternalServerError', param: null, code: 500 } })}\n\n`,
        );
        res.write('data: [DONE]\n\n');
        record.finished = true;
        return res.end();
      }
      if (sent === cutAfter) {
        if (pending.length) flush();
        record.finished = true;
        return res.destroy();
      }
      pending.push(token);
      sent++;
      if (sent >= maxTokens) {
        flush({ finish_reason: 'length', stop_reason: null });
        finished = true;
        break;
      }
      // vLLM's --stream-interval: the first token goes out at once, then every `streamInterval` tokens; what is left
      // when the reply ends goes out with the finish.
      if (sent === 1 || pending.length >= opts.streamInterval) flush();
      else if (i === all.length - 1) {
        flush({ finish_reason: 'stop', stop_reason: null });
        finished = true;
      }
    }
    if (!finished) send(chunkOf({ content: '' }, { finish_reason: 'stop', stop_reason: null }));
    if (body.stream_options?.include_usage) {
      const promptTokens = JSON.stringify(body.messages ?? []).length >> 1;
      send({
        id,
        object: 'chat.completion.chunk',
        created,
        model: opts.model,
        choices: [],
        usage: {
          prompt_tokens: promptTokens,
          total_tokens: promptTokens + sent + 1,
          completion_tokens: sent + 1,
          completion_tokens_details: { reasoning_tokens: reasoningTokens.length },
        },
        system_fingerprint: 'vllm-0.29.0-fake0000',
      });
    }
    res.write('data: [DONE]\n\n');
    record.finished = true;
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    embeddingRequests,
    set(next) {
      opts = { ...opts, ...next };
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
