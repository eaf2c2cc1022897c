import type { ChatEvent } from '@xiaoer/protocol';
import type { ScoredPassage } from '../ports/retriever.ts';
import type { TurnAnalysis } from './analyze-turn.ts';
import { productSummary } from './compose-clarifying-question.ts';
import { composeRetrievalReply } from './compose-retrieval-reply.ts';
import { enforceReplyRules } from './enforce-reply-rules.ts';
import { handOver } from './hand-over.ts';
import { shopReplyRules } from './shop-reply-rules.ts';
import type { TurnDeps, TurnOutcome } from './turn-types.ts';

/**
 * The reply from the knowledge base alone (no model, or a model that failed or missed its first-token budget): order
 * facts, the best passage's answer or the product's summary, under the shop's reply rules; a handoff when there is
 * nothing to say.
 */
export async function* retrievalReply(
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
      : enforceReplyRules(parts.join('\n'), shopReplyRules(deps.profile, analysis.intent));
  outcome.text = text;
  yield { type: 'text-delta', data: { delta: text } };
  yield { type: 'message-end', data: { finishReason: 'stop' } };
}
