import { TicketError } from '../../core/errors.ts';
import type { TicketSink } from '../../ports/ticket-sink.ts';

export interface WebhookTicketOptions {
  /**
   * The shop's endpoint; it receives the TicketRequest as JSON and answers `{ "ticketId": "..." }`. A request whose
   * `Idempotency-Key` it has seen should be answered with that ticket's number (a retried customer message).
   */
  url: string;
  /** Sent as `authorization: Bearer <secret>` when set. */
  secret?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Posts tickets to the shop's webhook. Any failure (network, non-2xx, no ticketId in the answer) becomes a
 * TicketError naming the cause, so the customer is told the ticket was not created instead of getting a made-up number.
 */
export function createWebhookTicketSink(options: WebhookTicketOptions): TicketSink {
  const doFetch = options.fetch ?? fetch;
  return {
    async create(request) {
      let res: Response;
      try {
        res = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(request.requestId ? { 'idempotency-key': request.requestId } : {}),
            ...(options.secret ? { authorization: `Bearer ${options.secret}` } : {}),
          },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new TicketError(`ticket webhook ${options.url} unreachable: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (!res.ok) throw new TicketError(`ticket webhook ${options.url} answered HTTP ${res.status}`);
      const body = (await res.json().catch(() => null)) as { ticketId?: unknown } | null;
      if (typeof body?.ticketId !== 'string' || !body.ticketId)
        throw new TicketError(`ticket webhook ${options.url} answered without a ticketId`);
      return { ticketId: body.ticketId };
    },
  };
}
