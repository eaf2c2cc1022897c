import { parsePrometheusText } from './parse-prometheus-text.ts';
import { type ProbeOptions, probeRequest } from './probe-request.ts';

/** Load of one replica from vLLM's Prometheus gauges; `null` where the server does not expose the gauge. */
export interface LoadSignals {
  /** `vllm:num_requests_running`: sequences in the running batch. */
  running: number | null;
  /** `vllm:num_requests_waiting`: requests queued because the batch (`--max-num-seqs`) or KV cache is full. */
  waiting: number | null;
  /** KV-cache blocks in use, 0..1: `vllm:kv_cache_usage_perc` (V1 engine), `vllm:gpu_cache_usage_perc` before it. */
  kvCacheUsage: number | null;
}

// V1-engine name first; `gpu_cache_usage_perc` is the V0 name kept for older images (docs.vllm.ai usage/metrics).
const KV_GAUGES = ['vllm:kv_cache_usage_perc', 'vllm:gpu_cache_usage_perc'];

/** Reads the gauges from Prometheus text. Several engines (label sets) add up; KV usage takes the fullest. */
export function loadSignalsFromMetrics(text: string, model?: string): LoadSignals {
  const samples = parsePrometheusText(text).filter(
    (s) => model === undefined || s.labels.model_name === undefined || s.labels.model_name === model,
  );
  const pick = (names: string[], combine: (a: number, b: number) => number) => {
    for (const name of names) {
      const values = samples.filter((s) => s.name === name).map((s) => s.value);
      if (values.length) return values.reduce(combine);
    }
    return null;
  };
  return {
    running: pick(['vllm:num_requests_running'], (a, b) => a + b),
    waiting: pick(['vllm:num_requests_waiting'], (a, b) => a + b),
    kvCacheUsage: pick(KV_GAUGES, (a, b) => Math.max(a, b)),
  };
}

/**
 * Load signals from `GET /metrics`, or `null` when the server exposes no metrics (404, or an OpenAI-compatible server
 * that is not vLLM). Never decides readiness: a busy replica is still ready, the caller weighs the load.
 * @example const load = await readLoadSignals({ baseUrl: 'http://gpu-1:8000', model: 'qwen3-0.6b' });
 */
export async function readLoadSignals(options: ProbeOptions): Promise<LoadSignals | null> {
  const r = await probeRequest(options, '/metrics');
  if (!r.ok) return null;
  const signals = loadSignalsFromMetrics(r.body, options.model);
  return signals.running === null && signals.waiting === null && signals.kvCacheUsage === null
    ? null
    : signals;
}
