import type { HandoffWords } from '../core/detect-explicit-handoff.ts';
import type { ModelSettings } from '../core/model-settings.ts';
import type { ShopProfile } from '../core/shop-profile.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConversationStore } from '../ports/conversation-store.ts';
import type { Llm } from '../ports/llm.ts';
import type { Retriever } from '../ports/retriever.ts';

/** Everything the app needs, injected by a runtime entry (runtime/node.ts, runtime/worker.ts) or a test. */
export interface AppDeps {
  retriever: Retriever;
  /** Absent: no model configured, replies come from retrieval alone. */
  llm?: Llm;
  conversations: ConversationStore;
  clock: Clock;
  profile: ShopProfile;
  settings: ModelSettings;
  handoffWords?: HandoffWords;
  /** Normalised retrieval score under which the knowledge base does not cover a question. */
  minRetrievalScore: number;
  /** Normalised score from which the best FAQ's answer is sent as is, without a model call. Absent: never. */
  directAnswerScore?: number;
  /** Origins allowed to call the API from a browser; `*` for any. */
  allowedOrigins: string[] | '*';
}
