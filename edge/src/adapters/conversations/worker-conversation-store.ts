import { Worker } from 'node:worker_threads';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import type { StoreAnswer, StoreCall, StoreOpened } from './conversation-store-worker.ts';

export interface WorkerStoreOptions {
  /** The thread's entry: the PGlite store worker unless a test passes one it can make fail. */
  workerUrl?: URL;
  /** Wait before restarting a thread that stopped, ms; it doubles while restarts keep failing. Default 500. */
  restartDelayMs?: number;
  /** The longest wait between restarts, ms. Default 30,000. */
  maxRestartDelayMs?: number;
  /** Where the store reports that its thread stopped and came back; stderr by default. */
  log?: (line: string) => void;
}

/** A thread that served this long before it stopped is restarted after the shortest wait again. */
const STABLE_MS = 60_000;

/**
 * The Node default: the PGlite conversation store (persisted in `dataDir`, memory when undefined) running on its own
 * worker thread. PGlite executes queries and file writes synchronously, so on the main thread each
 * write would pause every chat being streamed; on a worker it costs the main thread one message each way.
 *
 * If the thread dies (PGlite's WASM aborts, the thread runs out of memory), its pending calls reject, and it is
 * started again on the same data folder: after half a second, then with doubling waits while reopening fails. Until
 * it is back, calls reject at once with an error that says so, and `ping()` (which `/readyz` uses) rejects too. The
 * process keeps serving what it can meanwhile, and `close()` still resolves.
 */
export async function createWorkerConversationStore(
  dataDir?: string,
  options: WorkerStoreOptions = {},
): Promise<{ store: ConversationStore; close(): Promise<void> }> {
  const workerUrl = options.workerUrl ?? new URL('./conversation-store-worker.ts', import.meta.url);
  const log = options.log ?? ((line: string) => console.error(`[xiaoer] ${line}`));
  const firstDelay = options.restartDelayMs ?? 500;
  const maxDelay = options.maxRestartDelayMs ?? 30_000;
  const where = dataDir ?? 'memory';
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  let worker: Worker | undefined;
  /** Why there is no thread to call: it stopped and a restart is due. */
  let down: Error | undefined;
  let closing = false;
  let delay = firstDelay;
  let restart: ReturnType<typeof setTimeout> | undefined;

  /** Starts a thread and resolves once its store is open; rejects with why it could not open. */
  const open = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = new Worker(workerUrl, { workerData: { dataDir } });
      const onError = (err: Error) => reject(err);
      const onExit = (code: number) =>
        reject(
          new Error(`The conversation store's thread ended (exit code ${code}) before the store opened.`),
        );
      w.once('error', onError);
      w.once('exit', onExit);
      w.once('message', (m: StoreOpened) => {
        w.off('error', onError);
        w.off('exit', onExit);
        if (m.opened) return resolve(w);
        void w.terminate();
        reject(new Error(`Could not open the conversation store in ${where}: ${m.error}`));
      });
    });

  /** Makes `w` the serving thread and watches it: once it stops, its calls fail and a restart is scheduled. */
  const serve = (w: Worker) => {
    worker = w;
    down = undefined;
    const startedAt = Date.now();
    w.on('message', (m: StoreAnswer) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('error' in m) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else p.resolve(m.value);
    });
    let stopped = false;
    const onStop = (why: string, cause?: Error) => {
      if (stopped) return;
      stopped = true;
      worker = undefined;
      // The calls it had not answered fail, whether the thread crashed or ended after close() (then none are left,
      // unless it died while closing: close() must not wait for an answer that will never come).
      const reason = closing
        ? new Error('The conversation store is closed.')
        : new Error(`The conversation store stopped (${why}); it is being restarted.`, { cause });
      for (const p of pending.values()) p.reject(reason);
      pending.clear();
      if (closing) return;
      down = reason;
      if (Date.now() - startedAt >= STABLE_MS) delay = firstDelay;
      log(`${down.message} Next try in ${delay} ms.`);
      scheduleRestart();
    };
    w.on('error', (err) => onStop(err.message, err));
    w.on('exit', (code) => onStop(`thread exit code ${code}`));
  };

  const scheduleRestart = () => {
    restart = setTimeout(async () => {
      restart = undefined;
      try {
        const w = await open();
        if (closing) return void w.terminate();
        serve(w);
        log(`The conversation store in ${where} is serving again.`);
      } catch (err) {
        if (closing) return;
        delay = Math.min(delay * 2, maxDelay);
        log(`The conversation store could not restart: ${(err as Error).message}. Next try in ${delay} ms.`);
        scheduleRestart();
      }
    }, delay);
  };

  // The first opening's failure is the caller's: a store that cannot open at start is a configuration error.
  serve(await open());

  // The worker answers with what the method returns: `T` is the port's return type, taken on trust across the thread.
  const call = <T>(method: StoreCall['method'], args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      if (closing) return reject(new Error('The conversation store is closed.'));
      if (!worker) return reject(down);
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
    ping: () => call('ping', []),
  };

  return {
    store,
    /** Waits for the calls already sent, closes the database cleanly, then ends the thread. */
    async close() {
      if (closing) return;
      clearTimeout(restart);
      const w = worker;
      // Sent before `closing` is set, which refuses every later call: the worker answers it after the calls before it.
      const closed = w ? call('close', []).catch(() => undefined) : undefined;
      closing = true;
      await closed;
      // Its exit rejects whatever is still unanswered.
      await w?.terminate();
    },
  };
}
