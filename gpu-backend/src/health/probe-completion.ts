import type { CheckResult } from './check-liveness.ts';
import { type ProbeOptions, probeRequest, statusField } from './probe-request.ts';

/**
 * Deep probe: a one-token chat completion (thinking off, not streamed). It proves the engine schedules and decodes,
 * which `/health` does not; `latencyMs` includes the queue, so it rises when the replica is saturated.
 * @example const deep = await probeCompletion({ baseUrl: 'http://gpu-1:8000', model: 'qwen3-0.6b' });
 */
export async function probeCompletion(options: ProbeOptions): Promise<CheckResult> {
  const body = JSON.stringify({
    model: options.model,
    messages: [{ role: 'user', content: '你好' }],
    max_tokens: 1,
    temperature: 0,
    stream: false,
    // Qwen3 template switch: without it the single token would be `<think>`.
    chat_template_kwargs: { enable_thinking: false },
  });
  const r = await probeRequest(options, '/v1/chat/completions', { method: 'POST', body });
  if (!r.ok) {
    const wrongModel = r.status === 404 && r.body?.includes('does not exist');
    return {
      ok: false,
      latencyMs: r.latencyMs,
      ...statusField(r),
      failure: wrongModel
        ? {
            kind: 'wrong_model',
            message: `The completion was refused: model "${options.model}" does not exist.`,
          }
        : r.failure,
    };
  }
  try {
    const parsed = JSON.parse(r.body) as { choices?: unknown[] };
    if (!Array.isArray(parsed.choices) || parsed.choices.length === 0) throw new Error('no choices');
  } catch {
    return {
      ok: false,
      latencyMs: r.latencyMs,
      status: r.status,
      failure: {
        kind: 'bad_response',
        message: `The completion answered 200 without choices (${r.body.slice(0, 120)}).`,
      },
    };
  }
  return { ok: true, latencyMs: r.latencyMs, status: r.status };
}
