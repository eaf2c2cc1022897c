import type { ChatEvent, FinishReason, HandoffReason, Source } from '@xiaoer/protocol';
import type { CancelSignal } from '../ports/cancel-signal.ts';
import type { Clock } from '../ports/clock.ts';
import type { Llm, LlmUsage } from '../ports/llm.ts';
import type { Retriever, ScoredPassage } from '../ports/retriever.ts';
import { analyzeTurn, type TurnAnalysis } from './analyze-turn.ts';
import { buildPrompt } from './build-prompt.ts';
import { composeRetrievalReply } from './compose-retrieval-reply.ts';
import type { HandoffWords } from './detect-explicit-handoff.ts';
import { isDirectFaqAnswer } from './is-direct-faq-answer.ts';
import type { ModelSettings } from './model-settings.ts';
import type { ShopProfile } from './shop-profile.ts';

export interface TurnDeps {
  retriever: Retriever;
  /** Absent when no model is configured: replies come from retrieval alone. */
  llm?: Llm;
  profile: ShopProfile;
  settings: ModelSettings;
  clock: Clock;
  handoffWords?: HandoffWords;
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
  analysis?: Omit<TurnAnalysis, 'passages'>;
}

/**
 * Answers one customer message as a stream of protocol events (everything after `conversation-start`), and returns
 * the turn's outcome. Order of decisions: explicit request for a human (no retrieval, no model call) -> retrieval ->
 * model stream, or the retrieval-only reply when there is no model or it fails before its first answer token.
 * Reasoning is collected into the outcome and never yielded.
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
  const { passages, ...decisions } = analysis;
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

  const relevant = passages.filter((p) => p.score >= deps.minRetrievalScore);
  outcome.sources = relevant.map((p) => ({ id: p.id, title: p.title }));
  if (outcome.sources.length) yield { type: 'sources-available', data: { sources: outcome.sources } };

  const directFaq =
    deps.directAnswerScore !== undefined && isDirectFaqAnswer(passages, deps.directAnswerScore);
  if (!deps.llm || directFaq) {
    yield* retrievalReply(input.text, passages, deps, outcome);
    return finish(outcome.handoff ? 'handoff' : 'stop');
  }

  outcome.mode = 'model';
  const messages = buildPrompt(
    { question: input.text, passages: relevant, history: input.history },
    profile,
    settings,
  );
  let forwarded = false;
  try {
    const stream = deps.llm.stream(
      {
        messages,
        temperature: settings.temperature,
        maxTokens: settings.maxTokens,
        enableThinking: settings.enableThinking,
      },
      signal,
    );
    for await (const chunk of stream) {
      if (chunk.type === 'reasoning') outcome.reasoning += chunk.text;
      else if (chunk.type === 'usage') outcome.usage = chunk.usage;
      else if (chunk.type === 'finish') outcome.finishReason = chunk.reason === 'length' ? 'length' : 'stop';
      else {
        // Qwen3 opens its answer with "\n\n" after </think>: never start a bubble with blank lines.
        const delta = forwarded ? chunk.text : chunk.text.replace(/^\s+/, '');
        if (!delta) continue;
        if (!forwarded) outcome.timings.firstTokenMs = clock.now() - started;
        forwarded = true;
        outcome.text += delta;
        yield { type: 'text-delta', data: { delta } };
      }
    }
  } catch (error) {
    if (signal.aborted) return finish('aborted');
    if (!forwarded) {
      deps.onDegraded?.(error);
      outcome.mode = 'retrieval';
      yield* retrievalReply(input.text, passages, deps, outcome);
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
  const reason = outcome.finishReason;
  yield { type: 'message-end', data: { finishReason: reason } };
  return finish(reason);
}

async function* retrievalReply(
  question: string,
  passages: ScoredPassage[],
  deps: TurnDeps,
  outcome: TurnOutcome,
): AsyncGenerator<ChatEvent, void> {
  outcome.mode = 'retrieval';
  const reply = composeRetrievalReply(question, passages, deps.profile, deps.minRetrievalScore);
  outcome.text = reply.text;
  yield { type: 'text-delta', data: { delta: reply.text } };
  if (reply.kind === 'not-covered') {
    outcome.handoff = { reason: 'no_answer', message: deps.profile.handoffMessage };
    yield { type: 'handoff-request', data: outcome.handoff };
    yield { type: 'message-end', data: { finishReason: 'handoff' } };
    return;
  }
  yield { type: 'message-end', data: { finishReason: 'stop' } };
}
