import {
  type ChatEvent,
  encodeEvent,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  parseChatRequest,
} from '@xiaoer/protocol';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { answerTurn, type TurnOutcome } from '../../core/answer-turn.ts';
import { ConversationNotFoundError } from '../../core/errors.ts';
import type { StoredReply, StoredTurn } from '../../ports/conversation-store.ts';
import type { AppDeps } from '../app-deps.ts';
import { jsonBodyLimit, readJsonBody } from '../json-body.ts';

/** Largest accepted request body. 2,000 Chinese characters are 6 KB of UTF-8; the rest is headroom for context. */
const MAX_BODY_BYTES = 32 * 1024;
/** Turns of history given to the pipeline (the prompt builder trims further to the token budget). */
const HISTORY_TURNS = 8;

/**
 * `POST /v1/chat`: stores the customer message (once per message id), then streams the reply as SSE. A retry of a
 * message whose reply is complete replays the stored events instead of generating again. A customer who disconnects
 * aborts the model request; whatever was said so far is stored with finishReason `aborted`.
 */
export function chatRoute(deps: AppDeps) {
  return new Hono().post('/v1/chat', jsonBodyLimit(MAX_BODY_BYTES), async (c) => {
    const request = await readJsonBody(c.req.raw, parseChatRequest);
    const now = new Date(deps.clock.now()).toISOString();
    // Without a conversationId the first message opens a conversation whose id derives from the message id, so a
    // retry of that first message (the client never saw conversation-start) lands in the same conversation.
    const conversationId = request.conversationId ?? `c_${request.message.id}`;
    if (request.conversationId) {
      if (!(await deps.conversations.exists(conversationId)))
        throw new ConversationNotFoundError(conversationId);
    } else {
      await deps.conversations.ensure(conversationId, now);
    }
    const history = await deps.conversations.turns(conversationId, HISTORY_TURNS + 1);
    const { turn } = await deps.conversations.addCustomerMessage(conversationId, {
      id: request.message.id,
      text: request.message.text,
      ...(request.context ? { context: request.context } : {}),
      createdAt: now,
    });
    const done = turn.reply && turn.reply.finishReason !== 'aborted' ? turn.reply : null;

    c.header('content-type', 'text/event-stream; charset=utf-8');
    c.header('cache-control', 'no-cache, no-transform');
    c.header('x-accel-buffering', 'no');
    c.header(PROTOCOL_HEADER, PROTOCOL_VERSION);
    return stream(c, async (s) => {
      const controller = new AbortController();
      s.onAbort(() => controller.abort());
      let seq = 0;
      const send = async (event: ChatEvent) => {
        if (!s.aborted) await s.write(encodeEvent(event, ++seq));
      };
      const replyId = done?.id ?? crypto.randomUUID();
      await send({
        type: 'conversation-start',
        data: { conversationId, messageId: turn.messageId, replyId },
      });
      if (done) {
        // Resumption (`Last-Event-ID`): event ids are positions in the reply (conversation-start is 1, the stored
        // events follow from 2), so a finished reply is replayed from the event after the last one the client
        // applied: no text twice, none lost. A reply whose stream was cut before it finished was aborted upstream
        // (a disconnect cancels the model request) and is not stored as finished: it is generated again under a
        // new replyId, which tells the widget to replace its partial text rather than append to it.
        const after = lastEventId(c.req.header('last-event-id'));
        for (const e of done.events) {
          if (seq + 1 <= after) seq++;
          else await send(e);
        }
        return;
      }
      const earlier = history.filter((t) => t.messageId !== turn.messageId).slice(-HISTORY_TURNS);
      await generate(deps, conversationId, turn, earlier, replyId, send, controller.signal);
    });
  });
}

/** The `Last-Event-ID` request header as a number; 0 when absent or not a positive integer. */
function lastEventId(header: string | undefined): number {
  const n = Number(header);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

async function generate(
  deps: AppDeps,
  conversationId: string,
  turn: StoredTurn,
  earlier: StoredTurn[],
  replyId: string,
  send: (e: ChatEvent) => Promise<void>,
  signal: AbortSignal,
) {
  const events: ChatEvent[] = [];
  const emit = async (e: ChatEvent) => {
    events.push(e);
    await send(e);
  };
  const turns = answerTurn(
    {
      text: turn.text,
      history: earlier.map((t) => ({
        customer: t.text,
        ...(t.reply?.text ? { assistant: t.reply.text } : {}),
      })),
      ...(turn.context ? { context: turn.context } : {}),
      conversationId,
    },
    {
      ...deps,
      onDegraded: (err) =>
        console.warn('[xiaoer] model unavailable, answered from retrieval:', (err as Error).message),
    },
    signal,
  );
  let outcome: TurnOutcome | undefined;
  try {
    for (;;) {
      const next = await turns.next();
      if (next.done) {
        outcome = next.value;
        break;
      }
      await emit(next.value);
    }
  } catch (error) {
    console.error('[xiaoer] turn failed', error);
    await emit({
      type: 'error',
      data: { code: 'internal_error', message: '系统出了点问题，请稍后再试，或转人工客服。' },
    });
    await emit({ type: 'message-end', data: { finishReason: 'error' } });
  }
  const reply: StoredReply = {
    id: replyId,
    text: outcome?.text ?? '',
    reasoning: outcome?.reasoning ?? '',
    sources: outcome?.sources ?? [],
    finishReason: outcome?.finishReason ?? 'error',
    mode: outcome?.mode ?? 'rule',
    timings: outcome?.timings ?? { retrievalMs: 0, totalMs: 0 },
    retrieved: outcome?.retrieved ?? [],
    createdAt: new Date(deps.clock.now()).toISOString(),
    events,
  };
  if (outcome?.handoff) reply.handoff = outcome.handoff;
  if (outcome?.usage) reply.usage = outcome.usage;
  if (outcome?.analysis) reply.analysis = outcome.analysis;
  await deps.conversations.saveReply(conversationId, turn.messageId, reply);
}
