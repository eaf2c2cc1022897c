import type {
  ChatEvent,
  ChatRequest,
  ConversationHistory,
  ErrorCode,
  FeedbackRequest,
} from '@xiaoer/protocol';

/** One event of a reply stream with its SSE id (the edge numbers them 1, 2, 3... per reply). */
export interface StreamedEvent {
  event: ChatEvent;
  id: number;
}

export interface ChatStreamOptions {
  /** Id of the last event already applied: the edge skips what came before (`Last-Event-ID`). */
  lastEventId?: number;
  signal?: AbortSignal;
  onEvent(event: StreamedEvent): void;
}

/**
 * How the chat session talks to the edge. The browser uses createHttpTransport; tests inject a fake.
 * `chat` resolves when the stream ends, cleanly or cut short; the session decides from the events whether the reply is
 * complete. It rejects with a TransportError when no stream could be opened.
 */
export interface ChatTransport {
  chat(request: ChatRequest, options: ChatStreamOptions): Promise<void>;
  /** The stored conversation, or null when the edge does not know it (404). */
  history(conversationId: string): Promise<ConversationHistory | null>;
  feedback(request: FeedbackRequest): Promise<void>;
}

/**
 * `network`: no answer at all (offline, DNS, CORS, reset); retrying later may work.
 * `http`: the edge answered with an error body and a stable code; retrying the same request will not help unless the
 * status is 429 or 5xx.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly kind: 'network' | 'http';
  readonly status: number;
  readonly code: ErrorCode | undefined;
  /** How long the edge asked us to wait before sending again (its `Retry-After` on a 429), ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: 'network' | 'http',
    message: string,
    status = 0,
    code?: ErrorCode,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Worth sending again later (network down, rate limit, edge or upstream trouble). */
  get retryable(): boolean {
    return this.kind === 'network' || this.status === 429 || this.status >= 500;
  }
}
