import type { ChatEvent, FinishReason, HandoffReason, Source } from '@xiaoer/protocol';
import type { CancelSignal } from '../ports/cancel-signal.ts';
import type { Clock } from '../ports/clock.ts';
import type { Llm, LlmChunk, LlmUsage } from '../ports/llm.ts';
import type { OrderLookup } from '../ports/order-lookup.ts';
import type { Retriever, ScoredPassage } from '../ports/retriever.ts';
import type { TicketKind, TicketSink } from '../ports/ticket-sink.ts';
import type { Timer } from '../ports/timer.ts';
import { analyzeTurn, type TurnAnalysis } from './analyze-turn.ts';
import { assessConfidence, type ConfidenceRules, DEFAULT_CONFIDENCE_RULES } from './assess-confidence.ts';
import { buildPrompt } from './build-prompt.ts';
import type { Intent } from './classify-intent.ts';
import { composeClarifyingQuestion, productFacts, productSummary } from './compose-clarifying-question.ts';
import { composeRetrievalReply } from './compose-retrieval-reply.ts';
import { createCancelSource } from './create-cancel-source.ts';
import type { TransferWords } from './decide-transfer.ts';
import { describeOrder, ORDER_LOOKUP_FAILED_FACT, ORDER_NOT_FOUND_FACT } from './describe-order.ts';
import { detectTicketRequest } from './detect-ticket-request.ts';
import { createReplyFilter, enforceReplyRules, type ReplyRules } from './enforce-reply-rules.ts';
import { UpstreamStreamError } from './errors.ts';
import type { PolicyTimeRules } from './evaluate-policy-rules.ts';
import { extractOrderProof } from './extract-order-proof.ts';
import { isDirectFaqAnswer } from './is-direct-faq-answer.ts';
import type { ModelSettings } from './model-settings.ts';
import type { ProductCatalog } from './resolve-product.ts';
import type { ShopProfile } from './shop-profile.ts';

export interface TurnDeps {
  retriever: Retriever;
  /** Absent when no model is configured: replies come from retrieval alone. */
  llm?: Llm;
  profile: ShopProfile;
  settings: ModelSettings;
  clock: Clock;
  /** Needed for the first-token budget; without it the budget is not enforced. */
  timer?: Timer;
  /** Time from the model request to its first answer token after which the retrieval answer is given instead. */
  firstTokenBudgetMs?: number;
  transferWords?: TransferWords;
  catalog?: ProductCatalog;
  confidence?: ConfidenceRules;
  /** The shop's orders; without it no order is looked up. */
  orders?: OrderLookup;
  /** Where after-sales tickets go; without it customers are told how to apply themselves. */
  tickets?: TicketSink;
  timeRules?: PolicyTimeRules;
  /** Normalised retrieval score below which the knowledge base is taken not to cover the question. */
  minRetrievalScore: number;
  /** Normalised score from which the best FAQ's answer is sent as is, without a model call. Absent: never. */
  directAnswerScore?: number;
  /** Reports a model failure that was absorbed by falling back (for logs). */
  onDegraded?: (error: unknown) => void;
}

export interface TurnInput {
  text: string;
  /** Earlier turns of the conversation, oldest first. */
  history: { customer: string; assistant?: string }[];
  context?: { pageUrl?: string; sku?: string };
  /** Carried into tickets so the shop can find the conversation. */
  conversationId?: string;
  /** The customer message this turn answers: with conversationId, the ticket's requestId. */
  messageId?: string;
}

/** The decisions of a turn as stored with it (StoredReply.analysis). */
export interface TurnDecisions {
  route: 'answer' | 'transfer';
  transferReason: string | null;
  transferMatched: string | null;
  intent: string;
  sku: string | null;
  productChoices: string[];
  /** The order the customer proved and the facts were taken from. */
  orderId?: string;
  /** The ticket created in this turn. */
  ticketId?: string;
  /** Hedges found in the model's reasoning, when a model ran. */
  hedges?: number;
  /** Length of the model's reasoning in characters. */
  reasoningChars?: number;
  /** Why the model was not used or its answer was replaced (`first-token-budget`, `upstream-error`, `low-confidence`). */
  degraded?: string;
}

/** Everything known about a finished turn, for storage and metrics. */
export interface TurnOutcome {
  text: string;
  reasoning: string;
  sources: Source[];
  handoff?: { reason: HandoffReason; message: string };
  finishReason: FinishReason;
  mode: 'model' | 'retrieval' | 'rule';
  usage?: LlmUsage;
  timings: { retrievalMs: number; firstTokenMs?: number; totalMs: number };
  retrieved: { id: string; score: number }[];
  /** The deterministic decisions taken for this turn (route, intent, SKU). */
  analysis?: TurnDecisions;
}

const DEFAULT_FIRST_TOKEN_BUDGET_MS = 8000;

/**
 * Answers one customer message as a stream of protocol events (everything after `conversation-start`), and returns
 * the turn's outcome. Order of decisions: transfer breakers (no model call) -> a clarifying question when several
 * products fit -> retrieval -> model stream. At the model's first answer token the low-confidence breaker may hand
 * over instead; a model that fails or misses the first-token budget before answering gives way to the retrieval-only
 * reply. Reasoning is collected into the outcome and never yielded; the reply rules filter every answer token.
 */
export async function* answerTurn(
  input: TurnInput,
  deps: TurnDeps,
  signal: CancelSignal,
): AsyncGenerator<ChatEvent, TurnOutcome> {
  const { profile, settings, clock } = deps;
  const started = clock.now();
  const outcome: TurnOutcome = {
    text: '',
    reasoning: '',
    sources: [],
    finishReason: 'stop',
    mode: 'rule',
    timings: { retrievalMs: 0, totalMs: 0 },
    retrieved: [],
  };
  const finish = (reason: FinishReason) => {
    outcome.finishReason = reason;
    if (outcome.analysis && outcome.reasoning) outcome.analysis.reasoningChars = outcome.reasoning.length;
    outcome.timings.totalMs = clock.now() - started;
    return outcome;
  };

  const customerWords = input.history.map((t) => t.customer);
  const analysis = await analyzeTurn(
    {
      text: input.text,
      history: customerWords,
      ...(input.context ? { context: input.context } : {}),
      ...(input.history.at(-1)?.assistant ? { previousReply: input.history.at(-1)!.assistant! } : {}),
    },
    deps,
  );
  const { passages } = analysis;
  const decisions: TurnDecisions = {
    route: analysis.route,
    transferReason: analysis.transferReason,
    transferMatched: analysis.transferMatched,
    intent: analysis.intent,
    sku: analysis.sku,
    productChoices: analysis.productChoices.map((p) => p.sku),
  };
  outcome.analysis = decisions;
  outcome.timings.retrievalMs = clock.now() - started;
  outcome.retrieved = passages.map((p) => ({ id: p.id, score: p.score }));

  if (analysis.route === 'transfer' && analysis.transferReason) {
    // An explicit request (or sustained anger) hands over at once: no model call.
    outcome.handoff = { reason: analysis.transferReason, message: profile.handoffMessage };
    outcome.text = profile.handoffMessage;
    yield { type: 'handoff-request', data: outcome.handoff };
    yield { type: 'message-end', data: { finishReason: 'handoff' } };
    return finish('handoff');
  }

  const ticketKind = deps.tickets ? detectTicketRequest(input.text, input.history) : null;
  const proof = deps.orders ? extractOrderProof(input.text, customerWords) : null;
  let lookupFailed = false;
  const order =
    proof && deps.orders
      ? await deps.orders.find(proof).catch((error: unknown) => {
          // The order system being down must not end the turn: answer without the order and say so.
          lookupFailed = true;
          deps.onDegraded?.(error);
          return null;
        })
      : null;
  if (order) decisions.orderId = order.orderId;

  if (ticketKind && deps.tickets) {
    yield* openTicket(input, ticketKind, order?.orderId, analysis.sku, deps, outcome, decisions);
    return finish('stop');
  }

  const clarify =
    analysis.intent === 'product' ? composeClarifyingQuestion(input.text, analysis.productChoices) : null;
  if (clarify) {
    outcome.text = clarify.question;
    yield { type: 'text-delta', data: { delta: clarify.question } };
    yield { type: 'clarification-request', data: clarify };
    yield { type: 'message-end', data: { finishReason: 'stop' } };
    return finish('stop');
  }

  const relevant = passages.filter((p) => p.score >= deps.minRetrievalScore);
  outcome.sources = relevant.map((p) => ({ id: p.id, title: p.title }));
  if (outcome.sources.length) yield { type: 'sources-available', data: { sources: outcome.sources } };

  const orderFacts = order
    ? describeOrder(order, clock.now(), analysis.intent, deps.catalog, deps.timeRules)
    : lookupFailed
      ? [ORDER_LOOKUP_FAILED_FACT]
      : proof
        ? [ORDER_NOT_FOUND_FACT]
        : [];

  // One FAQ that matches very strongly is the answer itself: no model call (DIRECT_ANSWER_MIN_SCORE).
  const directFaq =
    deps.directAnswerScore !== undefined && isDirectFaqAnswer(passages, deps.directAnswerScore);
  if (!deps.llm || directFaq) {
    yield* retrievalReply(input.text, passages, analysis, deps, outcome, null, orderFacts);
    return finish(outcome.handoff ? 'handoff' : 'stop');
  }

  outcome.mode = 'model';
  const facts = [...orderFacts, ...(analysis.product ? productFacts(analysis.product) : [])];
  if (analysis.intent === 'after_sales')
    facts.push(`这是售后问题，回答里要告诉顾客：${profile.ticketGuidance}`);
  const messages = buildPrompt(
    { question: input.text, passages: relevant, history: input.history, facts },
    profile,
    settings,
  );
  const request = createCancelSource(signal);
  const filter = createReplyFilter(replyRules(profile, analysis.intent));
  const budgetMs = deps.firstTokenBudgetMs ?? DEFAULT_FIRST_TOKEN_BUDGET_MS;
  let answering = false;
  let forwarded = false;
  let finished = false;
  const iterator = deps.llm
    .stream(
      {
        messages,
        temperature: settings.temperature,
        maxTokens: settings.maxTokens,
        enableThinking: settings.enableThinking,
      },
      request.signal,
    )
    [Symbol.asyncIterator]();
  /** The model failed or was too slow before its first answer token: answer from the knowledge base instead. */
  async function* fallBack(reason: 'first-token-budget' | 'upstream-error', error: unknown) {
    request.cancel();
    decisions.degraded = reason;
    deps.onDegraded?.(error);
    yield* retrievalReply(input.text, passages, analysis, deps, outcome, 'upstream_unavailable', orderFacts);
    return finish(outcome.handoff ? 'handoff' : 'stop');
  }
  const budget = firstTokenBudget(deps, budgetMs, request.signal);
  try {
    for (;;) {
      const next = answering ? await iterator.next() : await budget.next(iterator);
      if (next === 'budget') {
        return yield* fallBack('first-token-budget', new Error(`no answer token within ${budgetMs} ms`));
      }
      if (next.done) {
        // A stream that ends without a finish reason was cut (socket closed, no [DONE]): not a complete answer.
        if (!finished) throw new UpstreamStreamError('model stream ended without a finish reason');
        break;
      }
      const chunk = next.value;
      if (chunk.type === 'reasoning') outcome.reasoning += chunk.text;
      else if (chunk.type === 'usage') outcome.usage = chunk.usage;
      else if (chunk.type === 'finish') {
        finished = true;
        outcome.finishReason = chunk.reason === 'length' ? 'length' : 'stop';
      } else {
        if (!answering) {
          answering = true;
          budget.stop();
          outcome.timings.firstTokenMs = clock.now() - started;
          // The boundary between reasoning and answer: nothing has reached the customer yet.
          const verdict = assessConfidence(
            {
              reasoning: outcome.reasoning,
              // A resolved product row or a proved order is ground truth: it covers the question fully.
              topScore: analysis.product || order ? 1 : (passages[0]?.score ?? 0),
              minScore: deps.minRetrievalScore,
              needsKnowledge: analysis.intent !== 'other' || analysis.sku !== null,
            },
            deps.confidence ?? DEFAULT_CONFIDENCE_RULES,
          );
          decisions.hedges = verdict.hedges;
          if (verdict.low) {
            request.cancel();
            await iterator.return?.().catch(() => undefined);
            decisions.degraded = 'low-confidence';
            yield* handOver(outcome, 'low_confidence', profile.lowConfidenceMessage);
            return finish('handoff');
          }
        }
        const delta = filter.push(chunk.text);
        if (!delta) continue;
        forwarded = true;
        outcome.text += delta;
        yield { type: 'text-delta', data: { delta } };
      }
    }
  } catch (error) {
    if (signal.aborted) return finish('aborted');
    if (!answering || !forwarded) return yield* fallBack('upstream-error', error);
    yield {
      type: 'error',
      data: { code: 'upstream_error', message: '回答中断了，请稍后再问一次，或转人工客服。' },
    };
    yield { type: 'message-end', data: { finishReason: 'error' } };
    return finish('error');
  } finally {
    budget.stop();
  }
  if (signal.aborted) return finish('aborted');
  const tail = filter.end();
  outcome.text += tail;
  if (tail) yield { type: 'text-delta', data: { delta: tail } };
  if (outcome.text.includes(profile.transferPhrase)) {
    // The model said the knowledge base does not cover the question: make it a structured handoff.
    outcome.handoff = { reason: 'no_answer', message: profile.handoffMessage };
    yield { type: 'handoff-request', data: outcome.handoff };
    yield { type: 'message-end', data: { finishReason: 'handoff' } };
    return finish('handoff');
  }
  const reason = outcome.finishReason;
  yield { type: 'message-end', data: { finishReason: reason } };
  return finish(reason);
}

/**
 * The first-token budget: one timer for the whole wait before the answer (not one per reasoning chunk), and the
 * next chunk raced against it. `stop()` clears the timer once the answer started or the turn ended.
 */
function firstTokenBudget(deps: TurnDeps, budgetMs: number, signal: CancelSignal) {
  const stop = createCancelSource(signal);
  const expired = deps.timer?.delay(budgetMs, stop.signal).then(() => 'budget' as const);
  return {
    /** The next chunk before the answer has started, or 'budget' when the budget runs out first. */
    async next(iterator: AsyncIterator<LlmChunk>): Promise<IteratorResult<LlmChunk> | 'budget'> {
      const next = iterator.next();
      if (!expired) return next;
      const winner = await Promise.race([next, expired]);
      if (winner !== 'budget') return winner;
      // The timer also ends when the turn is cancelled (the customer left): that is no missed budget, and the
      // cancelled stream ends the turn as aborted.
      if (stop.signal.aborted) return next;
      next.catch(() => undefined);
      return winner;
    },
    stop: () => stop.cancel(),
  };
}

async function* handOver(
  outcome: TurnOutcome,
  reason: HandoffReason,
  message: string,
): AsyncGenerator<ChatEvent, void> {
  outcome.text = message;
  outcome.handoff = { reason, message };
  yield { type: 'text-delta', data: { delta: message } };
  yield { type: 'handoff-request', data: outcome.handoff };
  yield { type: 'message-end', data: { finishReason: 'handoff' } };
}

async function* retrievalReply(
  question: string,
  passages: ScoredPassage[],
  analysis: TurnAnalysis,
  deps: TurnDeps,
  outcome: TurnOutcome,
  /** Set when the model was meant to answer and could not: an uncovered question then says so. */
  degradedReason: 'upstream_unavailable' | null,
  orderFacts: string[],
): AsyncGenerator<ChatEvent, void> {
  outcome.mode = 'retrieval';
  const reply = composeRetrievalReply(question, passages, deps.profile, deps.minRetrievalScore);
  const parts: string[] = [];
  if (reply.kind !== 'small-talk') {
    // The order's state and time rules answer most order questions on their own.
    if (orderFacts.length) parts.push(`${orderFacts.join('。\n')}。`);
    if (reply.kind === 'answer') parts.push(reply.text);
    else if (analysis.product) parts.push(productSummary(analysis.product));
    if (parts.length === 0) {
      if (degradedReason) yield* handOver(outcome, degradedReason, deps.profile.degradedMessage);
      else yield* handOver(outcome, 'no_answer', reply.text);
      return;
    }
  }
  // The same reply rules as model answers: closing line once, no boilerplate, ticket guidance for after-sales.
  const text =
    reply.kind === 'small-talk'
      ? reply.text
      : enforceReplyRules(parts.join('\n'), replyRules(deps.profile, analysis.intent));
  outcome.text = text;
  yield { type: 'text-delta', data: { delta: text } };
  yield { type: 'message-end', data: { finishReason: 'stop' } };
}

/** The shop's reply rules for a turn: ticket guidance only for after-sales questions. */
function replyRules(profile: ShopProfile, intent: Intent): ReplyRules {
  return {
    bannedPhrases: profile.bannedPhrases,
    closingLine: profile.closingLine,
    ...(intent === 'after_sales' ? { ticketGuidance: profile.ticketGuidance } : {}),
  };
}

const TICKET_NAMES: Record<TicketKind, string> = {
  refund: '退款',
  return: '退货',
  exchange: '换货',
  repair: '维修',
  complaint: '投诉',
  other: '售后',
};

async function* openTicket(
  input: TurnInput,
  kind: TicketKind,
  orderId: string | undefined,
  sku: string | null,
  deps: TurnDeps,
  outcome: TurnOutcome,
  decisions: TurnDecisions,
): AsyncGenerator<ChatEvent, void> {
  const summary = [...input.history.slice(-4).map((t) => t.customer), input.text].join('\n');
  try {
    const { ticketId } = await deps.tickets!.create({
      kind,
      ...(input.conversationId ? { conversationId: input.conversationId } : {}),
      ...(input.conversationId && input.messageId
        ? { requestId: `${input.conversationId}/${input.messageId}` }
        : {}),
      ...(orderId ? { orderId } : {}),
      ...(sku ? { sku } : {}),
      summary,
      createdAt: new Date(deps.clock.now()).toISOString(),
    });
    decisions.ticketId = ticketId;
    outcome.text = `已为您生成${TICKET_NAMES[kind]}工单，工单号${ticketId}，售后同事会在24小时内联系您处理。${orderId ? '' : '\n如方便，请补充16位订单号，处理会更快。'}`;
    yield { type: 'text-delta', data: { delta: outcome.text } };
    yield { type: 'ticket-open', data: { ticketId, kind } };
    yield { type: 'message-end', data: { finishReason: 'stop' } };
  } catch (error) {
    deps.onDegraded?.(error);
    decisions.degraded = 'ticket-failed';
    yield* handOver(outcome, 'upstream_unavailable', `工单暂时没有提交成功，${deps.profile.handoffMessage}`);
  }
}
