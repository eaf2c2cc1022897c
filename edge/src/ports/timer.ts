import type { CancelSignal } from './cancel-signal.ts';

/** Waiting, injected so core code never touches platform timers and tests can control time. */
export interface Timer {
  /** Resolves after `ms`, or at once when `signal` fires (the timer is then cleared). */
  delay(ms: number, signal?: CancelSignal): Promise<void>;
}
