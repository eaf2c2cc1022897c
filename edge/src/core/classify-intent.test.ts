import { describe, expect, it } from 'vitest';
import { classifyIntent } from './classify-intent.ts';

describe('classifyIntent', () => {
  it.each([
    ['周日下午下的单什么时候发货', 'shipping'],
    ['寄到拉萨要几天', 'shipping'],
    ['订单还没付款前能改地址吗', 'order_change'],
    ['拍错颜色了能取消吗', 'order_change'],
    ['杯子收到就裂了，怎么退', 'after_sales'],
    ['商品保修多久', 'after_sales'],
    ['能去你们仓库自提吗', 'shipping'],
    ['取消订单后优惠券还能用吗', 'order_change'],
    ['支持云闪付吗', 'payment'],
    ['用了五个月坏了，还在保修吗', 'after_sales'],
    ['能开公司抬头的发票吗', 'invoice'],
    ['买贵了能价保吗', 'promotion'],
    ['能用信用卡付吗', 'payment'],
    ['积分怎么换东西', 'account'],
    ['充电宝能带上高铁吗', 'product'],
    ['今天天气怎么样', 'other'],
    ['订单还没发货，想换个收货地址', 'order_change'],
    ['包裹显示签收了但我没收到', 'shipping'],
  ])('%s -> %s', (text, intent) => {
    expect(classifyIntent(text, [])).toBe(intent);
  });

  it('reads a warranty-length question as a product question when one product is named', () => {
    expect(classifyIntent('这个保修多久啊', [], true)).toBe('product');
    expect(classifyIntent('用了三个月坏了，还在保修吗', [], true)).toBe('after_sales');
  });

  it('lets the more specific topic win when several are named', () => {
    expect(classifyIntent('价保退了差价，发票按哪个金额开', [])).toBe('invoice');
    expect(classifyIntent('退货后要扣积分，可我积分已经花掉了怎么办', [])).toBe('account');
    expect(classifyIntent('质量问题我自己寄回去花了运费，你们给报吗', [])).toBe('after_sales');
    expect(classifyIntent('我用花呗付的，退款退到哪里去', [])).toBe('after_sales');
  });

  it('takes the previous message topic for a message without one, but not for small talk', () => {
    expect(classifyIntent('说了半天也没解决，帮我转人工', ['保温杯盖子一直漏水'])).toBe('after_sales');
    expect(classifyIntent('垃圾服务！！！', ['你好', '单号怎么查不到物流？？'])).toBe('shipping');
    expect(classifyIntent('好的谢谢', ['寄到拉萨要几天'])).toBe('other');
    expect(classifyIntent('我要投诉！！！', ['气死了！！！'])).toBe('other');
  });
});
