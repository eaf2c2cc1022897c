import type { CancelSignal } from '../ports/cancel-signal.ts';

export interface CancelSource {
  signal: CancelSignal;
  cancel(): void;
}

/**
 * A cancel signal that fires when `cancel()` is called or `parent` fires, for stopping one model request without
 * ending the turn (core/ compiles without DOM or Node types, so AbortController is not available here).
 */
export function createCancelSource(parent?: CancelSignal): CancelSource {
  const listeners = new Set<() => void>();
  let aborted = false;
  const cancel = () => {
    if (aborted) return;
    aborted = true;
    for (const l of [...listeners]) l();
    listeners.clear();
    parent?.removeEventListener('abort', cancel);
  };
  const signal: CancelSignal = {
    get aborted() {
      return aborted;
    },
    addEventListener(_type, listener) {
      if (aborted) listener();
      else listeners.add(listener);
    },
    removeEventListener(_type, listener) {
      listeners.delete(listener);
    },
  };
  if (parent?.aborted) aborted = true;
  else parent?.addEventListener('abort', cancel, { once: true });
  return { signal, cancel };
}
