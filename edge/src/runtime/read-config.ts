import {
  DEFAULT_MODEL_SETTINGS,
  DEFAULT_RETRIEVAL_MIN_SCORE,
  type ModelSettings,
} from '../core/model-settings.ts';

/** Configuration read from environment variables (Node `process.env`, Workers `env` vars). */
export interface EdgeConfig {
  llm?: {
    /** LLM_BASE_URL may list several backends, comma-separated: they are used with failover. */
    baseURLs: string[];
    apiKey?: string;
    model: string;
    timeoutMs: number;
    sendTemplateKwargs: boolean;
    /** Time to the first answer token after which the retrieval answer is given (LLM_FIRST_TOKEN_MS). */
    firstTokenBudgetMs: number;
    /** A backend that sends nothing within this time is left for the next one (LLM_CONNECT_TIMEOUT_MS). */
    firstChunkTimeoutMs: number;
    /** Consecutive failures that take a backend out (LLM_BREAKER_FAILURES) and for how long (LLM_BREAKER_COOLDOWN_MS). */
    breakerFailures: number;
    breakerCooldownMs: number;
  };
  settings: ModelSettings;
  minRetrievalScore: number;
  /** Normalised score from which the best FAQ's answer is sent without a model call; above 1 turns this off. */
  directAnswerScore: number;
  allowedOrigins: string[] | '*';
  /** Dense retrieval: EMBEDDINGS_BASE_URL (OpenAI-compatible /v1/embeddings), EMBEDDINGS_MODEL, EMBEDDINGS_API_KEY. */
  embeddings?: { baseURL: string; model: string; apiKey?: string };
  /** KB_SYNC_INTERVAL_MINUTES: re-sync the knowledge folder this often; 0 = only at start. */
  kbSyncIntervalMinutes: number;
  /** Node: on SIGTERM or SIGINT, how long open replies may take to finish before they are cut (SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceMs: number;
  /**
   * Chat messages a minute (and at once) per customer address (RATE_LIMIT_ADDRESS_PER_MINUTE) and per conversation
   * (RATE_LIMIT_CONVERSATION_PER_MINUTE); 0 turns a limit off.
   */
  rateLimits: { perAddressPerMinute: number; perConversationPerMinute: number };
  /** Node: proxies in front of the edge whose X-Forwarded-For entry is trusted (TRUSTED_PROXY_HOPS); 0 = none. */
  trustedProxyHops: number;
  /** The shop's ticket endpoint (TICKET_WEBHOOK_URL, TICKET_WEBHOOK_SECRET); absent: demo ticket numbers. */
  ticketWebhook?: { url: string; secret?: string };
}

function num(env: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`${key} must be a number from ${min} to ${max} (got "${raw}")`);
  return n;
}

/**
 * ALLOWED_ORIGINS: `*`, or storefront origins as a browser sends them in `Origin` (scheme, host, port; a trailing slash
 * is dropped). Anything else would never match, and the widget would fail on a CORS error nobody sees.
 */
function readOrigins(raw: string | undefined): string[] | '*' {
  if (raw === undefined || raw === '*') return '*';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {}
      const origin = entry.replace(/\/$/, '');
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin)
        throw new Error(
          `ALLOWED_ORIGINS must list origins like https://shop.example.com (scheme, host and optional port, no path; got "${entry}")`,
        );
      return origin;
    });
}

/** What the model backends, the embeddings server and the ticket webhook are reached at. */
const HTTP_URL = /^https?:\/\//;

function int(env: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
  const n = num(env, key, fallback, min, max);
  if (!Number.isInteger(n))
    throw new Error(`${key} must be a whole number from ${min} to ${max} (got "${env[key]}")`);
  return n;
}

/**
 * Reads LLM_BASE_URL / LLM_API_KEY / LLM_MODEL and the generation settings. No LLM_BASE_URL means no model: the edge
 * answers from retrieval alone. Invalid values fail loudly at start, never silently fall back.
 */
export function readConfig(env: Record<string, unknown>): EdgeConfig {
  const str = (k: string) =>
    typeof env[k] === 'string' && (env[k] as string).trim() !== '' ? (env[k] as string).trim() : undefined;
  const baseURL = str('LLM_BASE_URL');
  const config: EdgeConfig = {
    settings: {
      temperature: num(env, 'LLM_TEMPERATURE', DEFAULT_MODEL_SETTINGS.temperature, 0, 2),
      maxTokens: num(env, 'LLM_MAX_TOKENS', DEFAULT_MODEL_SETTINGS.maxTokens, 16, 8192),
      contextTokens: num(env, 'LLM_CONTEXT_TOKENS', DEFAULT_MODEL_SETTINGS.contextTokens, 512, 131072),
      enableThinking: (str('LLM_ENABLE_THINKING') ?? 'true') !== 'false',
      topK: num(env, 'RETRIEVAL_TOP_K', DEFAULT_MODEL_SETTINGS.topK, 1, 10),
    },
    minRetrievalScore: num(env, 'RETRIEVAL_MIN_SCORE', DEFAULT_RETRIEVAL_MIN_SCORE, 0, 1),
    directAnswerScore: num(env, 'DIRECT_ANSWER_MIN_SCORE', 0.7, 0, 2),
    kbSyncIntervalMinutes: num(env, 'KB_SYNC_INTERVAL_MINUTES', 0, 0, 10080),
    // Docker stops a container 10 s after SIGTERM: 8 s leaves time to close the stores cleanly.
    shutdownGraceMs: num(env, 'SHUTDOWN_GRACE_SECONDS', 8, 0, 3600) * 1000,
    // A customer rarely sends more than a few messages a minute; 60 leaves room for a household or an office behind
    // one address, and 20 in one conversation stops a script without stopping someone who types in bursts.
    rateLimits: {
      perAddressPerMinute: int(env, 'RATE_LIMIT_ADDRESS_PER_MINUTE', 60, 0, 1_000_000),
      perConversationPerMinute: int(env, 'RATE_LIMIT_CONVERSATION_PER_MINUTE', 20, 0, 1_000_000),
    },
    trustedProxyHops: int(env, 'TRUSTED_PROXY_HOPS', 0, 0, 10),
    allowedOrigins: readOrigins(str('ALLOWED_ORIGINS')),
  };
  const embeddingsURL = str('EMBEDDINGS_BASE_URL');
  if (embeddingsURL) {
    if (!HTTP_URL.test(embeddingsURL))
      throw new Error(`EMBEDDINGS_BASE_URL must start with http:// or https:// (got "${embeddingsURL}")`);
    config.embeddings = {
      baseURL: embeddingsURL,
      model: str('EMBEDDINGS_MODEL') ?? 'Qwen/Qwen3-Embedding-0.6B',
    };
    const key = str('EMBEDDINGS_API_KEY');
    if (key) config.embeddings.apiKey = key;
  }
  const ticketURL = str('TICKET_WEBHOOK_URL');
  if (ticketURL) {
    if (!HTTP_URL.test(ticketURL))
      throw new Error(`TICKET_WEBHOOK_URL must start with http:// or https:// (got "${ticketURL}")`);
    const secret = str('TICKET_WEBHOOK_SECRET');
    config.ticketWebhook = { url: ticketURL, ...(secret ? { secret } : {}) };
  }
  if (config.settings.maxTokens >= config.settings.contextTokens) {
    throw new Error('LLM_MAX_TOKENS must be smaller than LLM_CONTEXT_TOKENS');
  }
  if (baseURL) {
    const baseURLs = baseURL
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    for (const u of baseURLs) {
      if (!HTTP_URL.test(u))
        throw new Error(`LLM_BASE_URL must list URLs starting with http:// or https:// (got "${u}")`);
    }
    if (new Set(baseURLs).size !== baseURLs.length) throw new Error('LLM_BASE_URL lists the same URL twice');
    config.llm = {
      baseURLs,
      firstTokenBudgetMs: num(env, 'LLM_FIRST_TOKEN_MS', 8000, 500, 120_000),
      firstChunkTimeoutMs: num(env, 'LLM_CONNECT_TIMEOUT_MS', 5000, 200, 120_000),
      breakerFailures: num(env, 'LLM_BREAKER_FAILURES', 3, 1, 100),
      breakerCooldownMs: num(env, 'LLM_BREAKER_COOLDOWN_MS', 30_000, 1000, 3_600_000),
      model: str('LLM_MODEL') ?? 'qwen3-0.6b',
      timeoutMs: num(env, 'LLM_TIMEOUT_MS', 60_000, 1000, 600_000),
      sendTemplateKwargs: (str('LLM_SEND_TEMPLATE_KWARGS') ?? 'true') !== 'false',
    };
    const key = str('LLM_API_KEY');
    if (key) config.llm.apiKey = key;
  }
  return config;
}

/** What an operator should hear at start about a configuration that works but is not safe for a real shop. */
export function configWarnings(config: EdgeConfig): string[] {
  const warnings: string[] = [];
  if (config.llm && config.allowedOrigins === '*')
    warnings.push(
      'ALLOWED_ORIGINS is not set: any website can embed this chat and spend your model. Set it to your storefront origins, e.g. https://shop.example.com',
    );
  return warnings;
}
