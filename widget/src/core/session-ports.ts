import type { UiMessage } from './ui-message.ts';

/** Synchronous string storage (localStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** What one tab tells the others about a conversation (BroadcastChannel in the browser). */
export type SyncMessage =
  | { type: 'message'; conversationId: string | null; message: UiMessage }
  | { type: 'conversation'; conversationId: string | null }
  | { type: 'open'; open: boolean };

export interface SyncChannel {
  post(message: SyncMessage): void;
  subscribe(listener: (message: SyncMessage) => void): () => void;
}

/** Network reachability as the browser reports it. */
export interface Connectivity {
  online(): boolean;
  /** Calls `listener` each time the network comes back; returns an unsubscribe function. */
  onOnline(listener: () => void): () => void;
}
