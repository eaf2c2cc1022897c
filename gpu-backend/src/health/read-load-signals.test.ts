import { describe, expect, it } from 'vitest';
import { serverRoot } from './probe-request.ts';
import { loadSignalsFromMetrics } from './read-load-signals.ts';

// Shape of vLLM's /metrics (docs.vllm.ai usage/metrics): HELP/TYPE comments, model_name and engine labels.
const V1_METRICS = `# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{engine="0",model_name="qwen3-0.6b"} 37.0
vllm:num_requests_running{engine="1",model_name="qwen3-0.6b"} 5.0
# TYPE vllm:num_requests_waiting gauge
vllm:num_requests_waiting{engine="0",model_name="qwen3-0.6b"} 4.0
# TYPE vllm:kv_cache_usage_perc gauge
vllm:kv_cache_usage_perc{engine="0",model_name="qwen3-0.6b"} 0.42
vllm:kv_cache_usage_perc{engine="1",model_name="qwen3-0.6b"} 0.61
vllm:time_to_first_token_seconds_bucket{le="+Inf",model_name="qwen3-0.6b"} 12.0
`;

describe('loadSignalsFromMetrics', () => {
  it('adds running and waiting across engines and takes the fullest KV cache', () => {
    expect(loadSignalsFromMetrics(V1_METRICS, 'qwen3-0.6b')).toEqual({
      running: 42,
      waiting: 4,
      kvCacheUsage: 0.61,
    });
  });

  it('reads the pre-V1 gauge name gpu_cache_usage_perc', () => {
    const v0 =
      'vllm:gpu_cache_usage_perc{model_name="m"} 0.25\nvllm:num_requests_running{model_name="m"} 3\n';
    expect(loadSignalsFromMetrics(v0, 'm')).toEqual({ running: 3, waiting: null, kvCacheUsage: 0.25 });
  });

  it('ignores samples of another model and malformed lines', () => {
    const text =
      'vllm:num_requests_running{model_name="other"} 9\ngarbage line\nvllm:num_requests_running{model_name="m"} 1\n';
    expect(loadSignalsFromMetrics(text, 'm').running).toBe(1);
  });
});

describe('serverRoot', () => {
  it('accepts the server root and the OpenAI base URL', () => {
    expect(serverRoot('http://gpu-1:8000')).toBe('http://gpu-1:8000');
    expect(serverRoot('http://gpu-1:8000/v1/')).toBe('http://gpu-1:8000');
    expect(() => serverRoot('gpu-1:8000')).toThrow(/http:\/\//);
  });
});
