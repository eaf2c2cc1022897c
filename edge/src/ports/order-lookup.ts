/** An order as the shop's system reports it. Times are ISO 8601 with offset. */
export interface Order {
  orderId: string;
  createdAt: string;
  paidAt: string | null;
  /** 待付款, 待发货, 已打包, 已发货, 已签收, 退款中, 已取消 ... */
  status: string;
  items: { sku: string; qty: number; price: number }[];
  city: string;
  courier: string | null;
  trackingNo: string | null;
  /** Last four digits of the buyer's phone. */
  phoneTail: string;
  shippedAt?: string;
  signedAt?: string;
}

/** What the customer has proved: an order number, optionally with the phone tail. */
export interface OrderProof {
  orderId: string;
  phoneTail?: string;
}

/**
 * Finds orders for a customer. Privacy: an implementation returns only orders matching everything the customer
 * proved, and never lists orders from a phone tail alone.
 */
export interface OrderLookup {
  /** The order with this number; null when there is none or the phone tail given does not match. */
  find(proof: OrderProof): Promise<Order | null>;
  /**
   * The customer's recent orders: needs the order number and the phone tail, both matching one order; returns the
   * orders with that phone tail created in the last `days` days before `now`, newest first.
   */
  recent(proof: Required<OrderProof>, now: number, days?: number): Promise<Order[]>;
}
