import { createFailoverLlm } from '../adapters/llm/failover-llm.ts';
import { createOpenAiCompatibleLlm } from '../adapters/llm/openai-compatible-llm.ts';
import { createDemoTicketSink } from '../adapters/tickets/demo-ticket-sink.ts';
import { createWebhookTicketSink } from '../adapters/tickets/webhook-ticket-sink.ts';
import { platformTimer } from '../adapters/timer/platform-timer.ts';
import { createRateLimiter } from '../core/create-rate-limiter.ts';
import type { AppDeps } from '../http/app-deps.ts';
import type { EdgeConfig } from './read-config.ts';

/** The part of the app's dependencies that the environment configures: what does not change with the knowledge folder. */
export type EnvDeps = Pick<
  AppDeps,
  | 'llm'
  | 'firstTokenBudgetMs'
  | 'timer'
  | 'tickets'
  | 'settings'
  | 'minRetrievalScore'
  | 'directAnswerScore'
  | 'allowedOrigins'
  | 'rateLimits'
>;

/**
 * The model backends (with failover), the ticket sink, the timer, the rate limits and the generation and retrieval
 * settings, wired the same way on Node and on Workers; built once per process or isolate so the circuit breakers and
 * the rate limits keep their state when the knowledge is reloaded. Returns the
 * failover model too, so a runtime can schedule its readiness probes. The shop's own dependencies come from
 * shopFromFiles.
 */
export function envDeps(config: EdgeConfig, platform: { fetch?: typeof fetch } = {}) {
  const llmConfig = config.llm;
  const llm = llmConfig
    ? createFailoverLlm(
        llmConfig.baseURLs.map((baseURL) => ({
          name: baseURL,
          llm: createOpenAiCompatibleLlm({ ...llmConfig, baseURL, ...platform }),
        })),
        {
          clock: Date,
          timer: platformTimer,
          failureThreshold: llmConfig.breakerFailures,
          cooldownMs: llmConfig.breakerCooldownMs,
          firstChunkTimeoutMs: llmConfig.firstChunkTimeoutMs,
          onBackendFailure: (name, err) =>
            console.warn(`[xiaoer] model backend ${name} failed:`, (err as Error).message),
        },
      )
    : undefined;
  const { perAddressPerMinute, perConversationPerMinute } = config.rateLimits;
  const deps: EnvDeps = {
    settings: config.settings,
    minRetrievalScore: config.minRetrievalScore,
    directAnswerScore: config.directAnswerScore,
    allowedOrigins: config.allowedOrigins,
    rateLimits: {
      ...(perAddressPerMinute > 0 ? { perAddress: createRateLimiter(perAddressPerMinute, Date) } : {}),
      ...(perConversationPerMinute > 0
        ? { perConversation: createRateLimiter(perConversationPerMinute, Date) }
        : {}),
    },
    ...(llm && llmConfig ? { llm, firstTokenBudgetMs: llmConfig.firstTokenBudgetMs } : {}),
    timer: platformTimer,
    tickets: config.ticketWebhook
      ? createWebhookTicketSink(config.ticketWebhook)
      : createDemoTicketSink(Date),
  };
  return { deps, failover: llm };
}
