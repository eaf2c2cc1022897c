import {
  type ChatEvent,
  encodeEvent,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  parseChatRequest,
} from '@xiaoer/protocol';
import { Hono } from 'hono';
import { answerTurn } from '../../core/answer-turn.ts';
import type { RateLimiter } from '../../core/create-rate-limiter.ts';
import { ConversationNotFoundError, RateLimitedError } from '../../core/errors.ts';
import { readAhead } from '../../core/read-ahead.ts';
import type { TurnOutcome } from '../../core/turn-types.ts';
import type { StoredReply, StoredTurn } from '../../ports/conversation-store.ts';
import type { AppDeps } from '../app-deps.ts';
import { jsonBodyLimit, readJsonBody } from '../json-body.ts';
import { sseResponse } from '../sse-response.ts';

/** Largest accepted request body. 2,000 Chinese characters are 6 KB of UTF-8; the rest is headroom for context. */
const MAX_BODY_BYTES = 32 * 1024;
/** Turns of history given to the pipeline (the prompt builder trims further to the token budget). */
const HISTORY_TURNS = 8;

/**
 * `POST /v1/chat`: stores the customer message (once per message id), then streams the reply as SSE. A retry of a
 * message whose reply is complete replays the stored events instead of generating again. A customer who disconnects
 * aborts the model request; whatever was said so far is stored with finishReason `aborted`.
 *
 * The message is written while the turn is analysed and the model request is under way: the write is off the path
 * to the first token, yet nothing is sent before it is stored (a failed write is an HTTP error, and the reply is
 * dropped). What acts on the shop's systems (an after-sales ticket) waits for the write too, and is skipped when the
 * message turns out to be the retry of a finished reply.
 *
 * Messages past `deps.rateLimits` (per customer address, per conversation) get 429 `rate_limited` with Retry-After.
 */
export function chatRoute(deps: AppDeps) {
  const { perAddress, perConversation } = deps.rateLimits ?? {};
  return new Hono().post('/v1/chat', jsonBodyLimit(MAX_BODY_BYTES), async (c) => {
    // Limits come before anything is stored or a model is asked: a refused message leaves no trace to clean up.
    if (perAddress) {
      const address = deps.clientAddress?.(c.req.raw, c.env);
      if (address) limit(perAddress, address, 'from this address');
    }
    const request = await readJsonBody(c.req.raw, parseChatRequest);
    const now = new Date(deps.clock.now()).toISOString();
    const store = deps.conversations;
    // Without a conversationId the first message opens a conversation whose id derives from the message id, so a
    // retry of that first message (the client never saw conversation-start) lands in the same conversation.
    const conversationId = request.conversationId ?? `c_${request.message.id}`;
    if (perConversation) limit(perConversation, conversationId, 'in this conversation');
    let history: StoredTurn[] = [];
    if (request.conversationId) {
      const [exists, turns] = await Promise.all([
        store.exists(conversationId),
        store.turns(conversationId, HISTORY_TURNS + 1),
      ]);
      if (!exists) throw new ConversationNotFoundError(conversationId);
      history = turns;
    }
    const message = {
      id: request.message.id,
      text: request.message.text,
      ...(request.context ? { context: request.context } : {}),
      createdAt: now,
    };
    const added = (request.conversationId ? Promise.resolve() : store.ensure(conversationId, now)).then(() =>
      store.addCustomerMessage(conversationId, message),
    );
    /** Resolves when the message is stored and this request generates its reply (not a replay). */
    const generating = added.then(({ turn }) => {
      if (finishedReply(turn)) throw new Error('The message has a finished reply; it is replayed.');
    });
    generating.catch(() => {});

    const earlier = history.filter((t) => t.messageId !== message.id).slice(-HISTORY_TURNS);
    const start = () => startTurn(deps, conversationId, message, earlier, generating);
    // A request with Last-Event-ID resumes a stream and most likely replays a stored reply: it waits for the store
    // rather than open a model request it would cancel.
    let turns = c.req.header('last-event-id') === undefined ? start() : undefined;
    let turn: StoredTurn;
    try {
      ({ turn } = await added);
    } catch (error) {
      turns?.abort();
      throw error;
    }
    const done = finishedReply(turn);
    if (done) turns?.abort();
    else turns ??= start();

    c.header(PROTOCOL_HEADER, PROTOCOL_VERSION);
    return sseResponse(
      c,
      async (write, gone) => {
        gone.addEventListener('abort', () => turns?.abort(), { once: true });
        let seq = 0;
        const send = (event: ChatEvent) => write(encodeEvent(event, ++seq));
        const replyId = done?.id ?? crypto.randomUUID();
        send({
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
            else send(e);
          }
          return;
        }
        if (turns) await streamReply(deps, conversationId, turn, replyId, turns, send);
      },
      deps.onReply,
    );
  });
}

/** Counts a message against `limiter`; past the limit, a 429 that says when to retry. */
function limit(limiter: RateLimiter, key: string, what: string) {
  const retryAfterS = limiter.take(key);
  if (retryAfterS > 0) throw new RateLimitedError(retryAfterS, what);
}

/** The stored reply of a turn when it is complete (a reply cut by a disconnect is generated again). */
function finishedReply(turn: StoredTurn): StoredReply | null {
  return turn.reply && turn.reply.finishReason !== 'aborted' ? turn.reply : null;
}

/** The `Last-Event-ID` request header as a number; 0 when absent or not a positive integer. */
function lastEventId(header: string | undefined): number {
  const n = Number(header);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * Starts answering at once and runs ahead of the reader: the analysis, the model request and the stream proceed
 * while the route still waits for the store. Ticket creation waits for `generating` (the message stored, no finished
 * reply to replay) and fails when it rejects.
 */
function startTurn(
  deps: AppDeps,
  conversationId: string,
  message: { id: string; text: string; context?: StoredTurn['context'] },
  earlier: StoredTurn[],
  generating: Promise<void>,
): {
  next(): Promise<IteratorResult<ChatEvent, TurnOutcome>>;
  /** Cancels the model request: the customer went away, or the answer will not be sent. */
  abort(): void;
} {
  const tickets = deps.tickets;
  const controller = new AbortController();
  const events = readAhead(
    answerTurn(
      {
        text: message.text,
        history: earlier.map((t) => ({
          customer: t.text,
          ...(t.reply?.text ? { assistant: t.reply.text } : {}),
        })),
        ...(message.context ? { context: message.context } : {}),
        conversationId,
        messageId: message.id,
      },
      {
        ...deps,
        ...(tickets ? { tickets: { create: (t) => generating.then(() => tickets.create(t)) } } : {}),
        onDegraded: (err) =>
          console.warn('[xiaoer] model unavailable, answered from retrieval:', (err as Error).message),
      },
      controller.signal,
    ),
  );
  return { next: events.next, abort: () => controller.abort() };
}

async function streamReply(
  deps: AppDeps,
  conversationId: string,
  turn: StoredTurn,
  replyId: string,
  turns: ReturnType<typeof startTurn>,
  send: (e: ChatEvent) => void,
) {
  const events: ChatEvent[] = [];
  const emit = (e: ChatEvent) => {
    events.push(e);
    send(e);
  };
  let outcome: TurnOutcome | undefined;
  try {
    for (;;) {
      const step = await turns.next();
      if (step.done) {
        outcome = step.value;
        break;
      }
      emit(step.value);
    }
  } catch (error) {
    console.error('[xiaoer] turn failed', error);
    emit({
      type: 'error',
      data: { code: 'internal_error', message: '系统出了点问题，请稍后再试，或转人工客服。' },
    });
    emit({ type: 'message-end', data: { finishReason: 'error' } });
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
