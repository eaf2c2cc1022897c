import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VectorStore } from '../../src/ports/vector-store.ts';

/** The behaviour every VectorStore adapter must have; run it once per adapter. Vectors have 3 dimensions. */
export function runVectorStoreContract(
  name: string,
  create: () => Promise<VectorStore & { close?(): Promise<void> }>,
) {
  describe(`VectorStore contract: ${name}`, () => {
    let store: VectorStore & { close?(): Promise<void> };
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close?.();
    });

    it('returns nothing from an empty store', async () => {
      expect(await store.query([1, 0, 0], 3)).toEqual([]);
    });

    it('ranks by cosine similarity, best first, at most k', async () => {
      await store.upsert([
        { id: 'x', values: [1, 0, 0] },
        { id: 'y', values: [0, 1, 0] },
        { id: 'xy', values: [1, 1, 0] },
      ]);
      const hits = await store.query([2, 0.1, 0], 2);
      expect(hits.map((h) => h.id)).toEqual(['x', 'xy']);
      expect(hits[0]!.score).toBeCloseTo(0.9988, 3);
      expect(hits[1]!.score).toBeCloseTo(0.7418, 3);
    });

    it('replaces a vector with the same id and deletes by id', async () => {
      await store.upsert([
        { id: 'a', values: [1, 0, 0] },
        { id: 'b', values: [0, 0, 1] },
      ]);
      await store.upsert([{ id: 'a', values: [0, 1, 0] }]);
      expect((await store.query([0, 1, 0], 1))[0]).toMatchObject({ id: 'a' });
      await store.delete(['a', 'missing']);
      expect((await store.query([0, 1, 0], 5)).map((h) => h.id)).toEqual(['b']);
    });

    it('writes more than one batch', async () => {
      const items = Array.from({ length: 2100 }, (_, i) => ({ id: `c${i}`, values: [1, i / 2100, 0] }));
      await store.upsert(items);
      expect((await store.query([1, 1, 0], 1))[0]!.id).toBe('c2099');
      await store.delete(items.map((i) => i.id));
      expect(await store.query([1, 0, 0], 3)).toEqual([]);
    });
  });
}
