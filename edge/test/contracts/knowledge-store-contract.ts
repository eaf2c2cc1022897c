import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeStore, StoredChunk } from '../../src/ports/knowledge-store.ts';
import type { Passage } from '../../src/ports/retriever.ts';

const faq: Passage = {
  id: 'faq:F015',
  docId: 'faq:F015',
  kind: 'faq',
  title: '包邮吗？',
  text: '问：包邮吗？\n答：全店实付满49元包邮。',
  answer: '全店实付满49元包邮。',
  questions: ['包邮吗？', '满多少包邮'],
};
const product: Passage = {
  id: 'product:CUP-350-BL',
  docId: 'product:CUP-350-BL',
  kind: 'product',
  title: '栗子随行保温杯 350ml 雾霾蓝',
  text: 'SKU：CUP-350-BL\n颜色：蓝色',
  sku: 'CUP-350-BL',
  attributes: { color: '蓝色', size: '350ml' },
};
const policy: Passage = {
  id: 'policy:shipping#0',
  docId: 'policy:shipping',
  kind: 'policy',
  title: '发货时效说明 · 1. 每天的截单时间',
  text: '【发货时效说明】\n16:00前付款的订单当天发出，含引号"和逗号,',
  searchText: '16:00前付款的订单当天发出',
};
const chunk = (passage: Passage, hash: string): StoredChunk => ({ passage, hash });

/** The behaviour every KnowledgeStore adapter must have; run it once per adapter, each test on an empty store. */
export function runKnowledgeStoreContract(name: string, create: () => Promise<KnowledgeStore>) {
  describe(`KnowledgeStore contract: ${name}`, () => {
    let store: KnowledgeStore;
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts empty', async () => {
      expect(await store.states()).toEqual([]);
      expect(await store.passages()).toEqual([]);
    });

    it('keeps every field of every kind of passage, in id order', async () => {
      await store.apply({
        upsert: [
          { chunk: chunk(product, 'h2'), embeddedWith: null },
          { chunk: chunk(faq, 'h1'), embeddedWith: 'qwen3-embedding' },
          { chunk: chunk(policy, 'h3'), embeddedWith: null },
        ],
        delete: [],
      });
      expect(await store.passages()).toEqual([faq, policy, product]);
      const states = (await store.states()).sort((a, b) => a.id.localeCompare(b.id));
      expect(states).toEqual([
        { id: 'faq:F015', hash: 'h1', embeddedWith: 'qwen3-embedding' },
        { id: 'policy:shipping#0', hash: 'h3', embeddedWith: null },
        { id: 'product:CUP-350-BL', hash: 'h2', embeddedWith: null },
      ]);
    });

    it('replaces changed chunks and deletes removed ones in one change', async () => {
      await store.apply({
        upsert: [
          { chunk: chunk(faq, 'h1'), embeddedWith: null },
          { chunk: chunk(policy, 'h3'), embeddedWith: null },
        ],
        delete: [],
      });
      const changed = { ...faq, answer: '满59元包邮。' };
      await store.apply({
        upsert: [{ chunk: chunk(changed, 'h1b'), embeddedWith: null }],
        delete: [policy.id],
      });
      expect(await store.passages()).toEqual([changed]);
      expect(await store.states()).toEqual([{ id: 'faq:F015', hash: 'h1b', embeddedWith: null }]);
    });

    it('applies nothing of a change that fails part-way', async () => {
      await store.apply({ upsert: [{ chunk: chunk(faq, 'h1'), embeddedWith: null }], delete: [] });
      const broken = { ...policy, title: null as unknown as string };
      await expect(
        store.apply({
          upsert: [
            { chunk: chunk(product, 'h2'), embeddedWith: null },
            { chunk: chunk(broken, 'h3'), embeddedWith: null },
          ],
          delete: [faq.id],
        }),
      ).rejects.toThrow();
      expect(await store.passages()).toEqual([faq]);
    });

    it('writes and deletes more than one batch', async () => {
      const many = Array.from({ length: 2500 }, (_, i) => ({
        chunk: chunk({ ...policy, id: `policy:big#${String(i).padStart(4, '0')}` }, `h${i}`),
        embeddedWith: null,
      }));
      await store.apply({ upsert: many, delete: [] });
      expect((await store.states()).length).toBe(2500);
      await store.apply({ upsert: [], delete: many.slice(0, 2400).map((m) => m.chunk.passage.id) });
      expect((await store.passages()).map((p) => p.id)).toEqual(
        many.slice(2400).map((m) => m.chunk.passage.id),
      );
    });
  });
}
