/**
 * One HTTP request of a health check, with a deadline and a failure classified for operators. Uses only `fetch`,
 * `AbortController` and timers, so it runs on Node and on Cloudflare Workers alike.
 */

/** Why a check failed, stable for machines; `CheckFailure.message` says it for people. */
export type FailureKind =
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'unauthorized'
  | 'unhealthy'
  | 'wrong_model'
  | 'http_error'
  | 'bad_response';

export interface CheckFailure {
  kind: FailureKind;
  message: string;
}

/** The server could not be reached at all (later checks would only wait for the same timeout). */
export function isUnreachable(failure: CheckFailure | null | undefined): boolean {
  const kind = failure?.kind;
  return kind === 'refused' || kind === 'timeout' || kind === 'unreachable';
}

/** Where and how to reach one model server (one vLLM replica). */
export interface ProbeOptions {
  /** Server root or OpenAI base URL: `http://gpu-1:8000` and `http://gpu-1:8000/v1` both work. */
  baseUrl: string;
  /** The name clients send as `model` (vLLM's `--served-model-name`), e.g. `qwen3-0.6b`. */
  model: string;
  /** vLLM's `--api-key`; sent as a bearer token on `/v1` paths. */
  apiKey?: string;
  /** Deadline for each request, ms (default 5000). */
  timeoutMs?: number;
  /** Cancels every request of the check. */
  signal?: AbortSignal;
  /** Injected `fetch` (defaults to the global one). */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 5000;

/** `http://h:8000/v1/` -> `http://h:8000`: checks address `/health` at the root and `/v1/...` below it. */
export function serverRoot(baseUrl: string): string {
  let url = baseUrl.trim().replace(/\/+$/, '');
  if (url.endsWith('/v1')) url = url.slice(0, -3);
  if (!/^https?:\/\/[^/]/.test(url)) {
    throw new TypeError(`The model server URL must start with http:// or https:// (got "${baseUrl}").`);
  }
  return url;
}

export type ProbeResponse =
  | { ok: true; status: number; body: string; latencyMs: number }
  | { ok: false; status?: number; body?: string; latencyMs: number; failure: CheckFailure };

/** A probe's HTTP status as a field to spread into a check result: `{ status }`, or `{}` when no answer came. */
export function statusField(r: ProbeResponse): { status?: number } {
  return r.status !== undefined ? { status: r.status } : {};
}

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns a thrown fetch error into a failure an operator can act on. */
function classifyFetchError(error: unknown, url: string, timedOut: boolean, timeoutMs: number) {
  if (timedOut) {
    return {
      kind: 'timeout',
      message: `${url} did not answer within ${timeoutMs} ms: the server is overloaded, still loading the model, or a firewall drops packets.`,
    } satisfies CheckFailure;
  }
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'refused',
      message: `${url} refused the connection: nothing listens on that port. Is the vLLM container running and the port published?`,
    } satisfies CheckFailure;
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return {
    kind: 'unreachable',
    message: `${url} could not be reached (${detail}): check the host name, DNS and network path.`,
  } satisfies CheckFailure;
}

/**
 * Sends one request and reads its whole body before the deadline. Never throws for network or HTTP problems: they come
 * back as `failure`. A 401/403 is classified as `unauthorized` (vLLM answers `{"error":"Unauthorized"}` on a missing
 * or wrong `--api-key`).
 */
export async function probeRequest(
  options: ProbeOptions,
  path: string,
  init: { method?: string; body?: string } = {},
  now: () => number = () => performance.now(),
): Promise<ProbeResponse> {
  const url = `${serverRoot(options.baseUrl)}${path}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (options.apiKey && path.startsWith('/v1')) headers.authorization = `Bearer ${options.apiKey}`;
  const started = now();
  try {
    const doFetch = options.fetch ?? fetch;
    const response = await doFetch(url, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: controller.signal,
    });
    const body = await response.text();
    const latencyMs = Math.round((now() - started) * 10) / 10;
    if (response.ok) return { ok: true, status: response.status, body, latencyMs };
    const unauthorized = response.status === 401 || response.status === 403;
    return {
      ok: false,
      status: response.status,
      body,
      latencyMs,
      failure: unauthorized
        ? {
            kind: 'unauthorized',
            message: `${url} answered ${response.status}: the API key is ${options.apiKey ? 'wrong' : 'missing'}. Pass the value of vLLM's --api-key (VLLM_API_KEY).`,
          }
        : {
            kind: 'http_error',
            message: `${url} answered HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`,
          },
    };
  } catch (error) {
    const latencyMs = Math.round((now() - started) * 10) / 10;
    if (options.signal?.aborted && !timedOut) throw error;
    return { ok: false, latencyMs, failure: classifyFetchError(error, url, timedOut, timeoutMs) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
