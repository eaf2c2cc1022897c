import type { ErrorCode } from '@xiaoer/protocol';

/** Base of every error the edge maps to a response (see http/errors.ts). `code` is the stable wire code. */
export class XiaoerError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
    this.name = new.target.name;
  }
}

/** A request the edge will not accept (bad JSON, missing text, ...). */
export class RequestError extends XiaoerError {}

/** Too many messages from one customer address or in one conversation; `retryAfterS` goes out as Retry-After. */
export class RateLimitedError extends XiaoerError {
  readonly retryAfterS: number;
  constructor(retryAfterS: number, what: string) {
    super('rate_limited', 429, `Too many messages ${what}. Retry in ${retryAfterS} s.`);
    this.retryAfterS = retryAfterS;
  }
}

export class ConversationNotFoundError extends XiaoerError {
  constructor(id: string) {
    super(
      'conversation_not_found',
      404,
      `Conversation ${id} does not exist. Start a new one by omitting conversationId.`,
    );
  }
}

/** The model backend could not be reached or refused the request before any output. */
export class UpstreamUnavailableError extends XiaoerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('upstream_error', 502, message, options);
  }
}

/** The model backend failed after the answer had started. */
export class UpstreamStreamError extends XiaoerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('upstream_error', 502, message, options);
  }
}

/** The shop's ticket system did not accept a ticket. */
export class TicketError extends XiaoerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('upstream_error', 502, message, options);
  }
}
