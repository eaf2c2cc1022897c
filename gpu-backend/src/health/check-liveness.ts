import { type CheckFailure, type ProbeOptions, probeRequest, statusField } from './probe-request.ts';

/** Outcome of one check. `latencyMs` is the time to the whole answer (or to the failure). */
export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  status?: number;
  failure?: CheckFailure;
}

/**
 * Liveness: `GET /health` answers 200 (vLLM: empty body; 503 once the engine died). Says the process serves HTTP, not
 * that it serves the right model.
 * @example const live = await checkLiveness({ baseUrl: 'http://gpu-1:8000', model: 'qwen3-0.6b' });
 */
export async function checkLiveness(options: ProbeOptions): Promise<CheckResult> {
  const r = await probeRequest(options, '/health');
  if (r.ok) return { ok: true, latencyMs: r.latencyMs, status: r.status };
  if (r.status !== undefined && r.status >= 500) {
    return {
      ok: false,
      latencyMs: r.latencyMs,
      status: r.status,
      failure: {
        kind: 'unhealthy',
        message: `/health answered ${r.status}: the vLLM engine is dead or restarting. Read the container log (docker compose logs) and restart the replica.`,
      },
    };
  }
  return {
    ok: false,
    latencyMs: r.latencyMs,
    ...statusField(r),
    failure: r.failure,
  };
}
