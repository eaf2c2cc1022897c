import type { CancelSignal } from '../../ports/cancel-signal.ts';
import type { Timer } from '../../ports/timer.ts';

/** Timer over `setTimeout`, which Node and Workers both provide. */
export const platformTimer: Timer = {
  delay(ms: number, signal?: CancelSignal) {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(id);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const id = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    });
  },
};
