/** One message as `GET /v1/conversations/:id` returns it. Reasoning never leaves the edge. */
export interface ConversationMessage {
  id: string;
  role: 'customer' | 'assistant';
  text: string;
  createdAt: string;
  sources?: { id: string; title: string }[];
  handoff?: { reason: string; message: string };
}

/** Response of `GET /v1/conversations/:id`. */
export interface ConversationHistory {
  conversationId: string;
  messages: ConversationMessage[];
}
