import { expect, it } from 'vitest';
import { runVectorStoreContract } from '../../../test/contracts/vector-store-contract.ts';
import { createFakeVectorize } from '../../../test/fakes/fake-vectorize.ts';
import { createVectorizeVectorStore } from './vectorize-vector-store.ts';

runVectorStoreContract('Vectorize (fake binding)', async () =>
  createVectorizeVectorStore(createFakeVectorize(3)),
);

it('caps topK at the binding limit of 100', async () => {
  const store = createVectorizeVectorStore(createFakeVectorize(3));
  await store.upsert(Array.from({ length: 150 }, (_, i) => ({ id: `v${i}`, values: [1, i, 0] })));
  expect(await store.query([1, 0, 0], 500)).toHaveLength(100);
});
