import type { ChatEventMap } from './chat-events.ts';

/** One message as `GET /v1/conversations/:id` returns it. Reasoning never leaves the edge. */
export interface ConversationMessage {
  id: string;
  role: 'customer' | 'assistant';
  text: string;
  createdAt: string;
  sources?: { id: string; title: string }[];
  handoff?: { reason: string; message: string };
  /** The clarifying question of this reply and the products offered (as its `clarification-request` event). */
  clarification?: ChatEventMap['clarification-request'];
  /** The after-sales ticket opened by this reply (as its `ticket-open` event). */
  ticket?: ChatEventMap['ticket-open'];
}

/** Response of `GET /v1/conversations/:id`. */
export interface ConversationHistory {
  conversationId: string;
  messages: ConversationMessage[];
}
