import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoOrderLookup } from './demo-orders.ts';

const json = readFileSync(
  resolve(import.meta.dirname, '../../../../examples/lizi-shop/demo-orders.json'),
  'utf8',
);
const orders = createDemoOrderLookup(json);

describe('demo order lookup: privacy', () => {
  it('finds an order by its number, and with the matching phone tail', async () => {
    expect((await orders.find({ orderId: '2026112408426617' }))?.status).toBe('已打包');
    expect((await orders.find({ orderId: '2026112408426617', phoneTail: '3019' }))?.orderId).toBe(
      '2026112408426617',
    );
  });

  it("never returns an order whose phone tail differs from the one given (another customer's)", async () => {
    expect(await orders.find({ orderId: '2026112408426617', phoneTail: '0000' })).toBeNull();
    expect(await orders.find({ orderId: '2026112408426617', phoneTail: '3821' })).toBeNull();
    expect(await orders.find({ orderId: '9999999999999999' })).toBeNull();
  });

  it('lists recent orders only for a proved number + tail pair, and only that tail', async () => {
    const now = Date.parse('2026-11-24T16:00:00+08:00');
    const mine = await orders.recent({ orderId: '2026112408426617', phoneTail: '3019' }, now);
    expect(mine.map((o) => o.orderId)).toEqual(['2026112408426617']);
    expect(mine.every((o) => o.phoneTail === '3019')).toBe(true);
    expect(await orders.recent({ orderId: '2026112408426617', phoneTail: '3821' }, now)).toEqual([]);
  });

  it('rejects a file with an entry missing its order number, naming the entry', () => {
    expect(() =>
      createDemoOrderLookup('[{"created_at":"x","status":"s","phone_tail":"1","items":[]}]'),
    ).toThrow(/entry 0 needs "order_id"/);
  });
});
