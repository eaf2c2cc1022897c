import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.ts';

describe('readAhead', () => {
  it('runs the source before anything is read, and hands out every result in order', async () => {
    const produced: number[] = [];
    async function* source() {
      for (const n of [1, 2, 3]) {
        await Promise.resolve();
        produced.push(n);
        yield n;
      }
      return 'end';
    }
    const ahead = readAhead(source());
    await new Promise((r) => setTimeout(r, 10));
    expect(produced).toEqual([1, 2, 3]);
    expect(await ahead.next()).toEqual({ value: 1, done: false });
    expect(await ahead.next()).toEqual({ value: 2, done: false });
    expect(await ahead.next()).toEqual({ value: 3, done: false });
    expect(await ahead.next()).toEqual({ value: 'end', done: true });
  });

  it('gives a reader that is faster than the source each result as it comes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* source() {
      yield 'a';
      await gate;
      yield 'b';
    }
    const ahead = readAhead(source());
    expect(await ahead.next()).toEqual({ value: 'a', done: false });
    const b = ahead.next();
    const c = ahead.next();
    release();
    expect(await b).toEqual({ value: 'b', done: false });
    expect(await c).toEqual({ value: undefined, done: true });
  });

  it('passes on an error after the results before it, without an unhandled rejection', async () => {
    async function* source() {
      yield 1;
      throw new Error('upstream broke');
    }
    const ahead = readAhead(source());
    await new Promise((r) => setTimeout(r, 10));
    expect(await ahead.next()).toEqual({ value: 1, done: false });
    await expect(ahead.next()).rejects.toThrow('upstream broke');
  });

  it("stops reading ahead once the reader reads: the source then runs at the reader's pace", async () => {
    let produced = 0;
    async function* source() {
      for (;;) {
        await new Promise((r) => setTimeout(r, 1));
        yield ++produced;
      }
    }
    const ahead = readAhead(source());
    await new Promise((r) => setTimeout(r, 20));
    const early = produced;
    expect(early).toBeGreaterThan(1);
    for (let n = 1; n <= early; n++) expect(await ahead.next()).toEqual({ value: n, done: false });
    // What was asked for before the first read is all there is: nothing more is produced until it is read.
    await new Promise((r) => setTimeout(r, 20));
    expect(produced).toBeLessThanOrEqual(early + 1);
    expect((await ahead.next()).value).toBe(early + 1);
    expect((await ahead.next()).value).toBe(early + 2);
  });
});
