import type { ChatEvent, HandoffReason } from '@xiaoer/protocol';
import type { TurnOutcome } from './turn-types.ts';

/** Ends a turn by handing the customer to a human: the message, the `handoff-request` and the end of the reply. */
export async function* handOver(
  outcome: TurnOutcome,
  reason: HandoffReason,
  message: string,
): AsyncGenerator<ChatEvent, void> {
  outcome.text = message;
  outcome.handoff = { reason, message };
  yield { type: 'text-delta', data: { delta: message } };
  yield { type: 'handoff-request', data: outcome.handoff };
  yield { type: 'message-end', data: { finishReason: 'handoff' } };
}
