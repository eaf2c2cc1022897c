import { describe, expect, it } from 'vitest';
import type { ScoredPassage } from '../ports/retriever.ts';
import { composeRetrievalReply } from './compose-retrieval-reply.ts';
import { DEFAULT_SHOP_PROFILE as P } from './shop-profile.ts';

const faq: ScoredPassage = {
  id: 'faq:F1',
  docId: 'faq:F1',
  kind: 'faq',
  title: '下单后多久发货？',
  text: '问：…',
  answer: '16:00前付款当天发出。',
  score: 0.8,
};
const policy: ScoredPassage = {
  id: 'policy:returns#1',
  docId: 'policy:returns',
  kind: 'policy',
  title: '退货流程 · 寄回',
  text: '【退货流程 · 寄回】\n3.1 上门取件：运费从退款中扣除。3.2 自行寄回：不要使用到付。审核通过后请在7天内寄出。',
  score: 0.5,
};

describe('composeRetrievalReply', () => {
  it('replies with the FAQ answer and the closing line', () => {
    expect(composeRetrievalReply('几点前付款能当天发', [faq], P, 0.2)).toEqual({
      kind: 'answer',
      text: '16:00前付款当天发出。',
      sourceIds: ['faq:F1'],
    });
  });

  it('quotes the policy sentences that match the question, without numbering', () => {
    const r = composeRetrievalReply('退货可以到付寄回吗', [policy], P, 0.2);
    expect(r.kind).toBe('answer');
    expect(r.text).toContain('自行寄回：不要使用到付。');
    expect(r.text).not.toMatch(/3\.\d/);
  });

  it('keeps the digits a sentence starts with (16:00), dropping only section numbers', () => {
    const shipping: ScoredPassage = {
      ...policy,
      text: '【发货时效说明 · 1. 每天的截单时间】\n1.1 周一至周六：16:00前付款的订单当天发出；16:00以后付款的订单，第二天发出。',
    };
    const r = composeRetrievalReply('16点以后付款什么时候发货', [shipping], P, 0.2);
    expect(r.text).toContain('16:00以后付款的订单，第二天发出。');
    expect(r.text).not.toMatch(/^1\.1/);
  });

  it('turns a table row into a sentence', () => {
    const table: ScoredPassage = {
      ...policy,
      text: '【保修 · 保修期】\n| 品类 | 保修期 | 说明 |\n|---|---|---|\n| 保温杯 | 保温性能2年 | 配件保修3个月 |\n| 充电宝 | 12个月 | 电芯鼓包；无法充放电 |',
    };
    const r = composeRetrievalReply('保温杯保修多久', [table], P, 0.2);
    expect(r.text).toContain('保温杯：保温性能2年，配件保修3个月。');
    expect(r.text).not.toContain('|');
    expect(composeRetrievalReply('充电宝保修多久', [table], P, 0.2).text).toContain(
      '充电宝：12个月，电芯鼓包；无法充放电。',
    );
  });

  it('answers a product question with the product name and the facts asked about', () => {
    const product: ScoredPassage = {
      id: 'product:CUP-350-BL',
      docId: 'product:CUP-350-BL',
      kind: 'product',
      title: '栗子随行保温杯 350ml 雾霾蓝',
      text: 'SKU：CUP-350-BL\n名称：栗子随行保温杯 350ml 雾霾蓝\n颜色：蓝色\n价格(元)：89\n卖点：6小时保温≥60℃；弹跳杯盖单手开合；可装热水和冰饮\n库存：有货',
      score: 0.6,
    };
    const r = composeRetrievalReply('蓝色的保温杯能装热水吗', [product], P, 0.2);
    expect(r.text.split('\n')[0]).toMatch(/^栗子随行保温杯 350ml 雾霾蓝：.*可装热水和冰饮.*。$/);
    expect(r.text).not.toContain('SKU');
  });

  it('gives the transfer phrase instead of guessing when retrieval is weak', () => {
    expect(composeRetrievalReply('你们老板是谁', [{ ...faq, score: 0.1 }], P, 0.2)).toEqual({
      kind: 'not-covered',
      text: P.transferPhrase,
    });
    expect(composeRetrievalReply('你们老板是谁', [], P, 0.2).kind).toBe('not-covered');
  });

  it('greets small talk', () => {
    expect(composeRetrievalReply('你好呀', [faq], P, 0.2)).toEqual({ kind: 'small-talk', text: P.greeting });
  });
});
