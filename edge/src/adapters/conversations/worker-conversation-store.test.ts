import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
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

describe('worker-thread conversation store when its thread dies', () => {
  // The test double's conversation id that ends its thread (test/fakes/stoppable-store-worker.ts).
  const STOP = 'stop-this-thread';
  const workerUrl = new URL('../../../test/fakes/stoppable-store-worker.ts', import.meta.url);
  const at = '2026-11-25T10:00:00.000Z';

  it('fails the calls in flight, refuses calls while down, and serves its data again after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xiaoer-worker-store-'));
    const lines: string[] = [];
    const s = await createWorkerConversationStore(dir, {
      workerUrl,
      restartDelayMs: 50,
      log: (l) => lines.push(l),
    });
    try {
      await s.store.ensure('c_kept', at);
      await s.store.addCustomerMessage('c_kept', { id: 'm1', text: '在吗', createdAt: at });

      await expect(s.store.exists(STOP)).rejects.toThrow(
        'The conversation store stopped (thread exit code 7); it is being restarted.',
      );
      // Until the new thread has opened the store, calls fail at once instead of waiting.
      await expect(s.store.turns('c_kept')).rejects.toThrow(/being restarted/);
      await expect(s.store.ping!()).rejects.toThrow(/being restarted/);

      await vi.waitFor(() => s.store.ping!(), { timeout: 10_000, interval: 50 });
      expect((await s.store.turns('c_kept')).map((t) => t.text)).toEqual(['在吗']);
      expect(lines).toEqual([
        'The conversation store stopped (thread exit code 7); it is being restarted. Next try in 50 ms.',
        `The conversation store in ${dir} is serving again.`,
      ]);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps trying, with doubling waits, while the store cannot be reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xiaoer-worker-store-'));
    const data = join(dir, 'conversations');
    mkdirSync(data);
    const lines: string[] = [];
    const s = await createWorkerConversationStore(data, {
      workerUrl,
      restartDelayMs: 300,
      maxRestartDelayMs: 1000,
      log: (l) => lines.push(l),
    });
    try {
      await s.store.ensure('c_kept', at);
      await expect(s.store.exists(STOP)).rejects.toThrow(/stopped/);
      // The data folder is out of reach (a file stands in its place) when the restarts begin.
      renameSync(data, join(dir, 'away'));
      writeFileSync(data, 'not a folder');
      await vi.waitFor(() => expect(lines.filter((l) => l.includes('could not restart'))).toHaveLength(2), {
        timeout: 10_000,
        interval: 50,
      });
      expect(lines[1]).toMatch(/^The conversation store could not restart: .*Next try in 600 ms\.$/);
      expect(lines[2]).toMatch(/Next try in 1000 ms\.$/);
      await expect(s.store.exists('c_kept')).rejects.toThrow(/being restarted/);

      rmSync(data);
      renameSync(join(dir, 'away'), data);
      await vi.waitFor(() => s.store.ping!(), { timeout: 10_000, interval: 50 });
      expect(await s.store.exists('c_kept')).toBe(true);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes even when its thread dies while closing', async () => {
    const s = await createWorkerConversationStore(undefined, { workerUrl, log: () => {} });
    // The thread ends on this call, before it reads the close request sent right after it.
    const call = s.store.exists(STOP).catch((e: unknown) => e);
    await s.close();
    expect(await call).toMatchObject({ message: 'The conversation store is closed.' });
  });

  it('does not restart once closed', async () => {
    const lines: string[] = [];
    const s = await createWorkerConversationStore(undefined, {
      workerUrl,
      restartDelayMs: 50,
      log: (l) => lines.push(l),
    });
    await expect(s.store.exists(STOP)).rejects.toThrow(/stopped/);
    await s.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(lines.some((l) => l.includes('serving again'))).toBe(false);
    await expect(s.store.ping!()).rejects.toThrow('The conversation store is closed.');
  });
});
