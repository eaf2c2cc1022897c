import type { CancelSignal } from '../ports/cancel-signal.ts';
import type { LlmChunk } from '../ports/llm.ts';
import type { Timer } from '../ports/timer.ts';
import { createCancelSource } from './create-cancel-source.ts';

/**
 * The first-token budget: one timer for the whole wait before the answer (not one per reasoning chunk), and the
 * next chunk raced against it. `stop()` clears the timer once the answer started or the turn ended. Without a timer
 * the budget is not enforced.
 */
export function firstTokenBudget(timer: Timer | undefined, budgetMs: number, signal: CancelSignal) {
  const stop = createCancelSource(signal);
  const expired = timer?.delay(budgetMs, stop.signal).then(() => 'budget' as const);
  return {
    /** The next chunk before the answer has started, or 'budget' when the budget runs out first. */
    async next(iterator: AsyncIterator<LlmChunk>): Promise<IteratorResult<LlmChunk> | 'budget'> {
      const next = iterator.next();
      if (!expired) return next;
      const winner = await Promise.race([next, expired]);
      if (winner !== 'budget') return winner;
      // The timer also ends when the turn is cancelled (the customer left): that is no missed budget, and the
      // cancelled stream ends the turn as aborted.
      if (stop.signal.aborted) return next;
      next.catch(() => undefined);
      return winner;
    },
    stop: () => stop.cancel(),
  };
}
