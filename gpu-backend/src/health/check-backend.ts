import { type CheckResult, checkLiveness } from './check-liveness.ts';
import { checkReadiness, type ReadinessResult } from './check-readiness.ts';
import { probeCompletion } from './probe-completion.ts';
import { type CheckFailure, isUnreachable, type ProbeOptions } from './probe-request.ts';
import { type LoadSignals, readLoadSignals } from './read-load-signals.ts';

export interface BackendCheckOptions extends ProbeOptions {
  /** Also run the one-token completion (default true). */
  deep?: boolean;
  /** Also read `/metrics` (default true). */
  metrics?: boolean;
}

/** Everything known about one replica; `ready` is the answer a load balancer needs. */
export interface BackendReport {
  url: string;
  model: string;
  /** Live, lists the model, and (when deep) decodes a token. */
  ready: boolean;
  live: CheckResult;
  models: ReadinessResult | null;
  completion: CheckResult | null;
  load: LoadSignals | null;
  /** The first failure, for a one-line log; `null` when ready. */
  failure: CheckFailure | null;
  checkedAt: string;
}

/**
 * Runs liveness, then readiness and the deep probe, and reads load signals. Later checks are skipped once the server
 * is unreachable (each would wait for the same timeout).
 * @example
 * const report = await checkBackend({ baseUrl: 'http://gpu-1:8000/v1', model: 'qwen3-0.6b', timeoutMs: 2000 });
 * if (!report.ready) console.warn(report.failure?.message);
 */
export async function checkBackend(options: BackendCheckOptions): Promise<BackendReport> {
  const live = await checkLiveness(options);
  const [models, completion, load] = isUnreachable(live.failure)
    ? [null, null, null]
    : await Promise.all([
        checkReadiness(options),
        options.deep === false ? Promise.resolve(null) : probeCompletion(options),
        options.metrics === false ? Promise.resolve(null) : readLoadSignals(options),
      ]);
  // A wrong model name explains a failed completion better than the completion's own 404.
  const failure = live.failure ?? models?.failure ?? completion?.failure ?? null;
  return {
    url: options.baseUrl,
    model: options.model,
    ready: failure === null,
    live,
    models,
    completion,
    load,
    failure,
    checkedAt: new Date().toISOString(),
  };
}
