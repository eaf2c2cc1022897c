import { Worker } from 'node:worker_threads';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import type { StoreAnswer, StoreCall, StoreOpened } from './conversation-store-worker.ts';

/**
 * The Node default: the PGlite conversation store (persisted in `dataDir`, memory when undefined) running on its own
 * worker thread. PGlite executes queries and file writes synchronously, so on the main thread each
 * write would pause every chat being streamed; on a worker it costs the main thread one message each way.
 *
 * If the worker dies, pending and later calls reject with an error that says so (the process keeps serving replies
 * it can, and `close()` still resolves).
 */
export async function createWorkerConversationStore(
  dataDir?: string,
): Promise<{ store: ConversationStore; close(): Promise<void> }> {
  const worker = new Worker(new URL('./conversation-store-worker.ts', import.meta.url), {
    workerData: { dataDir },
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let stopped: Error | undefined;
  let closing = false;
  let next = 0;

  await new Promise<void>((resolve, reject) => {
    const onFirst = (m: StoreOpened) => {
      worker.off('error', onError);
      if (m.opened) resolve();
      else {
        void worker.terminate();
        reject(new Error(`Could not open the conversation store in ${dataDir ?? 'memory'}: ${m.error}`));
      }
    };
    const onError = (err: Error) => reject(err);
    worker.once('message', onFirst);
    worker.once('error', onError);
  });

  const fail = (reason: Error) => {
    stopped ??= reason;
    for (const p of pending.values()) p.reject(stopped);
    pending.clear();
  };
  worker.on('message', (m: StoreAnswer) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('error' in m) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
    else p.resolve(m.value);
  });
  worker.on('error', (err) =>
    fail(new Error(`The conversation store stopped: ${err.message}`, { cause: err })),
  );
  worker.on('exit', (code) => {
    if (!closing) fail(new Error(`The conversation store stopped (worker exit code ${code}).`));
  });

  // The worker answers with what the method returns: `T` is the port's return type, taken on trust across the thread.
  const call = <T>(method: StoreCall['method'], args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      if (stopped || closing) return reject(stopped ?? new Error('The conversation store is closed.'));
      const id = ++next;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies StoreCall);
    });

  const store: ConversationStore = {
    ensure: (...args) => call('ensure', args),
    exists: (...args) => call('exists', args),
    addCustomerMessage: (...args) => call('addCustomerMessage', args),
    saveReply: (...args) => call('saveReply', args),
    saveFeedback: (...args) => call('saveFeedback', args),
    turns: (...args) => call('turns', args),
  };

  return {
    store,
    /** Waits for the calls already sent, closes the database cleanly, then ends the thread. */
    async close() {
      if (closing) return;
      // Sent before `closing` is set, which refuses every later call: the worker answers it after the calls before it.
      const closed = call('close', []).catch(() => undefined);
      closing = true;
      await closed;
      fail(new Error('The conversation store is closed.'));
      await worker.terminate();
    },
  };
}
