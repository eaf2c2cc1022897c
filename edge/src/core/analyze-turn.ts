import type { HandoffReason } from '@xiaoer/protocol';
import type { Retriever, ScoredPassage } from '../ports/retriever.ts';
import { classifyIntent, type Intent } from './classify-intent.ts';
import { DEFAULT_TRANSFER_WORDS, decideTransfer, type TransferWords } from './decide-transfer.ts';
import type { ModelSettings } from './model-settings.ts';
import type { ProductRow } from './parse-product-rows.ts';
import { type ProductCatalog, resolveProduct } from './resolve-product.ts';

export type { Intent } from './classify-intent.ts';

export interface AnalyzeInput {
  text: string;
  /** Earlier customer messages of the conversation, oldest first. */
  history: string[];
  context?: { pageUrl?: string; sku?: string };
  /** The bot's previous reply, for answers to a clarifying question (「2」). */
  previousReply?: string;
}

export interface AnalyzeDeps {
  retriever: Retriever;
  settings: ModelSettings;
  /** The shop's product table; without it no SKU is resolved. */
  catalog?: ProductCatalog;
  transferWords?: TransferWords;
}

/** Every deterministic decision about a customer message, made before any model call. */
export interface TurnAnalysis {
  route: 'answer' | 'transfer';
  /** Set when route is `transfer`. */
  transferReason: Extract<HandoffReason, 'explicit' | 'emotion'> | null;
  /** The word or sign that decided the transfer, for the turn record. */
  transferMatched: string | null;
  intent: Intent;
  /** The single product SKU the message refers to, if any. */
  sku: string | null;
  /** The product row of `sku`. */
  product: ProductRow | null;
  /** Products that fit equally well when the reference is ambiguous (empty otherwise). */
  productChoices: ProductRow[];
  passages: ScoredPassage[];
}

/**
 * The deterministic front half of the pipeline: transfer rules, intent, product resolution and retrieval. Production
 * (answerTurn) and the evaluation command both call exactly this function.
 */
export async function analyzeTurn(input: AnalyzeInput, deps: AnalyzeDeps): Promise<TurnAnalysis> {
  const transfer = decideTransfer(input.text, input.history, deps.transferWords ?? DEFAULT_TRANSFER_WORDS);
  const resolution = deps.catalog
    ? resolveProduct(
        {
          text: input.text,
          history: input.history,
          ...(input.context?.sku ? { contextSku: input.context.sku } : {}),
          ...(input.previousReply ? { previousReply: input.previousReply } : {}),
        },
        deps.catalog,
      )
    : ({ kind: 'none' } as const);
  const passages = await deps.retriever.retrieve(input.text, {
    k: deps.settings.topK,
    history: input.history,
  });
  const product = resolution.kind === 'unique' ? resolution.row : null;
  const intent = classifyIntent(input.text, input.history, product !== null);
  return {
    route: transfer.route,
    transferReason: transfer.reason,
    transferMatched: transfer.matched,
    intent,
    sku: product?.sku ?? null,
    product,
    productChoices: resolution.kind === 'ambiguous' ? resolution.candidates : [],
    passages,
  };
}
