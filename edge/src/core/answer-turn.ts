import type { ChatEvent, FinishReason, HandoffReason, Source } from '@xiaoer/protocol';
import type { CancelSignal } from '../ports/cancel-signal.ts';
import type { Clock } from '../ports/clock.ts';
import type { Llm, LlmChunk, LlmUsage } from '../ports/llm.ts';
import type { Retriever, ScoredPassage } from '../ports/retriever.ts';
import type { Timer } from '../ports/timer.ts';
import { analyzeTurn, type TurnAnalysis } from './analyze-turn.ts';
import { assessConfidence, type ConfidenceRules, DEFAULT_CONFIDENCE_RULES } from './assess-confidence.ts';
import { buildPrompt } from './build-prompt.ts';
import { composeClarifyingQuestion, productFacts } from './compose-clarifying-question.ts';
import { composeRetrievalReply } from './compose-retrieval-reply.ts';
import { createCancelSource } from './create-cancel-source.ts';
import type { TransferWords } from './decide-transfer.ts';
import { createReplyFilter } from './enforce-reply-rules.ts';
import { UpstreamStreamError } from './errors.ts';
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
  /** Normalised retrieval score below which the knowledge base is taken not to cover the question. */
  minRetrievalScore: number;
  /** Reports a model failure that was absorbed by falling back (for logs). */
  onDegraded?: (error: unknown) => void;
}

export interface TurnInput {
  text: string;
  /** Earlier turns of the conversation, oldest first. */
  history: { customer: string; assistant?: string }[];
  context?: { pageUrl?: string; sku?: string };
}

/** The decisions of a turn as stored with it (StoredReply.analysis). */
export interface TurnDecisions {
  route: 'answer' | 'transfer';
  transferReason: string | null;
  transferMatched: string | null;
  intent: string;
  sku: string | null;
  productChoices: string[];
  /** Hedges found in the model's reasoning, when a model ran. */
  hedges?: number;
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
    outcome.timings.totalMs = clock.now() - started;
    return outcome;
  };

  const analysis = await analyzeTurn(
    {
      text: input.text,
      history: input.history.map((t) => t.customer),
      ...(input.context ? { context: input.context } : {}),
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

  if (!deps.llm) {
    yield* retrievalReply(input.text, passages, analysis, deps, outcome, null);
    return finish(outcome.handoff ? 'handoff' : 'stop');
  }

  outcome.mode = 'model';
  const facts = analysis.product ? productFacts(analysis.product) : [];
  if (analysis.intent === 'after_sales')
    facts.push(`这是售后问题，回答里要告诉顾客：${profile.ticketGuidance}`);
  const messages = buildPrompt(
    { question: input.text, passages: relevant, history: input.history, facts },
    profile,
    settings,
  );
  const request = createCancelSource(signal);
  const filter = createReplyFilter({
    bannedPhrases: profile.bannedPhrases,
    closingLine: profile.closingLine,
    ...(analysis.intent === 'after_sales' ? { ticketGuidance: profile.ticketGuidance } : {}),
  });
  const budgetMs = deps.firstTokenBudgetMs ?? DEFAULT_FIRST_TOKEN_BUDGET_MS;
  const requested = clock.now();
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
  try {
    for (;;) {
      const next = answering
        ? await iterator.next()
        : await beforeAnswer(iterator, deps, budgetMs - (clock.now() - requested), request.signal);
      if (next === 'budget') {
        request.cancel();
        decisions.degraded = 'first-token-budget';
        deps.onDegraded?.(new Error(`no answer token within ${budgetMs} ms`));
        yield* retrievalReply(input.text, passages, analysis, deps, outcome, 'upstream_unavailable');
        return finish(outcome.handoff ? 'handoff' : 'stop');
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
          outcome.timings.firstTokenMs = clock.now() - started;
          // The boundary between reasoning and answer: nothing has reached the customer yet.
          const verdict = assessConfidence(
            {
              reasoning: outcome.reasoning,
              topScore: passages[0]?.score ?? 0,
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
    if (!answering || !forwarded) {
      request.cancel();
      decisions.degraded = 'upstream-error';
      deps.onDegraded?.(error);
      yield* retrievalReply(input.text, passages, analysis, deps, outcome, 'upstream_unavailable');
      return finish(outcome.handoff ? 'handoff' : 'stop');
    }
    yield {
      type: 'error',
      data: { code: 'upstream_error', message: '回答中断了，请稍后再问一次，或转人工客服。' },
    };
    yield { type: 'message-end', data: { finishReason: 'error' } };
    return finish('error');
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

/** The next chunk before the answer has started, or 'budget' when the first-token budget runs out first. */
async function beforeAnswer(
  iterator: AsyncIterator<LlmChunk>,
  deps: TurnDeps,
  remainingMs: number,
  signal: CancelSignal,
): Promise<IteratorResult<LlmChunk> | 'budget'> {
  const next = iterator.next();
  if (!deps.timer) return next;
  if (remainingMs <= 0) {
    next.catch(() => undefined);
    return 'budget';
  }
  const stop = createCancelSource(signal);
  try {
    const winner = await Promise.race([
      next,
      deps.timer.delay(remainingMs, stop.signal).then(() => 'budget' as const),
    ]);
    if (winner === 'budget') next.catch(() => undefined);
    return winner;
  } finally {
    stop.cancel();
  }
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
): AsyncGenerator<ChatEvent, void> {
  outcome.mode = 'retrieval';
  const reply = composeRetrievalReply(question, passages, deps.profile, deps.minRetrievalScore);
  if (reply.kind === 'not-covered' && !analysis.product) {
    if (degradedReason) yield* handOver(outcome, degradedReason, deps.profile.degradedMessage);
    else yield* handOver(outcome, 'no_answer', reply.text);
    return;
  }
  const text =
    reply.kind === 'not-covered' && analysis.product
      ? `${productFacts(analysis.product).join('\n')}\n${deps.profile.closingLine}`
      : reply.text;
  outcome.text = text;
  yield { type: 'text-delta', data: { delta: text } };
  yield { type: 'message-end', data: { finishReason: 'stop' } };
}
