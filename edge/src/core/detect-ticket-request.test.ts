import { describe, expect, it } from 'vitest';
import { detectTicketRequest } from './detect-ticket-request.ts';
import { extractOrderProof } from './extract-order-proof.ts';

const offered = '可以申请售后。\n需要我帮您查订单或生成工单吗?';

describe('detectTicketRequest', () => {
  it('takes an explicit ask, with the kind from the conversation', () => {
    expect(detectTicketRequest('帮我生成工单', [{ customer: '发错货了，我要换货' }])).toBe('exchange');
    expect(detectTicketRequest('帮我开个工单', [])).toBe('other');
    expect(detectTicketRequest('帮我提交投诉工单，快递员态度太差', [])).toBe('complaint');
    expect(detectTicketRequest('能帮我退货吗', [])).toBeNull();
  });

  it('takes a plain yes only after an offer on an after-sales topic', () => {
    expect(detectTicketRequest('好的', [{ customer: '玻璃杯寄到就碎了', assistant: offered }])).toBe(
      'refund',
    );
    expect(detectTicketRequest('好的', [{ customer: '下单后多久发货', assistant: offered }])).toBeNull();
    expect(detectTicketRequest('好的', [{ customer: '玻璃杯寄到就碎了' }])).toBeNull();
    expect(detectTicketRequest('好的谢谢', [{ customer: '我要投诉快递', assistant: offered }])).toBeNull();
  });

  it('respects a refusal', () => {
    expect(detectTicketRequest('不用生成工单', [{ customer: '杯子碎了', assistant: offered }])).toBeNull();
  });
});

describe('extractOrderProof', () => {
  it('reads the order number and phone tail from this and earlier messages', () => {
    expect(extractOrderProof('订单2026112408426617，手机尾号3019', [])).toEqual({
      orderId: '2026112408426617',
      phoneTail: '3019',
    });
    expect(extractOrderProof('还能取消吗', ['我的订单号是2026112408426617'])).toEqual({
      orderId: '2026112408426617',
    });
    expect(extractOrderProof('手机后四位是3019', ['订单 2026112408426617'])).toEqual({
      orderId: '2026112408426617',
      phoneTail: '3019',
    });
  });

  it('needs an order number: a phone tail alone proves nothing', () => {
    expect(extractOrderProof('我手机尾号3019，帮我查下订单', [])).toBeNull();
    expect(extractOrderProof('订单号20261124084266170', [])).toBeNull();
  });
});
