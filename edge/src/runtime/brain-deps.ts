import { createFailoverLlm } from '../adapters/llm/failover-llm.ts';
import { createOpenAiCompatibleLlm } from '../adapters/llm/openai-compatible-llm.ts';
import { createDemoOrderLookup } from '../adapters/orders/demo-orders.ts';
import { createDemoTicketSink } from '../adapters/tickets/demo-ticket-sink.ts';
import { createWebhookTicketSink } from '../adapters/tickets/webhook-ticket-sink.ts';
import { platformTimer } from '../adapters/timer/platform-timer.ts';
import type { AppDeps } from '../http/app-deps.ts';
import type { EdgeConfig } from './read-config.ts';
import type { ShopFromFiles } from './shop-from-files.ts';

/** The part of the app's dependencies that brainDeps wires. */
export type BrainDeps = Pick<
  AppDeps,
  | 'llm'
  | 'firstTokenBudgetMs'
  | 'timer'
  | 'profile'
  | 'transferWords'
  | 'catalog'
  | 'orders'
  | 'tickets'
  | 'timeRules'
>;

/**
 * The model backends (with failover) and the shop's decisions, wired the same way on Node and on Workers. Returns the
 * failover model too, so a runtime can schedule its readiness probes.
 */
export function brainDeps(config: EdgeConfig, env: Record<string, unknown>, shop: ShopFromFiles) {
  const llmConfig = config.llm;
  const llm = llmConfig
    ? createFailoverLlm(
        llmConfig.baseURLs.map((baseURL) => ({
          name: baseURL,
          llm: createOpenAiCompatibleLlm({ ...llmConfig, baseURL }),
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
  const ticketWebhook = typeof env.TICKET_WEBHOOK_URL === 'string' ? env.TICKET_WEBHOOK_URL.trim() : '';
  const secret = typeof env.TICKET_WEBHOOK_SECRET === 'string' ? env.TICKET_WEBHOOK_SECRET : undefined;
  const deps: BrainDeps = {
    ...(llm && llmConfig ? { llm, firstTokenBudgetMs: llmConfig.firstTokenBudgetMs } : {}),
    timer: platformTimer,
    profile: shop.profile,
    transferWords: shop.transferWords,
    catalog: shop.catalog,
    // Demo orders come with the demo knowledge base; a real shop wires its own OrderLookup adapter.
    ...(shop.demoOrdersJson ? { orders: createDemoOrderLookup(shop.demoOrdersJson) } : {}),
    tickets: ticketWebhook
      ? createWebhookTicketSink({ url: ticketWebhook, ...(secret ? { secret } : {}) })
      : createDemoTicketSink(Date),
    ...(shop.timeRules ? { timeRules: shop.timeRules } : {}),
  };
  return { deps, failover: llm };
}
