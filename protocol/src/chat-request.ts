import type { ErrorCode } from './error-codes.ts';

/** Longest customer message the edge accepts, in characters (UTF-16 code units are not used: see countChars). */
export const MAX_MESSAGE_CHARS = 2000;
/** Longest id a client may choose for a message or conversation. */
export const MAX_ID_CHARS = 128;

/**
 * Body of `POST /v1/chat`.
 * `message.id` is chosen by the client and makes the request idempotent: a retry with the same id never creates a
 * second customer message.
 * @example { "message": { "id": "m_1", "text": "几点之前付款当天能发货?" }, "context": { "sku": "CUP-350-BL" } }
 */
export interface ChatRequest {
  conversationId?: string;
  message: { id: string; text: string };
  context?: { pageUrl?: string; sku?: string };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Counts user-perceived characters the way a customer would (a Chinese character or an emoji is one). */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkId(v: unknown, field: string): string | undefined {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_ID_CHARS || !ID_PATTERN.test(v)) {
    return `${field} must be a string of 1-${MAX_ID_CHARS} characters from A-Z a-z 0-9 _ -`;
  }
  return undefined;
}

/**
 * Validates an already JSON-parsed body of `POST /v1/chat`. Shared by the edge (to reject) and the widget (to check
 * before sending), so both agree on the limits.
 */
export function parseChatRequest(body: unknown): ParseResult<ChatRequest> {
  const bad = (code: ErrorCode, message: string): ParseResult<ChatRequest> => ({ ok: false, code, message });
  if (!isRecord(body)) return bad('invalid_request', 'The body must be a JSON object.');
  const { conversationId, message, context } = body;
  if (conversationId !== undefined) {
    const problem = checkId(conversationId, 'conversationId');
    if (problem) return bad('invalid_request', problem);
  }
  if (!isRecord(message))
    return bad('invalid_request', 'message must be an object: {"id": string, "text": string}.');
  const idProblem = checkId(message.id, 'message.id');
  if (idProblem) return bad('invalid_request', idProblem);
  if (message.text === undefined || message.text === null)
    return bad('missing_text', 'message.text is required.');
  if (typeof message.text !== 'string') return bad('invalid_request', 'message.text must be a string.');
  const text = message.text.trim();
  if (text.length === 0) return bad('missing_text', 'message.text is empty.');
  if (countChars(text) > MAX_MESSAGE_CHARS) {
    return bad(
      'text_too_long',
      `message.text is longer than ${MAX_MESSAGE_CHARS} characters; shorten it or split it.`,
    );
  }
  let ctx: ChatRequest['context'];
  if (context !== undefined) {
    if (!isRecord(context)) return bad('invalid_request', 'context must be an object.');
    const { pageUrl, sku } = context;
    if (pageUrl !== undefined && (typeof pageUrl !== 'string' || pageUrl.length > 2048)) {
      return bad('invalid_request', 'context.pageUrl must be a string of at most 2048 characters.');
    }
    if (sku !== undefined && (typeof sku !== 'string' || sku.length > 64)) {
      return bad('invalid_request', 'context.sku must be a string of at most 64 characters.');
    }
    ctx = {};
    if (pageUrl !== undefined) ctx.pageUrl = pageUrl as string;
    if (sku !== undefined) ctx.sku = sku as string;
  }
  const value: ChatRequest = { message: { id: message.id as string, text } };
  if (conversationId !== undefined) value.conversationId = conversationId as string;
  if (ctx) value.context = ctx;
  return { ok: true, value };
}
