import { describe, expect, it } from 'vitest';
import type { Order } from '../ports/order-lookup.ts';
import {
  DEFAULT_POLICY_TIME_RULES,
  evaluatePolicyRules,
  type RuleName,
  shippingDay,
} from './evaluate-policy-rules.ts';

const t = (local: string) => Date.parse(`${local}+08:00`);

function order(over: Partial<Order>): Order {
  return {
    orderId: '2026112410000001',
    createdAt: '2026-11-24T10:00:00+08:00',
    paidAt: '2026-11-24T10:00:00+08:00',
    status: '待发货',
    items: [{ sku: 'CUP-350-BL', qty: 1, price: 89 }],
    city: '杭州市',
    courier: null,
    trackingNo: null,
    phoneTail: '1234',
    ...over,
  };
}

function rule(o: Order, now: number, name: RuleName) {
  const r = evaluatePolicyRules(o, now).find((x) => x.rule === name);
  if (!r) throw new Error(`no ${name} result`);
  return r;
}

describe('self-cancel window (2 hours after the order)', () => {
  it('is open one second before and closed at the boundary', () => {
    expect(rule(order({}), t('2026-11-24T11:59:59'), 'self-cancel').open).toBe(true);
    const closed = rule(order({ status: '已打包' }), t('2026-11-24T12:00:00'), 'self-cancel');
    expect(closed.open).toBe(false);
    expect(closed.fact).toContain('您的订单已打包，已超过2小时自助取消时限');
  });

  it('tells an unpacked order past the window to ask the service', () => {
    expect(rule(order({}), t('2026-11-24T12:00:00'), 'self-cancel').fact).toContain('可以联系客服申请取消');
  });

  it('says a shipped order cannot be cancelled', () => {
    expect(rule(order({ status: '已发货' }), t('2026-11-24T10:30:00'), 'self-cancel')).toMatchObject({
      open: false,
    });
  });
});

describe('shipping cut-offs', () => {
  it('Monday to Saturday: 16:00', () => {
    expect(shippingDay(t('2026-11-23T15:59:59')).fact).toContain('当天（11月23日）发出');
    expect(shippingDay(t('2026-11-23T16:00:00')).fact).toContain('11月24日发出');
    expect(shippingDay(t('2026-11-21T16:00:00')).fact).toContain('11月22日发出');
  });

  it('Sunday: 12:00, later orders ship on Monday', () => {
    expect(shippingDay(t('2026-11-22T11:59:00')).fact).toContain('当天（11月22日）发出');
    const late = shippingDay(t('2026-11-22T12:00:00'));
    expect(late.fact).toContain('晚于周日12:00截单时间');
    expect(late.fact).toContain('11月23日发出');
  });

  it('holidays use their own cut-off', () => {
    const rules = {
      ...DEFAULT_POLICY_TIME_RULES,
      holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆' }],
    };
    expect(shippingDay(t('2026-10-02T13:00:00'), rules).fact).toContain('10月3日发出');
    expect(shippingDay(t('2026-10-08T13:00:00'), rules).fact).toContain('当天');
  });

  it('peak periods (双11 and 3 days after) ship within 48-72 hours', () => {
    expect(shippingDay(t('2026-11-14T09:00:00')).fact).toContain('双11');
    expect(shippingDay(t('2026-11-15T09:00:00')).fact).not.toContain('双11');
  });

  it('flags an unshipped order past its expected day', () => {
    const r = rule(
      order({ paidAt: '2026-11-23T10:00:00+08:00' }),
      t('2026-11-24T09:00:00'),
      'shipping-cutoff',
    );
    expect(r.open).toBe(false);
    expect(r.fact).toContain('已超过预计发出时间');
  });
});

describe('after signing', () => {
  const signed = order({
    status: '已签收',
    signedAt: '2026-11-03T15:00:00+08:00',
    paidAt: '2026-11-01T09:00:00+08:00',
  });

  it('7-day returns run to 24:00 of the 7th day after signing', () => {
    expect(rule(signed, t('2026-11-10T23:59:59'), 'no-reason-return')).toMatchObject({ open: true });
    const late = rule(signed, t('2026-11-11T00:00:00'), 'no-reason-return');
    expect(late.open).toBe(false);
    expect(late.fact).toContain('11月10日24:00截止');
  });

  it('damage must be reported within 48 hours of signing', () => {
    expect(rule(signed, t('2026-11-05T14:59:59'), 'damage-report').open).toBe(true);
    expect(rule(signed, t('2026-11-05T15:00:00'), 'damage-report').open).toBe(false);
  });

  it('does not guess when the sign time is unknown', () => {
    expect(rule(order({ status: '已签收' }), t('2026-11-24T10:00:00'), 'no-reason-return').open).toBeNull();
  });
});

describe('price protection (7 x 24 hours after payment)', () => {
  const paid = order({ status: '已签收', paidAt: '2026-11-05T14:20:00+08:00' });
  it('is open until the exact minute of payment seven days later', () => {
    expect(rule(paid, t('2026-11-12T14:19:59'), 'price-protection').open).toBe(true);
    const closed = rule(paid, t('2026-11-12T14:20:00'), 'price-protection');
    expect(closed.open).toBe(false);
    expect(closed.fact).toContain('11月12日14:20截止');
  });
});

describe('unpaid orders', () => {
  it('are cancelled 30 minutes after creation', () => {
    const o = order({ status: '待付款', paidAt: null });
    expect(rule(o, t('2026-11-24T10:29:59'), 'unpaid').open).toBe(true);
    expect(rule(o, t('2026-11-24T10:30:00'), 'unpaid').open).toBe(false);
  });
});
