import { Hono } from 'hono';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import type { LlmBackendHealth } from '../../ports/llm.ts';
import type { AppDeps } from '../app-deps.ts';

/** Longest wait for a dependency's answer in `/readyz`; a probe gives up well before a load balancer's timeout. */
const CHECK_MS = 2000;

/**
 * `GET /healthz`: the process answers. `GET /readyz`: the replica may take chats: the knowledge base is loaded and the
 * conversation store answers (a chat cannot be stored otherwise); it also reports whether the model or the
 * retrieval fallback serves.
 */
export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const [passages, conversations, model] = await Promise.all([
        deps.retriever.size().catch(() => 0),
        pingStore(deps.conversations),
        checkModel(deps),
      ]);
      const ready = passages > 0 && conversations.ready;
      const mode = model.configured && model.reachable ? 'model' : 'retrieval-only';
      return c.json({ ready, knowledgeBase: { passages }, conversations, model, mode }, ready ? 200 : 503);
    });
}

/** The model's state: whether one is configured, and whether it answers its readiness check within CHECK_MS. */
async function checkModel(
  deps: AppDeps,
): Promise<{ configured: boolean; name?: string; reachable?: boolean; backends?: LlmBackendHealth[] }> {
  if (!deps.llm) return { configured: false };
  const reachable = await deps.llm.ready(AbortSignal.timeout(CHECK_MS)).catch(() => false);
  const backends = deps.llm.health?.();
  return { configured: true, name: deps.llm.model, reachable, ...(backends ? { backends } : {}) };
}

/** Whether the store answers within CHECK_MS; a store with nothing to check (Durable Objects) counts as ready. */
async function pingStore(
  store: ConversationStore,
): Promise<{ ready: boolean; checked: boolean; error?: string }> {
  if (!store.ping) return { ready: true, checked: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_MS} ms`)), CHECK_MS);
  });
  try {
    await Promise.race([store.ping(), late]);
    return { ready: true, checked: true };
  } catch (error) {
    return { ready: false, checked: true, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
