import type { ErrorCode } from './error-codes.ts';

/** A knowledge-base passage the answer was grounded in. */
export interface Source {
  id: string;
  title: string;
}

/** One product offered in a clarifying question. */
export interface ProductChoice {
  sku: string;
  label: string;
}

/** Why the conversation is being handed to a human. */
export type HandoffReason = 'explicit' | 'emotion' | 'low_confidence' | 'no_answer' | 'upstream_unavailable';

/** Why a reply ended. `handoff` means a human takes over; `error` follows an `error` event. */
export type FinishReason = 'stop' | 'length' | 'handoff' | 'error' | 'aborted';

/** Payload of each event the edge streams in reply to `POST /v1/chat`, keyed by event name. */
export interface ChatEventMap {
  'conversation-start': { conversationId: string; messageId: string; replyId: string };
  'text-delta': { delta: string };
  'sources-available': { sources: Source[] };
  'handoff-request': { reason: HandoffReason; message: string };
  /** Several products fit the customer's words: the question (also sent as text) and the products to choose from. */
  'clarification-request': { question: string; choices: ProductChoice[] };
  /** An after-sales ticket was created for the customer in the shop's system. */
  'ticket-open': { ticketId: string; kind: string };
  'message-end': { finishReason: FinishReason };
  error: { code: ErrorCode; message: string };
}

export type ChatEventName = keyof ChatEventMap;

/** One event of the reply stream. @example { type: 'text-delta', data: { delta: '16:00' } } */
export type ChatEvent = { [K in ChatEventName]: { type: K; data: ChatEventMap[K] } }[ChatEventName];

export const CHAT_EVENT_NAMES: readonly ChatEventName[] = [
  'conversation-start',
  'text-delta',
  'sources-available',
  'handoff-request',
  'clarification-request',
  'ticket-open',
  'message-end',
  'error',
];

export function isChatEventName(name: string): name is ChatEventName {
  return (CHAT_EVENT_NAMES as readonly string[]).includes(name);
}
