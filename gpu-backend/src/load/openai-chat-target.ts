import { createSseParser } from '@xiaoer/protocol';
import { serverRoot } from '../health/index.ts';
import { describeError } from './describe-error.ts';
import { postStream } from './post-stream.ts';
import type { LoadTarget, RequestSample } from './request-sample.ts';

export interface OpenAiTargetOptions {
  /** Server root or OpenAI base URL (`http://gpu-1:8000` or `http://gpu-1:8000/v1`). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  maxTokens: number;
  /** Qwen3 thinking switch, sent as vLLM's `chat_template_kwargs` (the edge's default is on). */
  thinking: boolean;
  timeoutMs: number;
  /** System prompt sent with every question: a shop's rules, shared by every chat as in production. */
  systemPrompt: string;
}

/** Streams `POST /v1/chat/completions` the way the edge calls vLLM and times it. */
export function createOpenAiChatTarget(options: OpenAiTargetOptions): LoadTarget {
  const url = new URL(`${serverRoot(options.baseUrl)}/v1/chat/completions`);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  return async (question, outer) => {
    const body = JSON.stringify({
      model: options.model,
      messages: [
        { role: 'system', content: options.systemPrompt },
        { role: 'user', content: question },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: options.maxTokens,
      temperature: 0.3,
      chat_template_kwargs: { enable_thinking: options.thinking },
    });
    const started = performance.now();
    const signal = AbortSignal.any([outer, AbortSignal.timeout(options.timeoutMs)]);
    const sample: RequestSample = { ok: false, e2eMs: 0, outputTokens: 0, answerTokens: 0 };
    let deltas = 0;
    let usageTokens: number | undefined;
    let finished = false;
    let done = false;
    let streamError: string | undefined;
    const parser = createSseParser((m) => {
      if (m.data === '[DONE]') {
        done = true;
        return;
      }
      let chunk: {
        error?: unknown;
        usage?: { completion_tokens?: number };
        choices?: {
          delta?: { content?: string | null; reasoning?: string | null; reasoning_content?: string | null };
          finish_reason?: string | null;
        }[];
      };
      try {
        chunk = JSON.parse(m.data);
      } catch {
        streamError ??= 'a stream frame is not JSON';
        return;
      }
      if (chunk.error) {
        const e = chunk.error as { message?: string } | string;
        streamError ??= `error frame: ${typeof e === 'string' ? e : (e.message ?? 'unknown')}`;
        return;
      }
      if (typeof chunk.usage?.completion_tokens === 'number') usageTokens = chunk.usage.completion_tokens;
      const choice = chunk.choices?.[0];
      if (!choice) return;
      const d = choice.delta ?? {};
      const reasoning = d.reasoning ?? d.reasoning_content;
      if (reasoning || d.content) deltas++;
      if (d.content && sample.ttftMs === undefined && d.content.trim()) {
        sample.ttftMs = performance.now() - started;
      }
      if (d.content && sample.ttftMs !== undefined) sample.answerTokens++;
      if (choice.finish_reason) finished = true;
    });
    try {
      const res = await postStream(url, body, headers, (t) => parser.push(t), signal);
      if (res.status !== 200) {
        sample.error = `HTTP ${res.status}: ${(res.errorBody ?? '').slice(0, 120)}`;
      } else if (streamError) {
        sample.error = streamError;
      } else if (!finished || !done) {
        sample.error = 'the stream ended without finish_reason and [DONE]';
      } else sample.ok = true;
    } catch (error) {
      sample.error =
        signal.aborted && !outer.aborted ? `timeout after ${options.timeoutMs} ms` : describeError(error);
    }
    sample.e2eMs = performance.now() - started;
    sample.outputTokens = usageTokens ?? deltas;
    return sample;
  };
}
