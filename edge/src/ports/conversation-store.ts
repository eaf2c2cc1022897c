import type { ChatEvent, FinishReason, HandoffReason, Source } from '@xiaoer/protocol';
import type { LlmUsage } from './llm.ts';

/** The assistant side of a turn, kept for history, replay of retries and operator metrics. */
export interface StoredReply {
  id: string;
  text: string;
  /** The model's reasoning. Kept for operators; never sent to the customer. */
  reasoning: string;
  sources: Source[];
  handoff?: { reason: HandoffReason; message: string };
  finishReason: FinishReason;
  /** `model` when a model wrote it, `retrieval` for the no-model answer, `rule` for rule-based replies. */
  mode: 'model' | 'retrieval' | 'rule';
  usage?: LlmUsage;
  timings: { retrievalMs: number; firstTokenMs?: number; totalMs: number };
  /** Passage ids and scores the reply was grounded in. */
  retrieved: { id: string; score: number }[];
  createdAt: string;
  /** Deterministic decisions of the turn: route and reason, intent, resolved SKU. */
  analysis?: {
    route: 'answer' | 'transfer';
    transferReason: string | null;
    /** The word or sign that decided a transfer. */
    transferMatched?: string | null;
    intent: string | null;
    sku: string | null;
    /** SKUs offered in a clarifying question when the reference was ambiguous. */
    productChoices?: string[];
    /** The order the customer proved, when one was looked up. */
    orderId?: string;
    /** The after-sales ticket created in this turn. */
    ticketId?: string;
    /** Hedges found in the model's reasoning (low-confidence breaker input). */
    hedges?: number;
    /** Length of the model's reasoning in characters. */
    reasoningChars?: number;
    /** Why the model's answer was not used: first-token-budget, upstream-error, low-confidence, ticket-failed. */
    degraded?: string;
  };
  /** The events sent after `conversation-start`, in order: an idempotent retry replays them exactly. */
  events: ChatEvent[];
}

/** One customer message and the reply to it (null until the reply is complete). */
export interface StoredTurn {
  messageId: string;
  text: string;
  context?: { pageUrl?: string; sku?: string };
  createdAt: string;
  reply: StoredReply | null;
}

/** A customer's rating: thumbs on one reply (`replyId` + `rating`) or 1-5 for the whole conversation (`score`). */
export interface StoredFeedback {
  replyId?: string;
  rating?: 'up' | 'down';
  score?: number;
  comment?: string;
  createdAt: string;
}

/**
 * Durable conversation storage. Implementations: PGlite (Node default), Postgres, a Durable Object (Workers).
 * Never process memory in production: a reload must find its history.
 */
export interface ConversationStore {
  /** Creates the conversation if it does not exist. */
  ensure(conversationId: string, createdAt: string): Promise<void>;
  exists(conversationId: string): Promise<boolean>;
  /**
   * Adds a customer message unless one with the same id already exists in this conversation (idempotent retry).
   * Returns the stored turn either way, and whether it was created now.
   */
  addCustomerMessage(
    conversationId: string,
    message: { id: string; text: string; context?: StoredTurn['context']; createdAt: string },
  ): Promise<{ created: boolean; turn: StoredTurn }>;
  saveReply(conversationId: string, messageId: string, reply: StoredReply): Promise<void>;
  /**
   * Records feedback; a later rating of the same reply (or of the conversation) replaces the earlier one. Returns
   * false, storing nothing, when `replyId` names no reply of this conversation.
   */
  saveFeedback(conversationId: string, feedback: StoredFeedback): Promise<boolean>;
  /** Turns oldest first; `limit` keeps the most recent ones. */
  turns(conversationId: string, limit?: number): Promise<StoredTurn[]>;
  /**
   * Resolves once the store has answered a query, rejects with why it cannot (`/readyz` takes a replica whose store
   * is down out of rotation). Absent where there is no one store to check: on Workers each conversation is a
   * Durable Object the platform places on demand.
   */
  ping?(): Promise<void>;
}
