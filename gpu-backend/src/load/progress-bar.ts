import type { LevelProgress } from './run-load-level.ts';

/** One-line progress on a terminal (stderr), redrawn in place; silent when stderr is not a TTY. */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = Boolean(stream.isTTY);
  return {
    update(p: LevelProgress) {
      if (!enabled) return;
      const width = 20;
      const done = Math.min(1, p.elapsedMs / p.durationMs);
      const bar = '#'.repeat(Math.round(done * width)).padEnd(width, '-');
      const line = `c=${p.concurrency} [${bar}] ${Math.round(p.elapsedMs / 1000)}/${Math.round(p.durationMs / 1000)}s  ${p.requests} done, ${p.errors} errors, ${p.inFlight} in flight`;
      stream.write(`\r${line.padEnd((stream.columns ?? 100) - 1).slice(0, (stream.columns ?? 100) - 1)}`);
    },
    done() {
      if (enabled) stream.write('\n');
    },
  };
}
