import type { RequestSample } from './request-sample.ts';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Results of one concurrency level. Latencies are ms over successful requests. */
export interface LevelSummary {
  concurrency: number;
  durationS: number;
  requests: number;
  errors: number;
  errorRate: number;
  /** Replies handed to a human without a model call (edge target only); they have no TTFT. */
  handoffs: number;
  ttftMs: Percentiles | null;
  /**
   * Successful requests answered by the model, and their TTFT: for a direct target every answer; for the edge the
   * ones it passed to the model (known when the target can tell), which is what an overhead compares.
   */
  modelAnswered: number;
  modelTtftMs: Percentiles | null;
  /** Time per output token after the first answer token: (e2e - ttft) / (answer tokens - 1). */
  tpotMs: Percentiles | null;
  e2eMs: Percentiles | null;
  outputTokensPerS: number;
  requestsPerS: number;
  /** Replies of the warm-up, not in the numbers above; its errors are reported, never hidden. */
  warmup?: { requests: number; errors: number };
  /** The most frequent error messages with their counts. */
  topErrors: { error: string; count: number }[];
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function stats(values: number[]): Percentiles | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s.at(-1)!),
  };
}

export function summarizeLevel(
  concurrency: number,
  elapsedMs: number,
  samples: RequestSample[],
): LevelSummary {
  const ok = samples.filter((s) => s.ok);
  const errors = samples.length - ok.length;
  const counts = new Map<string, number>();
  for (const s of samples)
    if (!s.ok) counts.set(s.error ?? 'unknown', (counts.get(s.error ?? 'unknown') ?? 0) + 1);
  const fromModel = ok.filter((s) => s.fromModel !== false);
  const ttfts = (list: RequestSample[]) => list.flatMap((s) => (s.ttftMs === undefined ? [] : [s.ttftMs]));
  const tokens = ok.reduce((sum, s) => sum + s.outputTokens, 0);
  const seconds = elapsedMs / 1000;
  return {
    concurrency,
    durationS: Math.round(seconds * 10) / 10,
    requests: samples.length,
    errors,
    errorRate: samples.length ? errors / samples.length : 0,
    handoffs: ok.filter((s) => s.handoff).length,
    ttftMs: stats(ttfts(ok)),
    modelAnswered: fromModel.length,
    modelTtftMs: stats(ttfts(fromModel)),
    tpotMs: stats(
      ok.flatMap((s) =>
        s.ttftMs !== undefined && s.answerTokens > 1 ? [(s.e2eMs - s.ttftMs) / (s.answerTokens - 1)] : [],
      ),
    ),
    e2eMs: stats(ok.map((s) => s.e2eMs)),
    outputTokensPerS: Math.round(tokens / seconds),
    requestsPerS: Math.round((samples.length / seconds) * 10) / 10,
    topErrors: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([error, count]) => ({ error, count })),
  };
}
