/**
 * Health checks for an OpenAI-compatible model server (vLLM). Fetch-only: runs on Node and Cloudflare Workers.
 * @example
 * import { checkBackend } from '@xiaoer/gpu-backend/health';
 * const report = await checkBackend({ baseUrl: 'http://gpu-1:8000/v1', model: 'qwen3-0.6b', apiKey });
 */
export { type BackendCheckOptions, type BackendReport, checkBackend } from './check-backend.ts';
export { type CheckResult, checkLiveness } from './check-liveness.ts';
export { checkReadiness, type ReadinessResult } from './check-readiness.ts';
export { type PrometheusSample, parsePrometheusText } from './parse-prometheus-text.ts';
export { probeCompletion } from './probe-completion.ts';
export {
  type CheckFailure,
  type FailureKind,
  type ProbeOptions,
  serverRoot,
} from './probe-request.ts';
export { type LoadSignals, loadSignalsFromMetrics, readLoadSignals } from './read-load-signals.ts';
