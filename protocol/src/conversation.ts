import type { ChatEventMap, Source } from './chat-events.ts';

/** One message as `GET /v1/conversations/:id` returns it. Reasoning never leaves the edge. */
export interface ConversationMessage {
  id: string;
  role: 'customer' | 'assistant';
  text: string;
  createdAt: string;
  /** The passages the reply was grounded in (as its `sources-available` event). */
  sources?: Source[];
  /** Why and how the reply handed the conversation to a human (as its `handoff-request` event). */
  handoff?: ChatEventMap['handoff-request'];
  /** The clarifying question of this reply and the products offered (as its `clarification-request` event). */
  clarification?: ChatEventMap['clarification-request'];
  /** The after-sales ticket opened by this reply (as its `ticket-open` event). */
  ticket?: ChatEventMap['ticket-open'];
  /**
   * The reply's stream was cut before it finished (the customer left mid-answer) and `text` is the part sent. Sending
   * the customer message again, with its id, generates the reply anew.
   */
  interrupted?: true;
}

/** Response of `GET /v1/conversations/:id`. */
export interface ConversationHistory {
  conversationId: string;
  messages: ConversationMessage[];
}
