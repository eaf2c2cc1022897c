import type { ChatEvent, FinishReason } from '@xiaoer/protocol';
import type { CancelSignal } from '../ports/cancel-signal.ts';
import { analyzeTurn } from './analyze-turn.ts';
import { assessConfidence, DEFAULT_CONFIDENCE_RULES } from './assess-confidence.ts';
import { buildPrompt } from './build-prompt.ts';
import { composeClarifyingQuestion, productFacts } from './compose-clarifying-question.ts';
import { createCancelSource } from './create-cancel-source.ts';
import { describeOrder, ORDER_LOOKUP_FAILED_FACT, ORDER_NOT_FOUND_FACT } from './describe-order.ts';
import { detectTicketRequest } from './detect-ticket-request.ts';
import { createReplyFilter } from './enforce-reply-rules.ts';
import { UpstreamStreamError } from './errors.ts';
import { extractOrderProof } from './extract-order-proof.ts';
import { firstTokenBudget } from './first-token-budget.ts';
import { handOver } from './hand-over.ts';
import { isDirectFaqAnswer } from './is-direct-faq-answer.ts';
import { openTicket } from './open-ticket.ts';
import { retrievalReply } from './retrieval-reply.ts';
import { shopReplyRules } from './shop-reply-rules.ts';
import type { TurnDecisions, TurnDeps, TurnInput, TurnOutcome } from './turn-types.ts';

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
  const filter = createReplyFilter(shopReplyRules(profile, analysis.intent));
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
  const budget = firstTokenBudget(deps.timer, budgetMs, request.signal);
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
