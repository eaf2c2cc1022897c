import type { OrderProof } from '../ports/order-lookup.ts';

/** Order numbers of the shop: 16 digits (demo-orders.json). Shops with other formats pass their own pattern. */
export const DEFAULT_ORDER_NUMBER = /(?<!\d)\d{16}(?!\d)/;
const PHONE_TAIL =
  /(?:尾号|后四位|后4位|尾数)\D{0,4}(\d{4})(?!\d)|(?<!\d)(\d{4})(?!\d)\s*(?:是我的?)?(?:手机)?尾号/;

/**
 * What a customer has proved about an order in this message and the earlier ones (newest first wins): an order
 * number, and a phone tail written as 尾号1234 / 手机后四位是1234. Null without an order number: a phone tail alone
 * proves nothing.
 * @example extractOrderProof('订单2026112408426617，手机尾号3019', []) // { orderId: '2026112408426617', phoneTail: '3019' }
 */
export function extractOrderProof(
  text: string,
  history: string[],
  orderNumber: RegExp = DEFAULT_ORDER_NUMBER,
): OrderProof | null {
  let orderId: string | undefined;
  let phoneTail: string | undefined;
  for (const message of [text, ...[...history].reverse()]) {
    orderId ??= orderNumber.exec(message)?.[0];
    const tail = PHONE_TAIL.exec(message);
    phoneTail ??= tail?.[1] ?? tail?.[2];
  }
  if (!orderId) return null;
  return phoneTail ? { orderId, phoneTail } : { orderId };
}
