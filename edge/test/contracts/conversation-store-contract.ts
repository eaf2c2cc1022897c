import { describe, expect, it } from 'vitest';
import type { ConversationStore, StoredReply } from '../../src/ports/conversation-store.ts';

/** One behavioural contract, run against every ConversationStore adapter. */
export function runConversationStoreContract(name: string, create: () => Promise<ConversationStore>) {
  const reply = (id: string, text: string): StoredReply => ({
    id,
    text,
    reasoning: '内部',
    sources: [{ id: 'faq:F001', title: '下单后多久发货？' }],
    finishReason: 'stop',
    mode: 'model',
    timings: { retrievalMs: 1, firstTokenMs: 2, totalMs: 3 },
    retrieved: [{ id: 'faq:F001', score: 0.9 }],
    createdAt: '2026-11-24T10:00:01.000Z',
    events: [{ type: 'text-delta', data: { delta: text } }],
  });
  let n = 0;
  const cid = () => `contract_${Date.now()}_${n++}`;

  describe(`ConversationStore contract: ${name}`, () => {
    it('knows which conversations exist and ensure() is idempotent', async () => {
      const store = await create();
      const id = cid();
      expect(await store.exists(id)).toBe(false);
      await store.ensure(id, '2026-11-24T10:00:00.000Z');
      await store.ensure(id, '2026-11-24T11:00:00.000Z');
      expect(await store.exists(id)).toBe(true);
    });

    it('adds a customer message once per message id', async () => {
      const store = await create();
      const id = cid();
      await store.ensure(id, '2026-11-24T10:00:00.000Z');
      const m = {
        id: 'm1',
        text: '你好',
        context: { sku: 'CUP-350-BL' },
        createdAt: '2026-11-24T10:00:00.000Z',
      };
      const first = await store.addCustomerMessage(id, m);
      const again = await store.addCustomerMessage(id, { ...m, text: '改过的文字' });
      expect(first.created).toBe(true);
      expect(again).toEqual({
        created: false,
        turn: {
          messageId: 'm1',
          text: '你好',
          context: { sku: 'CUP-350-BL' },
          createdAt: m.createdAt,
          reply: null,
        },
      });
      expect(await store.turns(id)).toHaveLength(1);
    });

    it('stores replies and returns turns oldest first, limited to the most recent', async () => {
      const store = await create();
      const id = cid();
      await store.ensure(id, '2026-11-24T10:00:00.000Z');
      for (const k of [1, 2, 3]) {
        await store.addCustomerMessage(id, {
          id: `m${k}`,
          text: `问${k}`,
          createdAt: `2026-11-24T10:0${k}:00.000Z`,
        });
        await store.saveReply(id, `m${k}`, reply(`r${k}`, `答${k}`));
      }
      const all = await store.turns(id);
      expect(all.map((t) => [t.text, t.reply?.text])).toEqual([
        ['问1', '答1'],
        ['问2', '答2'],
        ['问3', '答3'],
      ]);
      expect(all[0]!.reply).toEqual(reply('r1', '答1'));
      expect((await store.turns(id, 2)).map((t) => t.text)).toEqual(['问2', '问3']);
    });

    it('accepts feedback for a stored reply or the whole conversation, and refuses an unknown reply', async () => {
      const store = await create();
      const id = cid();
      await store.ensure(id, '2026-11-24T10:00:00.000Z');
      await store.addCustomerMessage(id, { id: 'm1', text: '问', createdAt: '2026-11-24T10:00:00.000Z' });
      await store.saveReply(id, 'm1', reply('r1', '答'));
      const at = '2026-11-24T10:05:00.000Z';
      expect(await store.saveFeedback(id, { replyId: 'r1', rating: 'up', createdAt: at })).toBe(true);
      expect(await store.saveFeedback(id, { replyId: 'r1', rating: 'down', createdAt: at })).toBe(true);
      expect(await store.saveFeedback(id, { score: 5, comment: '很快', createdAt: at })).toBe(true);
      expect(await store.saveFeedback(id, { replyId: 'nope', rating: 'up', createdAt: at })).toBe(false);
    });

    it('keeps conversations apart', async () => {
      const store = await create();
      const [a, b] = [cid(), cid()];
      await store.ensure(a, '2026-11-24T10:00:00.000Z');
      await store.ensure(b, '2026-11-24T10:00:00.000Z');
      await store.addCustomerMessage(a, { id: 'same', text: 'A', createdAt: '2026-11-24T10:00:00.000Z' });
      const inB = await store.addCustomerMessage(b, {
        id: 'same',
        text: 'B',
        createdAt: '2026-11-24T10:00:00.000Z',
      });
      expect(inB.created).toBe(true);
      expect((await store.turns(a)).map((t) => t.text)).toEqual(['A']);
    });

    it('answers a readiness ping', async () => {
      const store = await create();
      expect(store.ping).toBeTypeOf('function');
      await expect(store.ping!()).resolves.toBeUndefined();
    });
  });
}
