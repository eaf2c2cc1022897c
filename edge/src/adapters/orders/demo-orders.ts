import type { Order, OrderLookup } from '../../ports/order-lookup.ts';

interface DemoOrderJson {
  order_id: string;
  created_at: string;
  paid_at: string | null;
  status: string;
  items: { sku: string; qty: number; price: number }[];
  city: string;
  courier: string | null;
  tracking_no: string | null;
  phone_tail: string;
  shipped_at?: string;
  signed_at?: string;
}

function toOrder(o: DemoOrderJson, index: number): Order {
  for (const key of ['order_id', 'created_at', 'status', 'phone_tail'] as const) {
    if (typeof o[key] !== 'string' || !o[key]) throw new Error(`demo orders: entry ${index} needs "${key}"`);
  }
  if (!Array.isArray(o.items)) throw new Error(`demo orders: entry ${index} needs "items"`);
  return {
    orderId: o.order_id,
    createdAt: o.created_at,
    paidAt: o.paid_at ?? null,
    status: o.status,
    items: o.items,
    city: o.city,
    courier: o.courier ?? null,
    trackingNo: o.tracking_no ?? null,
    phoneTail: o.phone_tail,
    ...(o.shipped_at ? { shippedAt: o.shipped_at } : {}),
    ...(o.signed_at ? { signedAt: o.signed_at } : {}),
  };
}

/**
 * OrderLookup over the demo shop's demo-orders.json (examples/lizi-shop). Throws on an entry without an order
 * number, creation time, status or phone tail, naming the entry.
 * @example const orders = createDemoOrderLookup(await readFile('examples/lizi-shop/demo-orders.json', 'utf8'));
 */
export function createDemoOrderLookup(json: string): OrderLookup {
  const raw = JSON.parse(json) as unknown;
  if (!Array.isArray(raw)) throw new Error('demo orders: expected a JSON array');
  const orders = raw.map((o, i) => toOrder(o as DemoOrderJson, i));
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  return {
    async find({ orderId, phoneTail }) {
      const order = byId.get(orderId.trim());
      if (!order) return null;
      if (phoneTail !== undefined && phoneTail !== order.phoneTail) return null;
      return order;
    },
    async recent({ orderId, phoneTail }, now, days = 30) {
      const proved = byId.get(orderId.trim());
      if (!proved || proved.phoneTail !== phoneTail) return [];
      const since = now - days * 86_400_000;
      return orders
        .filter(
          (o) =>
            o.phoneTail === phoneTail && Date.parse(o.createdAt) >= since && Date.parse(o.createdAt) <= now,
        )
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    },
  };
}
