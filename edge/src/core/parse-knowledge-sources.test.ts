import { describe, expect, it } from 'vitest';
import { KnowledgeSourceError } from './knowledge-source-error.ts';
import { parseKnowledgeSources } from './parse-knowledge-sources.ts';

const faqCsv =
  'id,question,similar_questions,answer,category\nF1,包邮吗？,"满多少包邮|包不包邮","满49元包邮，偏远地区除外。",shipping\n';

describe('parseKnowledgeSources', () => {
  it('reads FAQ and product tables from CSV or JSON alike', () => {
    const fromCsv = parseKnowledgeSources([{ path: 'faq.csv', text: faqCsv }]);
    const fromJson = parseKnowledgeSources([
      {
        path: 'faq.json',
        text: JSON.stringify([
          {
            id: 'F1',
            question: '包邮吗？',
            similar_questions: ['满多少包邮', '包不包邮'],
            answer: '满49元包邮，偏远地区除外。',
            category: 'shipping',
          },
        ]),
      },
    ]);
    expect(fromJson).toEqual(fromCsv);
    expect(fromCsv[0]).toMatchObject({
      id: 'faq:F1',
      questions: ['包邮吗？', '满多少包邮', '包不包邮'],
      answer: '满49元包邮，偏远地区除外。',
    });
    const [product] = parseKnowledgeSources([
      {
        path: 'products.json',
        text: JSON.stringify([{ sku: 'CUP-1', name: '保温杯', color: '蓝色', price: 89 }]),
      },
    ]);
    expect(product).toMatchObject({
      id: 'product:CUP-1',
      sku: 'CUP-1',
      attributes: { name: '保温杯', color: '蓝色', price: '89' },
    });
  });

  it('chunks documents with their section titles and keeps a short section whole for the model', () => {
    const doc = `# 发货说明\n\n## 1. 截单\n\n1.1 ${'周一到周六16:00前付款当天发出。'.repeat(14)}\n1.2 周日12:00截单。\n\n## 2. 快递\n\n默认中通。`;
    const ps = parseKnowledgeSources([{ path: 'policies/shipping.md', text: doc }]);
    expect(ps.map((p) => p.title)).toEqual([
      '发货说明 · 1. 截单',
      '发货说明 · 1. 截单',
      '发货说明 · 2. 快递',
    ]);
    expect(ps[0]!.searchText).not.toContain('1.2 周日');
    expect(ps[0]!.text).toContain('1.2 周日12:00截单。');
    expect(ps[2]).toMatchObject({
      id: 'policy:shipping#2',
      docId: 'policy:shipping',
      text: '【发货说明 · 2. 快递】\n默认中通。',
    });
  });

  it('names the file and line of a bad input', () => {
    const bad = (path: string, text: string) => () => parseKnowledgeSources([{ path, text }]);
    expect(bad('faq.csv', `${faqCsv}F2,问,,答,other,多余\n`)).toThrow(KnowledgeSourceError);
    expect(bad('faq.csv', `${faqCsv}F2,问,,答,other,多余\n`)).toThrow(
      /^faq\.csv: line 3: expected 5 columns/,
    );
    expect(bad('faq.csv', `${faqCsv}F2,,,答,other\n`)).toThrow('faq.csv: line 3: "question" is empty');
    expect(bad('faq.json', '[\n{"id": "F1",\n}')).toThrow(/^faq\.json: line \d+: not valid JSON/);
    expect(bad('products.json', '{"sku":"A"}')).toThrow('products.json: expected a JSON array of objects');
    expect(bad('products.csv', 'name\n杯子\n')).toThrow('products.csv: product table needs a "sku" column');
  });

  it('skips files that are not knowledge', () => {
    expect(
      parseKnowledgeSources([
        { path: 'synonyms.txt', text: '退款 退钱' },
        { path: 'demo-orders.json', text: '{}' },
        { path: 'README.md', text: '# readme' },
      ]),
    ).toEqual([]);
  });
});
