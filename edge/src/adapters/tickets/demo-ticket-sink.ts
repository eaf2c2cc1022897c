import type { Clock } from '../../ports/clock.ts';
import type { TicketRequest, TicketSink } from '../../ports/ticket-sink.ts';

/**
 * Demo tickets: numbers are `GD` + 10 digits (yyMMdd of Beijing time + a 4-digit daily sequence), kept in memory so
 * the demo can list them; a request with a `requestId` seen before gets that ticket again. A real shop uses the
 * webhook adapter.
 */
export function createDemoTicketSink(
  clock: Clock,
): TicketSink & { tickets: (TicketRequest & { ticketId: string })[] } {
  const tickets: (TicketRequest & { ticketId: string })[] = [];
  const perDay = new Map<string, number>();
  return {
    tickets,
    async create(request) {
      const earlier = request.requestId && tickets.find((t) => t.requestId === request.requestId);
      if (earlier) return { ticketId: earlier.ticketId };
      const beijing = new Date(clock.now() + 8 * 3_600_000).toISOString();
      const date = beijing.slice(2, 10).replaceAll('-', '');
      const seq = (perDay.get(date) ?? 0) + 1;
      if (seq > 9999) throw new Error('demo ticket sink: more than 9999 tickets in one day');
      perDay.set(date, seq);
      const ticketId = `GD${date}${String(seq).padStart(4, '0')}`;
      tickets.push({ ...request, ticketId });
      return { ticketId };
    },
  };
}
