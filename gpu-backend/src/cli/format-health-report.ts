import type { BackendReport, CheckResult } from '../health/index.ts';
import { isUnreachable } from '../health/probe-request.ts';

/** Exit codes of the health CLI, for Docker and Kubernetes probes: only 0 means "send traffic". */
export const HEALTH_EXIT = { ready: 0, notReady: 1, unreachable: 2, unauthorized: 3, usage: 64 } as const;

export function exitCodeFor(report: BackendReport): number {
  if (report.ready) return HEALTH_EXIT.ready;
  if (isUnreachable(report.failure)) return HEALTH_EXIT.unreachable;
  if (report.failure?.kind === 'unauthorized') return HEALTH_EXIT.unauthorized;
  return HEALTH_EXIT.notReady;
}

function line(name: string, what: string, r: CheckResult | null, okText: string): string {
  if (!r) return `  -  ${name.padEnd(10)} ${what}: skipped`;
  if (r.ok) return `  ok ${name.padEnd(10)} ${what}: ${okText} (${r.latencyMs} ms)`;
  return `  !! ${name.padEnd(10)} ${what}: ${r.failure?.message ?? 'failed'}`;
}

/** The report as a few lines for a person at a terminal. */
export function formatHealthReport(report: BackendReport): string {
  const out = [`${report.url} (model "${report.model}")`];
  out.push(line('live', 'GET /health', report.live, `HTTP ${report.live.status}`));
  out.push(
    line('ready', 'GET /v1/models', report.models, `serves ${report.models?.served.join(', ') ?? ''}`),
  );
  out.push(line('deep', '1-token completion', report.completion, 'decoded'));
  const load = report.load;
  out.push(
    load
      ? `  -- load       running ${load.running ?? '?'}, waiting ${load.waiting ?? '?'}, KV cache ${
          load.kvCacheUsage === null ? '?' : `${(load.kvCacheUsage * 100).toFixed(1)}%`
        }`
      : '  -- load       /metrics not exposed',
  );
  out.push(report.ready ? 'READY' : `NOT READY: ${report.failure?.message ?? ''}`);
  return out.join('\n');
}
