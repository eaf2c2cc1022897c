import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.ts';
import { createRateLimiter } from './create-rate-limiter.ts';

describe('createRateLimiter', () => {
  it('lets a burst of perMinute through, then says how long to wait', () => {
    const clock = manualClock();
    const limit = createRateLimiter(6, clock);
    expect(Array.from({ length: 6 }, () => limit.take('a'))).toEqual([0, 0, 0, 0, 0, 0]);
    // One request comes back every 10 s at 6 a minute.
    expect(limit.take('a')).toBe(10);
    clock.advance(4000);
    expect(limit.take('a')).toBe(6);
    clock.advance(6000);
    expect(limit.take('a')).toBe(0);
    expect(limit.take('a')).toBe(10);
  });

  it('refuses without spending: waiting out Retry-After is enough', () => {
    const clock = manualClock();
    const limit = createRateLimiter(1, clock);
    expect(limit.take('a')).toBe(0);
    for (let i = 0; i < 5; i++) expect(limit.take('a')).toBe(60);
    clock.advance(60_000);
    expect(limit.take('a')).toBe(0);
  });

  it('refills to the limit and no further', () => {
    const clock = manualClock();
    const limit = createRateLimiter(3, clock);
    limit.take('a');
    clock.advance(3_600_000);
    expect([limit.take('a'), limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([0, 0, 0, 20]);
  });

  it('keeps keys apart', () => {
    const limit = createRateLimiter(1, manualClock());
    expect(limit.take('a')).toBe(0);
    expect(limit.take('a')).toBeGreaterThan(0);
    expect(limit.take('b')).toBe(0);
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used first', () => {
    const limit = createRateLimiter(1, manualClock(), 2);
    limit.take('a');
    limit.take('b');
    limit.take('a'); // refused, and now the most recently used
    limit.take('c'); // a third key: b, the least recently used, is forgotten
    expect(limit.take('a')).toBeGreaterThan(0);
    expect(limit.take('b')).toBe(0);
  });

  it('refuses a limit that is not positive', () => {
    expect(() => createRateLimiter(0, manualClock())).toThrow('perMinute must be positive (got 0)');
    expect(() => createRateLimiter(Number.NaN, manualClock())).toThrow(RangeError);
  });
});
