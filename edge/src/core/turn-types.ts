import type { Clock } from '../ports/clock.ts';
import type { StoredReply } from '../ports/conversation-store.ts';
import type { Llm } from '../ports/llm.ts';
import type { OrderLookup } from '../ports/order-lookup.ts';
import type { Retriever } from '../ports/retriever.ts';
import type { TicketSink } from '../ports/ticket-sink.ts';
import type { Timer } from '../ports/timer.ts';
import type { ConfidenceRules } from './assess-confidence.ts';
import type { TransferWords } from './decide-transfer.ts';
import type { PolicyTimeRules } from './evaluate-policy-rules.ts';
import type { ModelSettings } from './model-settings.ts';
import type { ProductCatalog } from './resolve-product.ts';
import type { ShopProfile } from './shop-profile.ts';

/** What a turn needs (TurnDeps), what it answers (TurnInput), and what it leaves behind (TurnOutcome, TurnDecisions). */
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

/**
 * Everything known about a finished turn, for storage and metrics: the reply as it is stored (StoredReply) before the
 * route gives it an id, a time and the events it sent.
 */
export type TurnOutcome = Omit<StoredReply, 'id' | 'createdAt' | 'events' | 'analysis'> & {
  /** The deterministic decisions taken for this turn (route, intent, SKU). */
  analysis?: TurnDecisions;
};
