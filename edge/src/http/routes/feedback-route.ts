import { type FeedbackResponse, parseFeedbackRequest } from '@xiaoer/protocol';
import { Hono } from 'hono';
import { ConversationNotFoundError, RequestError } from '../../core/errors.ts';
import type { AppDeps } from '../app-deps.ts';
import { jsonBodyLimit, readJsonBody } from '../json-body.ts';

const MAX_BODY_BYTES = 4 * 1024;

/**
 * `POST /v1/feedback`: thumbs up/down on one reply (`{conversationId, replyId, rating}`) or a 1-5 rating of the
 * conversation (`{conversationId, score, comment?}`). Rating the same thing again replaces the earlier value.
 */
export function feedbackRoute(deps: AppDeps) {
  return new Hono().post('/v1/feedback', jsonBodyLimit(MAX_BODY_BYTES), async (c) => {
    const f = await readJsonBody(c.req.raw, parseFeedbackRequest);
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
  });
}
