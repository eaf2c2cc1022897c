import type { Order } from '../ports/order-lookup.ts';
import type { Intent } from './classify-intent.ts';
import {
  DEFAULT_POLICY_TIME_RULES,
  evaluatePolicyRules,
  type PolicyTimeRules,
  type RuleName,
} from './evaluate-policy-rules.ts';
import type { ProductCatalog } from './resolve-product.ts';

/** The time rules worth stating for each topic; other topics get all of them. */
const RULES_FOR: Partial<Record<Intent, RuleName[]>> = {
  order_change: ['unpaid', 'self-cancel', 'shipping-cutoff'],
  shipping: ['unpaid', 'shipping-cutoff', 'self-cancel'],
  after_sales: ['no-reason-return', 'damage-report'],
  promotion: ['price-protection'],
};

/**
 * Facts about a customer's order for the model (and the retrieval-only reply): state, items, courier, and the shop's
 * time rules evaluated at `now`.
 * @example describeOrder(order, clock.now(), 'order_change') // ['订单2026…：已打包，商品：…', '您的订单已打包，已超过2小时自助取消时限…']
 */
export function describeOrder(
  order: Order,
  now: number,
  intent: Intent,
  catalog?: ProductCatalog,
  rules: PolicyTimeRules = DEFAULT_POLICY_TIME_RULES,
): string[] {
  const items = order.items.map((i) => `${catalog?.bySku.get(i.sku)?.name ?? i.sku}×${i.qty}`).join('、');
  const courier = order.courier
    ? `，${order.courier}${order.trackingNo ? `运单号${order.trackingNo}` : ''}`
    : '';
  const wanted = RULES_FOR[intent];
  const results = evaluatePolicyRules(order, now, rules).filter((r) => !wanted || wanted.includes(r.rule));
  return [`订单${order.orderId}：${order.status}，商品：${items}${courier}`, ...results.map((r) => r.fact)];
}

/** Said when the order number given matches no order the customer may see (never says which part did not match). */
export const ORDER_NOT_FOUND_FACT =
  '没有找到与您提供的信息相符的订单，请核对16位订单号，或提供下单手机号的后四位';

/** Said when the order system could not be reached. */
export const ORDER_LOOKUP_FAILED_FACT = '订单系统暂时查询不到，请稍后再试，或转人工客服帮您查';
