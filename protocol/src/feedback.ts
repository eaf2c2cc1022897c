import type { ParseResult } from './chat-request.ts';

/** Longest free-text comment accepted with a conversation rating, in characters. */
export const MAX_FEEDBACK_COMMENT_CHARS = 500;

/**
 * Body of `POST /v1/feedback`: thumbs up/down on one assistant reply, or a 1-5 rating of the whole conversation.
 * Sending again for the same reply (or the same conversation rating) replaces the earlier value.
 * @example { "conversationId": "c_m1", "replyId": "r_1", "rating": "up" }
 * @example { "conversationId": "c_m1", "score": 5, "comment": "很快" }
 */
export type FeedbackRequest =
  | { conversationId: string; replyId: string; rating: 'up' | 'down' }
  | { conversationId: string; score: 1 | 2 | 3 | 4 | 5; comment?: string };

/** Response of `POST /v1/feedback`. */
export interface FeedbackResponse {
  ok: true;
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

function isId(v: unknown): v is string {
  return typeof v === 'string' && ID.test(v);
}

/** Validates an already JSON-parsed body of `POST /v1/feedback`. Shared by the edge and the widget. */
export function parseFeedbackRequest(body: unknown): ParseResult<FeedbackRequest> {
  const bad = (message: string): ParseResult<FeedbackRequest> => ({
    ok: false,
    code: 'invalid_request',
    message,
  });
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return bad('The body must be a JSON object.');
  const b = body as Record<string, unknown>;
  if (!isId(b.conversationId))
    return bad('conversationId must be a string of 1-128 characters A-Z a-z 0-9 _ -.');
  if (b.replyId !== undefined || b.rating !== undefined) {
    if (!isId(b.replyId)) return bad('replyId must be the id of an assistant reply.');
    if (b.rating !== 'up' && b.rating !== 'down') return bad('rating must be "up" or "down".');
    return { ok: true, value: { conversationId: b.conversationId, replyId: b.replyId, rating: b.rating } };
  }
  const score = b.score;
  if (score !== 1 && score !== 2 && score !== 3 && score !== 4 && score !== 5)
    return bad('Send either {replyId, rating: "up"|"down"} or {score: 1-5}.');
  const value: FeedbackRequest = { conversationId: b.conversationId, score };
  if (b.comment !== undefined) {
    if (typeof b.comment !== 'string') return bad('comment must be a string.');
    const comment = b.comment.trim();
    if ([...comment].length > MAX_FEEDBACK_COMMENT_CHARS)
      return bad(`comment is longer than ${MAX_FEEDBACK_COMMENT_CHARS} characters.`);
    if (comment) value.comment = comment;
  }
  return { ok: true, value };
}
