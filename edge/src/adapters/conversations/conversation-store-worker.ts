/**
 * Worker-thread entry of `createWorkerConversationStore`: opens the PGlite conversation store in `workerData.dataDir`
 * (memory when absent) and answers `{ id, method, args }` calls from the main thread with `{ id, value }` or
 * `{ id, error }`. PGlite runs its Postgres (WASM) and its file writes synchronously, so on the main thread
 * every query and write would stall every open chat stream; here it stalls only this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import { createPgliteConversationStore } from './pglite-conversation-store.ts';

export interface StoreCall {
  id: number;
  /** A method of the port, or `close`: close the database cleanly, answer, and let the thread end. */
  method: keyof ConversationStore | 'close';
  args: unknown[];
}
export type StoreAnswer =
  | { id: number; value: unknown }
  | { id: number; error: { name: string; message: string } };
/** The first message the worker sends: the store is open, or why it could not be opened. */
export type StoreOpened = { opened: true } | { opened: false; error: string };

const port = parentPort;
if (!port) throw new Error('conversation-store-worker.ts runs only as a worker thread');

try {
  const { store, close } = await createPgliteConversationStore(
    (workerData as { dataDir?: string } | undefined)?.dataDir,
  );
  port.on('message', async ({ id, method, args }: StoreCall) => {
    let answer: StoreAnswer;
    try {
      if (method === 'close') {
        await close();
        port.postMessage({ id, value: null } satisfies StoreAnswer);
        port.close();
        return;
      }
      const fn = store[method] as (...a: unknown[]) => Promise<unknown>;
      answer = { id, value: await fn.apply(store, args) };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      answer = { id, error: { name: e.name, message: e.message } };
    }
    port.postMessage(answer);
  });
  port.postMessage({ opened: true } satisfies StoreOpened);
} catch (err) {
  port.postMessage({ opened: false, error: (err as Error).message } satisfies StoreOpened);
}
