import type { CancelSignal } from './cancel-signal.ts';

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One generation request, already fitted to the context budget by core/build-prompt. */
export interface LlmRequest {
  messages: LlmMessage[];
  temperature: number;
  maxTokens: number;
  /** Qwen3 thinking mode (vLLM `chat_template_kwargs.enable_thinking`). */
  enableThinking: boolean;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens?: number;
}

/** What a model stream yields. Reasoning is kept apart from content so it can never reach the customer. */
export type LlmChunk =
  | { type: 'reasoning'; text: string }
  | { type: 'content'; text: string }
  | { type: 'usage'; usage: LlmUsage }
  | { type: 'finish'; reason: 'stop' | 'length' | 'other' };

/** A streaming chat model. Throws an LlmError (see core/errors) on failure; aborts when `signal` fires. */
export interface Llm {
  /** Name for logs and turn records, e.g. the model id. */
  readonly model: string;
  stream(request: LlmRequest, signal: CancelSignal): AsyncIterable<LlmChunk>;
  /** True when the backend answers and serves the configured model. */
  ready(signal?: CancelSignal): Promise<boolean>;
  /** Per-backend state when this Llm spreads over several backends (failover), for operators. */
  health?(): LlmBackendHealth[];
}

export interface LlmBackendHealth {
  name: string;
  /** `open`: failing, kept out until its cool-down ends; `half-open`: its next request is a trial. */
  circuit: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  /** Last readiness probe; null before the first. */
  ready: boolean | null;
  lastError: string | null;
}
