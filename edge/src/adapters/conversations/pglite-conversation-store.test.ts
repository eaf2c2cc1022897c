import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runConversationStoreContract } from '../../../test/contracts/conversation-store-contract.ts';
import { createPgliteConversationStore } from './pglite-conversation-store.ts';

const opened = createPgliteConversationStore();
afterAll(async () => (await opened).close());
runConversationStoreContract('PGlite (in memory)', async () => (await opened).store);

it('persists conversations in its data folder across restarts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-pglite-'));
  try {
    const first = await createPgliteConversationStore(dir);
    await first.store.ensure('c_persist', '2026-11-24T10:00:00.000Z');
    await first.store.addCustomerMessage('c_persist', {
      id: 'm1',
      text: '还在吗',
      createdAt: '2026-11-24T10:00:00.000Z',
    });
    await first.close();
    const second = await createPgliteConversationStore(dir);
    expect((await second.store.turns('c_persist')).map((t) => t.text)).toEqual(['还在吗']);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
