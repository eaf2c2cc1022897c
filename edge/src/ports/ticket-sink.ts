/** Kinds of after-sales ticket a customer can ask for. */
export type TicketKind = 'refund' | 'return' | 'exchange' | 'repair' | 'complaint' | 'other';

export interface TicketRequest {
  kind: TicketKind;
  conversationId?: string;
  /**
   * The same for every attempt at one customer message (`<conversationId>/<messageId>`): a retry of that message (a
   * reconnect, a second tab, a stream the edge still thought open) asks for the same ticket again. The webhook sends it
   * as `Idempotency-Key`; the shop answers with the ticket it already created for it.
   */
  requestId?: string;
  orderId?: string;
  sku?: string;
  /** The customer's own words, newest last. */
  summary: string;
  createdAt: string;
}

/** Where after-sales tickets go: the shop's system (webhook) or the demo. */
export interface TicketSink {
  /**
   * Creates the ticket and returns its number (e.g. `GD2611240001`); a request with a `requestId` seen before returns
   * that ticket's number. Throws TicketError when it could not.
   */
  create(request: TicketRequest): Promise<{ ticketId: string }>;
}
