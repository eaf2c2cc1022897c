/** Kinds of after-sales ticket a customer can ask for. */
export type TicketKind = 'refund' | 'return' | 'exchange' | 'repair' | 'complaint' | 'other';

export interface TicketRequest {
  kind: TicketKind;
  conversationId?: string;
  orderId?: string;
  sku?: string;
  /** The customer's own words, newest last. */
  summary: string;
  createdAt: string;
}

/** Where after-sales tickets go: the shop's system (webhook) or the demo. */
export interface TicketSink {
  /** Creates the ticket and returns its number (e.g. `GD2611240001`). Throws TicketError when it could not. */
  create(request: TicketRequest): Promise<{ ticketId: string }>;
}
