import {
  type ConversationHistory,
  createSseParser,
  decodeChatEvent,
  type ErrorBody,
  type ErrorCode,
} from '@xiaoer/protocol';
import { type ChatTransport, TransportError } from './chat-transport.ts';

async function errorFrom(res: Response): Promise<TransportError> {
  let code: ErrorCode | undefined;
  let message = `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as ErrorBody;
    code = body.error.code;
    message = body.error.message;
  } catch {
    // Not our JSON error body (a proxy page, for example): keep the status.
  }
  return new TransportError('http', message, res.status, code, {
    retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
  });
}

/** `Retry-After` as ms from now: delay-seconds or an HTTP date (RFC 9110 section 10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function call(fetchFn: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, init);
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new TransportError('network', 'The chat service could not be reached.', 0, undefined, { cause });
  }
}

/**
 * The browser transport: `POST {endpoint}/v1/chat` read as an SSE stream with fetch (EventSource cannot POST), history
 * and feedback as JSON. `endpoint` is the edge's base URL, e.g. `https://kefu.example.com`.
 */
export function createHttpTransport(
  endpoint: string,
  fetchFn: typeof fetch = fetch.bind(globalThis),
): ChatTransport {
  const base = endpoint.replace(/\/+$/, '');
  return {
    async chat(request, { lastEventId, signal, onEvent }) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'text/event-stream',
      };
      if (lastEventId) headers['last-event-id'] = String(lastEventId);
      const res = await call(fetchFn, `${base}/v1/chat`, {
        method: 'POST',
        headers,
        body: JSON.stringify(request),
        ...(signal ? { signal } : {}),
      });
      if (!res.ok || !res.body) throw await errorFrom(res);
      const parser = createSseParser((m) => {
        const event = decodeChatEvent(m);
        if (event) onEvent({ event, id: Number(m.id ?? 0) });
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(value);
        }
      } catch (cause) {
        if (signal?.aborted) throw cause;
        // A stream cut mid-way ends like a short stream: the session sees no message-end and resumes.
      }
    },
    async history(conversationId) {
      const res = await call(fetchFn, `${base}/v1/conversations/${encodeURIComponent(conversationId)}`, {});
      if (res.status === 404) return null;
      if (!res.ok) throw await errorFrom(res);
      return (await res.json()) as ConversationHistory;
    },
    async feedback(request) {
      const res = await call(fetchFn, `${base}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (!res.ok) throw await errorFrom(res);
    },
  };
}
