import type { ConversationHistory, ConversationMessage } from '@xiaoer/protocol';
import { Hono } from 'hono';
import { ConversationNotFoundError } from '../../core/errors.ts';
import type { AppDeps } from '../app-deps.ts';

/** `GET /v1/conversations/:id`: the history a widget shows after a reload. Reasoning never leaves the edge. */
export function conversationRoutes(deps: AppDeps) {
  return new Hono().get('/v1/conversations/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await deps.conversations.exists(id))) throw new ConversationNotFoundError(id);
    const messages: ConversationMessage[] = [];
    for (const turn of await deps.conversations.turns(id)) {
      messages.push({ id: turn.messageId, role: 'customer', text: turn.text, createdAt: turn.createdAt });
      const r = turn.reply;
      if (!r) continue;
      const m: ConversationMessage = { id: r.id, role: 'assistant', text: r.text, createdAt: r.createdAt };
      if (r.sources.length) m.sources = r.sources;
      if (r.handoff) m.handoff = r.handoff;
      if (r.finishReason === 'aborted') m.interrupted = true;
      for (const e of r.events) {
        if (e.type === 'clarification-request') m.clarification = e.data;
        else if (e.type === 'ticket-open') m.ticket = e.data;
      }
      messages.push(m);
    }
    return c.json({ conversationId: id, messages } satisfies ConversationHistory);
  });
}
