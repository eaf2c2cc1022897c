import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * A `fetch` for the model client on Node, over node:http with a keep-alive pool without a socket cap (every open chat
 * holds one streaming request). The platform fetch (undici) moves each body chunk through its fetch controller and a
 * byte stream; for a reply streamed token by token that was the largest share of the edge's CPU per chat. This one
 * hands node:http's chunks to a plain ReadableStream. It serves requests with a string or byte body (what the
 * `openai` client sends for chat completions); anything else goes to the platform fetch.
 *
 * Errors follow fetch: a failed connection rejects with `TypeError('fetch failed', { cause })`, an abort rejects (or
 * errors the body) with the signal's reason, and a response cut before its end errors the body.
 */
export function createNodeHttpFetch(options: { idleSocketMs?: number } = {}): typeof fetch {
  // An idle pooled socket is closed before the server's keep-alive timeout (uvicorn, under vLLM, closes at 5 s), so a
  // request never goes out on a connection the server is closing. A busy socket is not affected.
  // No socket cap: http.Agent's maxSockets defaults to Infinity.
  const pool = { keepAlive: true, timeout: options.idleSocketMs ?? 4000 };
  const agents = { 'http:': new Agent(pool), 'https:': new HttpsAgent(pool) };
  return (input, init) => {
    const body = init?.body;
    const plainBody =
      body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (input instanceof Request || !plainBody) return fetch(input, init);
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fetch(input, init);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const headers: Record<string, string> = {};
    for (const [name, value] of new Headers(init?.headers)) headers[name] = value;
    const method = (init?.method ?? 'GET').toUpperCase();

    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'] });
      let fail: (error: unknown) => void = (error) =>
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      const onAbort = () => {
        req.destroy();
        fail(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      req.on('error', (error) => {
        done();
        fail(error);
      });
      req.on('response', (res) => {
        const nullBody = method === 'HEAD' || [101, 204, 205, 304].includes(res.statusCode ?? 0);
        let stream: ReadableStream<Uint8Array> | null = null;
        if (nullBody) {
          res.resume();
          done();
        } else {
          // From here on a failure (an abort, a socket error) errors the body instead of rejecting.
          ({ stream, fail } = bodyStream(res, done));
        }
        resolve(
          new Response(stream, {
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: responseHeaders(res),
          }),
        );
      });
      req.end(body ?? undefined);
    });
  };
}

/**
 * The response's chunks as a ReadableStream that pauses the socket while its queue is full, and `fail`, which closes
 * the socket and errors the stream.
 */
function bodyStream(res: IncomingMessage, done: () => void) {
  let settled = false;
  let settle!: (error?: unknown) => void;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      settle = (error) => {
        if (settled) return;
        settled = true;
        done();
        if (error === undefined) controller.close();
        else controller.error(error);
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 1) <= 0) res.pause();
      });
      res.on('end', () => settle());
      res.on('error', (error) => settle(new TypeError('terminated', { cause: error })));
      res.on('close', () => {
        if (!res.complete)
          settle(new TypeError('terminated', { cause: new Error('the server closed the stream early') }));
      });
    },
    pull() {
      res.resume();
    },
    // The reader gave up (the client stopped early): nothing more is delivered, and the connection is closed.
    cancel() {
      settled = true;
      done();
      res.destroy();
    },
  });
  const fail = (error: unknown) => {
    res.destroy();
    settle(error);
  };
  return { stream, fail };
}

function responseHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}
