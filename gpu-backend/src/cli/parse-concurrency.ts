/** Parses `--concurrency 1,10,100` into the levels to run; throws a clear error for anything but whole numbers 1-20000. */
export function parseConcurrency(text: string): number[] {
  const levels = text.split(',').map((s) => Number(s.trim()));
  if (levels.length === 0 || levels.some((n) => !Number.isInteger(n) || n < 1 || n > 20_000)) {
    throw new Error(`--concurrency must be whole numbers from 1 to 20000, comma-separated (got "${text}")`);
  }
  return levels;
}
