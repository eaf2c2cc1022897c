import { createSseParser, decodeChatEvent } from '@xiaoer/protocol';
import { describeError } from './describe-error.ts';
import { postStream } from './post-stream.ts';
import type { LoadTarget, RequestSample } from './request-sample.ts';

export interface EdgeTargetOptions {
  /** The edge's chat endpoint, e.g. `http://127.0.0.1:8787/v1/chat`. */
  url: string;
  timeoutMs: number;
  /** Prefix of the message ids, unique per run so that no request replays a stored reply. */
  runId: string;
  /**
   * The beginning of what the model server answers (a benchmark's fake server answers one text): a reply containing
   * it came from the model, any other the edge gave itself. Absent: not known, `fromModel` is left unset.
   */
  modelAnswerStart?: string;
}

/**
 * Streams the edge's `POST /v1/chat` (protocol v1 SSE) and times it. Each request opens a new conversation, as a new
 * customer would. TTFT is the first `text-delta`; tokens are `text-delta` events (the edge forwards one per model delta).
 */
export function createEdgeChatTarget(options: EdgeTargetOptions): LoadTarget {
  const url = new URL(options.url);
  let n = 0;
  return async (question, outer) => {
    const body = JSON.stringify({ message: { id: `${options.runId}_${++n}`, text: question } });
    const started = performance.now();
    const signal = AbortSignal.any([outer, AbortSignal.timeout(options.timeoutMs)]);
    const sample: RequestSample = { ok: false, e2eMs: 0, outputTokens: 0, answerTokens: 0 };
    let finishReason: string | undefined;
    let handoff = false;
    let streamError: string | undefined;
    let text = '';
    const parser = createSseParser((m) => {
      let event: ReturnType<typeof decodeChatEvent>;
      try {
        event = decodeChatEvent(m);
      } catch {
        streamError ??= `event ${m.event} is not JSON`;
        return;
      }
      if (!event) return;
      if (event.type === 'text-delta') {
        if (options.modelAnswerStart !== undefined) text += event.data.delta;
        sample.outputTokens++;
        sample.answerTokens++;
        sample.ttftMs ??= performance.now() - started;
      } else if (event.type === 'handoff-request') handoff = true;
      else if (event.type === 'error')
        streamError ??= `error event ${event.data.code}: ${event.data.message}`;
      else if (event.type === 'message-end') finishReason = event.data.finishReason;
    });
    try {
      const res = await postStream(url, body, { accept: 'text/event-stream' }, (t) => parser.push(t), signal);
      if (res.status !== 200) sample.error = `HTTP ${res.status}: ${(res.errorBody ?? '').slice(0, 120)}`;
      else if (streamError) sample.error = streamError;
      else if (!finishReason) sample.error = 'the stream ended without message-end';
      else if (finishReason === 'error') sample.error = 'message-end with finishReason error';
      else sample.ok = true;
    } catch (error) {
      sample.error =
        signal.aborted && !outer.aborted ? `timeout after ${options.timeoutMs} ms` : describeError(error);
    }
    if (handoff) sample.handoff = true;
    if (options.modelAnswerStart !== undefined) sample.fromModel = text.includes(options.modelAnswerStart);
    sample.e2eMs = performance.now() - started;
    return sample;
  };
}
