import type { LevelSummary, Percentiles } from './summarize-level.ts';

const f = (p: Percentiles | null) => (p ? `${p.p50} / ${p.p95} / ${p.p99}` : '-');

/** The levels as a Markdown table (pastes into the README as is). */
export function formatLoadReport(target: string, levels: LevelSummary[]): string {
  const rows = levels.map(
    (l) =>
      `| ${l.concurrency} | ${l.requests} | ${(l.errorRate * 100).toFixed(2)}% | ${f(l.ttftMs)} | ${f(l.tpotMs)} | ${f(l.e2eMs)} | ${l.outputTokensPerS} | ${l.requestsPerS} |`,
  );
  const errors = levels.flatMap((l) =>
    l.topErrors.map((e) => `- c=${l.concurrency}: ${e.count} x ${e.error}`),
  );
  const handoffs = levels.filter((l) => l.handoffs > 0).map((l) => `c=${l.concurrency}: ${l.handoffs}`);
  return [
    `Target: ${target}`,
    '',
    '| concurrency | requests | error rate | TTFT ms p50/p95/p99 | TPOT ms p50/p95/p99 | end-to-end ms p50/p95/p99 | output tokens/s | requests/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    ...(handoffs.length
      ? ['', `Handed to a human without a model call (no TTFT): ${handoffs.join(', ')}`]
      : []),
    ...(errors.length ? ['', 'Errors:', ...errors] : []),
  ].join('\n');
}
