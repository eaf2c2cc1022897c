import type { Clock } from '../../src/ports/clock.ts';

/** A Clock that stands still until the test moves it with `advance(ms)`. */
export function manualClock(
  start = Date.parse('2026-11-25T10:00:00Z'),
): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}
