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
  /**
   * Warm-up before the measured `durationMs`: customers start one after another across it (not all in the same
   * millisecond, which no shop sees and which keeps fixed-length chats in lockstep), and replies that began in it
   * are not counted. Default 0: everyone starts at once and everything counts.
   */
  warmupMs?: number;
  /** Pause of a client after a failed request, so a dead server is not hammered in a tight loop. */
  errorBackoffMs?: number;
  onProgress?: (p: LevelProgress) => void;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Closed-loop load: `concurrency` simulated customers, each sending the next question as soon as its previous reply
 * ended, until the warm-up plus `durationMs` is over; replies in flight at the deadline are awaited (bounded by the
 * target's timeout). Only replies that began after the warm-up are measured.
 */
export async function runLoadLevel(options: RunLevelOptions): Promise<LevelSummary> {
  const { target, questions, concurrency, durationMs } = options;
  const samples: RequestSample[] = [];
  const warmup: RequestSample[] = [];
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const warmupMs = options.warmupMs ?? 0;
  /** When the measured part begins. */
  const started = performance.now() + warmupMs;
  const deadline = started + durationMs;
  let next = 0;
  let inFlight = 0;
  /** Failed measured samples, counted as they arrive (a progress tick must not rescan every sample). */
  let errors = 0;
  const report = () =>
    options.onProgress?.({
      concurrency,
      elapsedMs: Math.max(0, performance.now() - started),
      durationMs,
      requests: samples.length,
      errors,
      inFlight,
    });
  const ticker = options.onProgress ? setInterval(report, 250) : undefined;

  async function customer(offset: number) {
    if (warmupMs > 0) await sleep((offset / concurrency) * warmupMs);
    while (performance.now() < deadline && !controller.signal.aborted) {
      const question = questions[(offset + next++) % questions.length]!;
      inFlight++;
      const sentAt = performance.now();
      const sample = await target(question, controller.signal);
      inFlight--;
      if (sentAt < started) warmup.push(sample);
      else {
        samples.push(sample);
        if (!sample.ok) errors++;
      }
      if (!sample.ok) await sleep(options.errorBackoffMs ?? 50);
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => customer(i)));
  } finally {
    if (ticker) clearInterval(ticker);
  }
  report();
  const summary = summarizeLevel(concurrency, performance.now() - started, samples);
  if (warmupMs > 0) summary.warmup = { requests: warmup.length, errors: warmup.filter((s) => !s.ok).length };
  return summary;
}
