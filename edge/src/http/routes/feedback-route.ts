import { type FeedbackResponse, parseFeedbackRequest } from '@xiaoer/protocol';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ConversationNotFoundError, RequestError } from '../../core/errors.ts';
import type { AppDeps } from '../app-deps.ts';

const MAX_BODY_BYTES = 4 * 1024;

/**
 * `POST /v1/feedback`: thumbs up/down on one reply (`{conversationId, replyId, rating}`) or a 1-5 rating of the
 * conversation (`{conversationId, score, comment?}`). Rating the same thing again replaces the earlier value.
 */
export function feedbackRoute(deps: AppDeps) {
  const onTooLarge = () => {
    throw new RequestError('body_too_large', 413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  };
  return new Hono().post(
    '/v1/feedback',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: onTooLarge }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type))
        throw new RequestError(
          'unsupported_content_type',
          415,
          `Send the body as application/json (got "${type || 'none'}").`,
        );
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw new RequestError('malformed_json', 400, 'The body is not valid JSON.');
      }
      const parsed = parseFeedbackRequest(raw);
      if (!parsed.ok) throw new RequestError(parsed.code, 400, parsed.message);
      const f = parsed.value;
      if (!(await deps.conversations.exists(f.conversationId)))
        throw new ConversationNotFoundError(f.conversationId);
      const createdAt = new Date(deps.clock.now()).toISOString();
      const saved = await deps.conversations.saveFeedback(
        f.conversationId,
        'replyId' in f
          ? { replyId: f.replyId, rating: f.rating, createdAt }
          : { score: f.score, ...(f.comment ? { comment: f.comment } : {}), createdAt },
      );
      if (!saved)
        throw new RequestError(
          'not_found',
          404,
          `Reply ${'replyId' in f ? f.replyId : ''} is not part of this conversation.`,
        );
      return c.json({ ok: true } satisfies FeedbackResponse);
    },
  );
}
