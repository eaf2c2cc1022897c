import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConversationStoreContract } from '../../../test/contracts/conversation-store-contract.ts';
import { createPgliteConversationStore } from './pglite-conversation-store.ts';
import { createWorkerConversationStore } from './worker-conversation-store.ts';

const opened = createWorkerConversationStore();
afterAll(async () => (await opened).close());
runConversationStoreContract('PGlite on a worker thread', async () => (await opened).store);

describe('worker-thread conversation store', () => {
  it('persists in its data folder, in the same format as the store on the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xiaoer-worker-store-'));
    try {
      const first = await createWorkerConversationStore(dir);
      await first.store.ensure('c_persist', '2026-11-24T10:00:00.000Z');
      // Calls sent just before close() are answered before the database closes.
      const added = first.store.addCustomerMessage('c_persist', {
        id: 'm1',
        text: '还在吗',
        createdAt: '2026-11-24T10:00:00.000Z',
      });
      await first.close();
      expect((await added).created).toBe(true);
      const second = await createPgliteConversationStore(dir);
      expect((await second.store.turns('c_persist')).map((t) => t.text)).toEqual(['还在吗']);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with the message of an error raised in the worker, and keeps serving', async () => {
    const { store } = await opened;
    // Postgres refuses a negative LIMIT; the error happens inside the worker's database.
    await expect(store.turns('c_any', -1)).rejects.toThrow(/LIMIT must not be negative/);
    expect(await store.exists('c_never_opened')).toBe(false);
  });

  it('says why it cannot open its data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xiaoer-worker-store-'));
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    try {
      await expect(createWorkerConversationStore(file)).rejects.toThrow(
        /Could not open the conversation store in .*not-a-folder/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects calls after close() with a clear error', async () => {
    const s = await createWorkerConversationStore();
    await s.close();
    await expect(s.store.exists('c_x')).rejects.toThrow('The conversation store is closed.');
    await s.close();
  });
});
