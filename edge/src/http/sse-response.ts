import type { Context } from 'hono';

/** Writes one already-encoded SSE frame; a no-op once the client has gone. */
export type SseWrite = (frame: string) => void;

/**
 * A streamed response whose body is a plain ReadableStream fed frame by frame: each frame is one enqueue that the
 * runtime's writer (Node's server adapter, workerd) picks up, with no TransformStream and reader in between, which
 * is what the per-token path of a reply pays for otherwise (Hono's `stream()` helper adds both). `run` writes frames
 * and learns from `signal` that the client disconnected; the stream closes when it settles. An error `run` throws
 * is logged, since the response status has long been sent. It sets the SSE headers; a route adds its own on `c`.
 * `onRun` is handed the promise that settles when `run` has (a runtime that stops waits for these); a runtime with an
 * execution context (Workers) is asked to stay until then.
 */
export function sseResponse(
  c: Context,
  run: (write: SseWrite, signal: AbortSignal) => Promise<void>,
  onRun?: (settled: Promise<void>) => void,
): Response {
  const encoder = new TextEncoder();
  const gone = new AbortController();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      gone.abort();
    },
  });
  const write: SseWrite = (frame) => {
    if (!gone.signal.aborted) controller.enqueue(encoder.encode(frame));
  };
  const settled = run(write, gone.signal)
    .catch((error: unknown) => console.error('[xiaoer] stream failed', error))
    .finally(() => {
      if (!gone.signal.aborted) controller.close();
    });
  onRun?.(settled);
  // Workers end an invocation whose client went away, and with it the storing of the cut reply, unless told to wait.
  executionContext(c)?.waitUntil(settled);
  c.header('content-type', 'text/event-stream; charset=utf-8');
  // no-transform and x-accel-buffering: no keep proxies (nginx among them) from compressing or buffering the frames.
  c.header('cache-control', 'no-cache, no-transform');
  c.header('x-accel-buffering', 'no');
  return c.newResponse(body);
}

/** The runtime's execution context, where there is one (Workers); Hono throws when asked on Node. */
function executionContext(c: Context): { waitUntil(p: Promise<unknown>): void } | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}
