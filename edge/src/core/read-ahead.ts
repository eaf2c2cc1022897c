/**
 * Runs an async iterator to its end at once, keeping what it yields, so its work goes ahead while the reader still
 * waits for something else; `next()` hands out the results in order, the end and a thrown error included.
 * @example const events = readAhead(answerTurn(...)); await stored; const first = await events.next();
 */
export function readAhead<T, R>(source: AsyncIterator<T, R>): { next(): Promise<IteratorResult<T, R>> } {
  const ready: Promise<IteratorResult<T, R>>[] = [];
  const readers: ((result: Promise<IteratorResult<T, R>>) => void)[] = [];
  void (async () => {
    for (;;) {
      const result = source.next();
      // Read or not, a failure here is the reader's to see; it is never an unhandled rejection.
      result.catch(() => {});
      const reader = readers.shift();
      if (reader) reader(result);
      else ready.push(result);
      try {
        if ((await result).done) return;
      } catch {
        return;
      }
    }
  })();
  return {
    next: () => ready.shift() ?? new Promise<IteratorResult<T, R>>((r) => readers.push(r)),
  };
}
