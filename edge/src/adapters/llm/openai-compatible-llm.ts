import { checkReadiness } from '@xiaoer/gpu-backend/health';
import OpenAI from 'openai';
import { UpstreamStreamError, UpstreamUnavailableError } from '../../core/errors.ts';
import type { CancelSignal } from '../../ports/cancel-signal.ts';
import type { Llm, LlmChunk, LlmRequest } from '../../ports/llm.ts';

export interface OpenAiCompatibleOptions {
  /** e.g. `http://gpu-1:8000/v1` (vLLM) or `http://localhost:11434/v1` (Ollama). */
  baseURL: string;
  apiKey?: string;
  model: string;
  /** Whole-request timeout, ms. */
  timeoutMs?: number;
  /** Send vLLM's `chat_template_kwargs` (Qwen3 thinking switch). Off for servers that reject unknown fields. */
  sendTemplateKwargs?: boolean;
  /** The transport under the client; the platform's fetch when absent (Node passes node-http-fetch). */
  fetch?: typeof fetch;
}

/** Fields of a streamed delta that vLLM adds beyond the OpenAI schema. */
interface VllmDelta {
  content?: string | null;
  // vLLM >= 0.16 sends `reasoning`; <= 0.15 sent `reasoning_content` (vllm PR #27752 added `reasoning`, #33402 removed
  // the old key). Read both: shared/reference/vllm-openai-wire.md section 1.
  reasoning?: string | null;
  reasoning_content?: string | null;
}

/**
 * Llm adapter over the official `openai` client, for any OpenAI-compatible server. Retries are off: the edge decides
 * where a failed request goes. Errors before the first chunk become UpstreamUnavailableError, later ones
 * UpstreamStreamError.
 */
export function createOpenAiCompatibleLlm(options: OpenAiCompatibleOptions): Llm {
  const client = new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey || 'unused',
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sendKwargs = options.sendTemplateKwargs ?? true;

  return {
    model: options.model,
    async *stream(request: LlmRequest, signal: CancelSignal): AsyncGenerator<LlmChunk> {
      const body = {
        model: options.model,
        messages: request.messages,
        stream: true as const,
        temperature: request.temperature,
        max_tokens: request.maxTokens,
        stream_options: { include_usage: true },
        ...(sendKwargs ? { chat_template_kwargs: { enable_thinking: request.enableThinking } } : {}),
      };
      // A consumer that stops reading early (low confidence, first-token budget) must end the upstream request too.
      const upstream = linkAbort(signal);
      let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
      try {
        stream = await client.chat.completions.create(body, { signal: upstream.signal });
      } catch (error) {
        upstream.unlink();
        throw new UpstreamUnavailableError(
          `model backend ${options.baseURL} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      let complete = false;
      try {
        for await (const chunk of stream) {
          if (chunk.usage) {
            const details = chunk.usage.completion_tokens_details as
              | { reasoning_tokens?: number }
              | undefined;
            yield {
              type: 'usage',
              usage: {
                promptTokens: chunk.usage.prompt_tokens,
                completionTokens: chunk.usage.completion_tokens,
                ...(details?.reasoning_tokens !== undefined
                  ? { reasoningTokens: details.reasoning_tokens }
                  : {}),
              },
            };
          }
          const choice = chunk.choices[0];
          if (!choice) continue;
          const delta = (choice.delta ?? {}) as VllmDelta;
          const reasoning = delta.reasoning ?? delta.reasoning_content;
          if (reasoning) yield { type: 'reasoning', text: reasoning };
          if (delta.content) yield { type: 'content', text: delta.content };
          if (choice.finish_reason) {
            yield {
              type: 'finish',
              reason:
                choice.finish_reason === 'length'
                  ? 'length'
                  : choice.finish_reason === 'stop'
                    ? 'stop'
                    : 'other',
            };
          }
        }
        complete = true;
      } catch (error) {
        if (signal.aborted) throw error;
        throw new UpstreamStreamError(
          `model stream from ${options.baseURL} broke: ${(error as Error).message}`,
          { cause: error },
        );
      } finally {
        upstream.unlink();
        // A consumer that stopped early leaves the response unread: end the request. A complete one needs nothing.
        if (!complete) upstream.abort();
      }
    },
    // The same readiness check as the health CLI and Docker/Kubernetes probes: /v1/models lists the served model. It
    // goes over the chats' transport.
    async ready(signal?: CancelSignal) {
      const probe = signal ? linkAbort(signal) : undefined;
      try {
        const r = await checkReadiness({
          baseUrl: options.baseURL,
          model: options.model,
          ...(options.apiKey ? { apiKey: options.apiKey } : {}),
          ...(probe ? { signal: probe.signal } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        return r.ok;
      } finally {
        probe?.unlink();
      }
    },
  };
}

/**
 * A platform AbortSignal that follows `signal`: the caller's may be core's CancelSignal, which fetch and the health
 * checks do not accept. `abort()` ends it on its own; `unlink()` stops following `signal`.
 */
function linkAbort(signal: CancelSignal) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    abort,
    unlink: () => signal.removeEventListener('abort', abort),
  };
}
