import type { RateLimiter } from '../core/create-rate-limiter.ts';
import type { TransferWords } from '../core/decide-transfer.ts';
import type { PolicyTimeRules } from '../core/evaluate-policy-rules.ts';
import type { ModelSettings } from '../core/model-settings.ts';
import type { ProductCatalog } from '../core/resolve-product.ts';
import type { ShopProfile } from '../core/shop-profile.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConversationStore } from '../ports/conversation-store.ts';
import type { Llm } from '../ports/llm.ts';
import type { OrderLookup } from '../ports/order-lookup.ts';
import type { Retriever } from '../ports/retriever.ts';
import type { TicketSink } from '../ports/ticket-sink.ts';
import type { Timer } from '../ports/timer.ts';

/** Everything the app needs, injected by a runtime entry (runtime/node.ts, runtime/worker.ts) or a test. */
export interface AppDeps {
  retriever: Retriever;
  /** Absent: no model configured, replies come from retrieval alone. */
  llm?: Llm;
  conversations: ConversationStore;
  clock: Clock;
  /** For the first-token budget; without it the budget is not enforced. */
  timer?: Timer;
  /** Time to the model's first answer token after which the retrieval answer is given. */
  firstTokenBudgetMs?: number;
  profile: ShopProfile;
  settings: ModelSettings;
  /** The shop's transfer word lists; the defaults when absent. */
  transferWords?: TransferWords;
  /** The shop's product table, for product resolution. */
  catalog?: ProductCatalog;
  /** The shop's orders (demo: demo-orders.json); absent: no order lookup. */
  orders?: OrderLookup;
  /** Where after-sales tickets go (demo or the shop's webhook). */
  tickets?: TicketSink;
  /** The shop's policy time rules; the defaults when absent. */
  timeRules?: PolicyTimeRules;
  /** Normalised retrieval score under which the knowledge base does not cover a question. */
  minRetrievalScore: number;
  /** Normalised score from which the best FAQ's answer is sent as is, without a model call. Absent: never. */
  directAnswerScore?: number;
  /** Origins allowed to call the API from a browser; `*` for any. */
  allowedOrigins: string[] | '*';
  /**
   * Limits on chat messages: per customer address and per conversation. Past one, `POST /v1/chat` answers 429
   * `rate_limited` with Retry-After and stores nothing. Absent: no limit.
   */
  rateLimits?: { perAddress?: RateLimiter; perConversation?: RateLimiter };
  /**
   * The customer's network address, as the runtime knows it (Node: the socket, or the address a trusted proxy
   * forwarded; Workers: CF-Connecting-IP). `env` is what the runtime passes to `app.fetch`.
   */
  clientAddress?: (request: Request, env: unknown) => string | undefined;
  /**
   * Handed each streamed reply as it starts: the promise settles once the reply ended and was stored (a cut one
   * included). The Node runtime waits for these before it closes the stores on shutdown.
   */
  onReply?: (stored: Promise<void>) => void;
}
