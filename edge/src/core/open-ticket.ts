import type { ChatEvent } from '@xiaoer/protocol';
import type { TicketKind } from '../ports/ticket-sink.ts';
import { handOver } from './hand-over.ts';
import type { TurnDecisions, TurnDeps, TurnInput, TurnOutcome } from './turn-types.ts';

const TICKET_NAMES: Record<TicketKind, string> = {
  refund: '退款',
  return: '退货',
  exchange: '换货',
  repair: '维修',
  complaint: '投诉',
  other: '售后',
};

/**
 * Creates the after-sales ticket the customer accepted and tells them its number; a sink that fails hands over
 * instead of making a number up.
 */
export async function* openTicket(
  input: TurnInput,
  kind: TicketKind,
  orderId: string | undefined,
  sku: string | null,
  deps: TurnDeps,
  outcome: TurnOutcome,
  decisions: TurnDecisions,
): AsyncGenerator<ChatEvent, void> {
  const summary = [...input.history.slice(-4).map((t) => t.customer), input.text].join('\n');
  try {
    const { ticketId } = await deps.tickets!.create({
      kind,
      ...(input.conversationId ? { conversationId: input.conversationId } : {}),
      ...(input.conversationId && input.messageId
        ? { requestId: `${input.conversationId}/${input.messageId}` }
        : {}),
      ...(orderId ? { orderId } : {}),
      ...(sku ? { sku } : {}),
      summary,
      createdAt: new Date(deps.clock.now()).toISOString(),
    });
    decisions.ticketId = ticketId;
    outcome.text = `已为您生成${TICKET_NAMES[kind]}工单，工单号${ticketId}，售后同事会在24小时内联系您处理。${orderId ? '' : '\n如方便，请补充16位订单号，处理会更快。'}`;
    yield { type: 'text-delta', data: { delta: outcome.text } };
    yield { type: 'ticket-open', data: { ticketId, kind } };
    yield { type: 'message-end', data: { finishReason: 'stop' } };
  } catch (error) {
    deps.onDegraded?.(error);
    decisions.degraded = 'ticket-failed';
    yield* handOver(outcome, 'upstream_unavailable', `工单暂时没有提交成功，${deps.profile.handoffMessage}`);
  }
}
