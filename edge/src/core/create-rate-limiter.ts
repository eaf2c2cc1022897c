import type { Clock } from '../ports/clock.ts';

/** Counts requests per key (a customer's address, a conversation) against a limit per minute. */
export interface RateLimiter {
  /** Counts one request for `key`: 0 when it is within the limit, else the whole seconds until one would be. */
  take(key: string): number;
}

/**
 * A token bucket per key: `perMinute` requests at once, refilled evenly over a minute, so a customer who sends a burst
 * of short messages gets through and a script that keeps sending is held to the rate. At most `maxKeys` buckets are
 * kept (least recently used first to go: a forgotten key starts full again), so a flood of new keys cannot grow
 * memory without bound.
 */
export function createRateLimiter(perMinute: number, clock: Clock, maxKeys = 50_000): RateLimiter {
  if (!(perMinute > 0)) throw new RangeError(`perMinute must be positive (got ${perMinute})`);
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = clock.now();
      const bucket = buckets.get(key);
      let tokens = perMinute;
      if (bucket) {
        tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
        // Re-inserted below: the map's order is the order of last use.
        buckets.delete(key);
      } else if (buckets.size >= maxKeys) {
        buckets.delete(buckets.keys().next().value!);
      }
      const allowed = tokens >= 1;
      buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
      return allowed ? 0 : Math.ceil((1 - tokens) / perMs / 1000);
    },
  };
}
