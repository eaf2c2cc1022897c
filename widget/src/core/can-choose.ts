import type { UiMessage } from './ui-message.ts';

/**
 * Whether the clarifying question of one assistant message can still be answered: only on the newest message of
 * the conversation, once it is done. Older questions keep their choices for reference; answering them now would
 * confuse the thread, and a second answer to the newest one is refused because the answer is then the newest message.
 * @example canChoose(session.state.messages, 'a_m_1') // true while that reply is the last one and finished
 */
export function canChoose(messages: readonly UiMessage[], assistantMessageId: string): boolean {
  const last = messages.at(-1);
  return last?.id === assistantMessageId && last.status === 'done';
}
