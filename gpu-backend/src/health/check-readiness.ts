import type { CheckResult } from './check-liveness.ts';
import { type ProbeOptions, probeRequest, statusField } from './probe-request.ts';

export interface ReadinessResult extends CheckResult {
  /** Model names the server lists at `/v1/models` (empty when it could not be read). */
  served: string[];
}

/**
 * Readiness: `GET /v1/models` lists the configured model name. A replica that answers but serves another name would
 * fail every chat with 404, so it is not ready.
 * @example const r = await checkReadiness({ baseUrl: 'http://gpu-1:8000/v1', model: 'qwen3-0.6b', apiKey });
 */
export async function checkReadiness(options: ProbeOptions): Promise<ReadinessResult> {
  const r = await probeRequest(options, '/v1/models');
  if (!r.ok) {
    return {
      ok: false,
      latencyMs: r.latencyMs,
      served: [],
      ...statusField(r),
      failure: r.failure,
    };
  }
  let served: string[];
  try {
    const list = JSON.parse(r.body) as { data?: { id?: unknown }[] };
    if (!Array.isArray(list.data)) throw new Error('no data array');
    served = list.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
  } catch {
    return {
      ok: false,
      latencyMs: r.latencyMs,
      status: r.status,
      served: [],
      failure: {
        kind: 'bad_response',
        message: `/v1/models did not return an OpenAI model list (${r.body.slice(0, 120)}): is this URL a vLLM server?`,
      },
    };
  }
  if (!served.includes(options.model)) {
    return {
      ok: false,
      latencyMs: r.latencyMs,
      status: r.status,
      served,
      failure: {
        kind: 'wrong_model',
        message: `The server does not serve "${options.model}"; it lists ${served.length ? served.map((s) => `"${s}"`).join(', ') : 'no model'}. Make --served-model-name and the edge's LLM_MODEL the same.`,
      },
    };
  }
  return { ok: true, latencyMs: r.latencyMs, status: r.status, served };
}
