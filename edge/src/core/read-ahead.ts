/**
 * Runs an async iterator ahead while nobody reads it, keeping what it yields, so its work goes on while the reader
 * still waits for something else. From the reader's first `next()` on, the kept results are handed out in order (the
 * end and a thrown error included) and then the source is read on demand, with no extra step per result.
 * @example const events = readAhead(answerTurn(...)); await stored; const first = await events.next();
 */
export function readAhead<T, R>(source: AsyncIterator<T, R>): { next(): Promise<IteratorResult<T, R>> } {
  const kept: Promise<IteratorResult<T, R>>[] = [];
  let reading = false;
  void (async () => {
    while (!reading) {
      const result = source.next();
      // Read or not, a failure here is the reader's to see; it is never an unhandled rejection.
      result.catch(() => {});
      kept.push(result);
      try {
        if ((await result).done) return;
      } catch {
        return;
      }
    }
  })();
  return {
    next: () => {
      reading = true;
      // The read-ahead always has its latest request kept, so an empty list means everything it asked for was read.
      return kept.shift() ?? source.next();
    },
  };
}
