import { describe, expect, it } from 'vitest';
import type { Passage } from '../ports/retriever.ts';
import { createLexicalRetriever } from './create-lexical-retriever.ts';
import { DEFAULT_SYNONYMS } from './default-synonyms.ts';
import { createSynonyms } from './synonyms.ts';

const faq = (id: string, questions: string[], answer: string): Passage => ({
  id: `faq:${id}`,
  docId: `faq:${id}`,
  kind: 'faq',
  title: questions[0]!,
  text: `问：${questions.join('；')}\n答：${answer}`,
  answer,
  questions,
});
const policy = (id: string, n: number, title: string, text: string): Passage => ({
  id: `policy:${id}#${n}`,
  docId: `policy:${id}`,
  kind: 'policy',
  title,
  text: `【${title}】\n${text}`,
});
const product = (sku: string, name: string, color: string, features: string): Passage => ({
  id: `product:${sku}`,
  docId: `product:${sku}`,
  kind: 'product',
  title: name,
  text: `SKU：${sku}\n名称：${name}\n颜色：${color}\n卖点：${features}`,
  sku,
  attributes: { name, color, features },
});

const passages = [
  faq('F1', ['包邮吗？', '满多少包邮'], '全店实付满49元包邮。'),
  faq('F2', ['退款多久到账？', '钱多久退回来'], '微信、支付宝1-3个工作日到账。'),
  faq('F3', ['支持货到付款吗？'], '不支持货到付款。'),
  policy(
    'shipping',
    0,
    '发货时效说明 · 截单时间',
    '16:00前付款的订单当天发出；周日12:00以后付款的周一发出。',
  ),
  policy('warranty', 0, '保修说明 · 保修期', '充电宝保修12个月，电芯鼓包属于质量问题。'),
  product('CUP-BL', '随行保温杯 350ml 雾霾蓝', '蓝色', '可装热水'),
  product('CUP-WH', '随行保温杯 350ml 奶油白', '白色', '可装热水'),
  product('PWR-20K', '大容量充电宝 20000mAh', '黑色', '3C认证'),
];

describe('createLexicalRetriever', () => {
  const r = createLexicalRetriever(passages);

  it('matches an FAQ through any of its phrasings', async () => {
    const [top] = await r.retrieve('满多少钱包邮啊', { k: 3 });
    expect(top!.id).toBe('faq:F1');
  });

  it('finds passages through synonyms (退钱 ~ 退款, 星期天 ~ 周日, 寄出 ~ 发出)', async () => {
    expect((await r.retrieve('退钱要几天', { k: 1 }))[0]!.id).toBe('faq:F2');
    expect((await r.retrieve('星期天下午拍的什么时候寄出', { k: 1 }))[0]!.id).toBe('policy:shipping#0');
  });

  it('tells colour variants apart by their attributes', async () => {
    expect((await r.retrieve('白的那个保温杯能装热水吗', { k: 1 }))[0]!.id).toBe('product:CUP-WH');
    expect((await r.retrieve('蓝色保温杯能装热水吗', { k: 1 }))[0]!.id).toBe('product:CUP-BL');
  });

  it('uses earlier turns for a follow-up question', async () => {
    const alone = await r.retrieve('这个保修多久', { k: 3 });
    const followUp = await r.retrieve('这个保修多久', { k: 3, history: ['我买了个20000毫安的充电宝'] });
    expect(followUp.map((p) => p.id)).toContain('product:PWR-20K');
    expect(alone.map((p) => p.id)).not.toContain('product:PWR-20K');
  });

  it('keeps scores in 0..1, best first, and returns nothing for a message without terms', async () => {
    const hits = await r.retrieve('包邮吗？满多少包邮', { k: 8 });
    for (const h of hits) expect(h.score).toBeGreaterThan(0);
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(await r.retrieve('？！。', { k: 3 })).toEqual([]);
    expect(await r.size()).toBe(passages.length);
  });

  it('gives the last slot to another kind when the best are all of one kind', async () => {
    const many = [
      ...['A', 'B', 'C'].map((x) => faq(x, [`鼓包的充电宝怎么办${x}`], '联系客服。')),
      policy('warranty', 0, '保修说明', '充电宝电芯鼓包属于质量问题。'),
    ];
    const even = { policy: 1, faq: 1, product: 1 };
    const mixed = await createLexicalRetriever(many, { weights: { kind: even } }).retrieve(
      '充电宝鼓包了怎么办',
      {
        k: 3,
      },
    );
    expect(mixed.map((h) => h.kind)).toEqual(['faq', 'faq', 'policy']);
    const pure = await createLexicalRetriever(many, {
      weights: { mixKinds: 1, kind: even },
    }).retrieve('充电宝鼓包了怎么办', { k: 3 });
    expect(pure.map((h) => h.kind)).toEqual(['faq', 'faq', 'faq']);
  });

  it('takes shop synonyms', async () => {
    const shop = createLexicalRetriever(passages, {
      synonyms: createSynonyms([...DEFAULT_SYNONYMS, ['货到付款', '到付', 'cod']]),
    });
    expect((await shop.retrieve('能cod吗', { k: 1 }))[0]!.id).toBe('faq:F3');
    expect(await createLexicalRetriever(passages).retrieve('能cod吗', { k: 1 })).toEqual([]);
  });
});
