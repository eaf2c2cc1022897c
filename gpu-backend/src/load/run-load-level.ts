import type { LoadTarget, RequestSample } from './request-sample.ts';
import { type LevelSummary, summarizeLevel } from './summarize-level.ts';

export interface LevelProgress {
  concurrency: number;
  elapsedMs: number;
  durationMs: number;
  requests: number;
  errors: number;
  inFlight: number;
}

export interface RunLevelOptions {
  target: LoadTarget;
  questions: string[];
  concurrency: number;
  durationMs: number;
  /** Pause of a client after a failed request, so a dead server is not hammered in a tight loop. */
  errorBackoffMs?: number;
  onProgress?: (p: LevelProgress) => void;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Closed-loop load: `concurrency` simulated customers, each sending the next question as soon as its previous reply
 * ended, until `durationMs` is over; replies in flight at the deadline are awaited (bounded by the target's timeout).
 */
export async function runLoadLevel(options: RunLevelOptions): Promise<LevelSummary> {
  const { target, questions, concurrency, durationMs } = options;
  const samples: RequestSample[] = [];
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const started = performance.now();
  const deadline = started + durationMs;
  let next = 0;
  let inFlight = 0;
  const report = () =>
    options.onProgress?.({
      concurrency,
      elapsedMs: performance.now() - started,
      durationMs,
      requests: samples.length,
      errors: samples.reduce((n, s) => n + (s.ok ? 0 : 1), 0),
      inFlight,
    });
  const ticker = options.onProgress ? setInterval(report, 250) : undefined;

  async function customer(offset: number) {
    while (performance.now() < deadline && !controller.signal.aborted) {
      const question = questions[(offset + next++) % questions.length]!;
      inFlight++;
      const sample = await target(question, controller.signal);
      inFlight--;
      samples.push(sample);
      if (!sample.ok) await sleep(options.errorBackoffMs ?? 50);
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => customer(i)));
  } finally {
    if (ticker) clearInterval(ticker);
  }
  report();
  return summarizeLevel(concurrency, performance.now() - started, samples);
}
