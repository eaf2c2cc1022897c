import type { HandoffReason } from '@xiaoer/protocol';
import type { Retriever, ScoredPassage } from '../ports/retriever.ts';
import {
  DEFAULT_HANDOFF_WORDS,
  detectExplicitHandoff,
  type HandoffWords,
} from './detect-explicit-handoff.ts';
import type { ModelSettings } from './model-settings.ts';

/** Topic labels of a customer message (shared/eval/README.md). */
export type Intent =
  | 'shipping'
  | 'order_change'
  | 'after_sales'
  | 'product'
  | 'invoice'
  | 'promotion'
  | 'payment'
  | 'account'
  | 'other';

export interface AnalyzeInput {
  text: string;
  /** Earlier customer messages of the conversation, oldest first. */
  history: string[];
  context?: { pageUrl?: string; sku?: string };
}

export interface AnalyzeDeps {
  retriever: Retriever;
  settings: ModelSettings;
  handoffWords?: HandoffWords;
}

/** Every deterministic decision about a customer message, made before any model call. */
export interface TurnAnalysis {
  route: 'answer' | 'transfer';
  /** Set when route is `transfer`. */
  transferReason: Extract<HandoffReason, 'explicit' | 'emotion'> | null;
  /** null until the intent classifier decides. */
  intent: Intent | null;
  /** The single product SKU the message refers to, if any. */
  sku: string | null;
  passages: ScoredPassage[];
}

/**
 * The deterministic front half of the pipeline: transfer rules, intent, product resolution and retrieval. Production
 * (answerTurn) and the evaluation command both call exactly this function.
 */
export async function analyzeTurn(input: AnalyzeInput, deps: AnalyzeDeps): Promise<TurnAnalysis> {
  const explicit = detectExplicitHandoff(input.text, deps.handoffWords ?? DEFAULT_HANDOFF_WORDS);
  const passages = await deps.retriever.retrieve(input.text, {
    k: deps.settings.topK,
    history: input.history,
  });
  return {
    route: explicit ? 'transfer' : 'answer',
    transferReason: explicit ? 'explicit' : null,
    intent: null,
    sku: null,
    passages,
  };
}
