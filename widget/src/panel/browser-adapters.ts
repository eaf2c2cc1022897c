import type { Connectivity, KeyValueStore, SyncChannel, SyncMessage } from '../core/session-ports.ts';

/** localStorage, or memory when it is unavailable (Safari private mode, blocked third-party storage). */
export function browserStorage(): KeyValueStore {
  const memory = new Map<string, string>();
  const ls = (() => {
    try {
      const s = globalThis.localStorage;
      s.setItem('xiaoer:probe', '1');
      s.removeItem('xiaoer:probe');
      return s;
    } catch {
      return undefined;
    }
  })();
  return {
    get: (k) => (ls ? ls.getItem(k) : (memory.get(k) ?? null)),
    set(k, v) {
      try {
        ls ? ls.setItem(k, v) : memory.set(k, v);
      } catch {
        memory.set(k, v); // quota exceeded: keep it for this page at least
      }
    },
    remove: (k) => (ls ? ls.removeItem(k) : memory.delete(k)),
  };
}

/** BroadcastChannel named after the storage key, so only tabs of the same shop (and customer) talk. */
export function broadcastSync(name: string): SyncChannel & { close(): void } {
  if (typeof BroadcastChannel !== 'function') return { post() {}, subscribe: () => () => {}, close() {} };
  const ch = new BroadcastChannel(name);
  return {
    post: (m) => ch.postMessage(m),
    subscribe(listener) {
      const fn = (e: MessageEvent<SyncMessage>) => listener(e.data);
      ch.addEventListener('message', fn);
      return () => ch.removeEventListener('message', fn);
    },
    close: () => ch.close(),
  };
}

export const browserConnectivity: Connectivity = {
  online: () => navigator.onLine !== false,
  onOnline(listener) {
    addEventListener('online', listener);
    return () => removeEventListener('online', listener);
  },
};
