/** What one benchmark request measured. Times are ms from the moment the request was sent. */
export interface RequestSample {
  ok: boolean;
  /** Why it failed (HTTP status, error event, broken stream, timeout). */
  error?: string;
  /** Time to the first visible answer token (first non-blank content delta / first `text-delta` event). */
  ttftMs?: number;
  /** Time to the end of the stream. */
  e2eMs: number;
  /** Generated tokens (usage.completion_tokens when the server reports it, else streamed deltas). */
  outputTokens: number;
  /** Streamed answer deltas from the first visible one on (reasoning excluded): the base of time per output token. */
  answerTokens: number;
  /** The edge handed the chat to a human without calling the model (no answer token to time). */
  handoff?: boolean;
  /**
   * Whether the answer came from the model (edge target, when it knows the model's text): the edge answers some
   * questions itself (an FAQ quoted as is, a transfer) and those have no direct-to-model counterpart.
   */
  fromModel?: boolean;
}

/** Sends one question and measures it. Never throws: failures are samples with `ok: false`. */
export type LoadTarget = (question: string, signal: AbortSignal) => Promise<RequestSample>;
