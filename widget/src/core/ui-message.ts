import type { ChatEventMap, Source } from '@xiaoer/protocol';

/** Why a message failed, as the panel explains it to the customer (texts live in the locale tables). */
export type UiErrorKind = 'offline' | 'network' | 'too_long' | 'rate_limited' | 'server' | 'interrupted';

/**
 * One bubble of the conversation. Assistant bubbles are keyed `a_<customer message id>` so every tab and every
 * reload agree on the key; `replyId` is the edge's id of the reply (for feedback).
 */
export interface UiMessage {
  id: string;
  role: 'customer' | 'assistant';
  text: string;
  /** queued: waiting for the network or for the previous reply; sending: request open, nothing back yet. */
  status: 'queued' | 'sending' | 'streaming' | 'done' | 'failed';
  replyTo?: string;
  replyId?: string;
  sources?: Source[];
  handoff?: ChatEventMap['handoff-request'];
  /** Products the customer is asked to choose between (the question itself is the text). */
  clarification?: ChatEventMap['clarification-request'];
  /** The after-sales ticket this reply opened. */
  ticket?: ChatEventMap['ticket-open'];
  error?: UiErrorKind;
  /** A customer-facing sentence the edge sent in an `error` event. */
  errorText?: string;
  feedback?: 'up' | 'down';
}
