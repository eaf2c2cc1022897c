import { Hono } from 'hono';
import type { LlmBackendHealth } from '../../ports/llm.ts';
import type { AppDeps } from '../app-deps.ts';

/** `GET /healthz`: the process answers. `GET /readyz`: the knowledge base is loaded and a model or the fallback serves. */
export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const passages = await deps.retriever.size().catch(() => 0);
      let model: { configured: boolean; name?: string; reachable?: boolean; backends?: LlmBackendHealth[] } =
        {
          configured: false,
        };
      if (deps.llm) {
        const reachable = await deps.llm.ready(AbortSignal.timeout(2000)).catch(() => false);
        model = { configured: true, name: deps.llm.model, reachable };
        const backends = deps.llm.health?.();
        if (backends) model.backends = backends;
      }
      const ready = passages > 0;
      const mode = model.configured && model.reachable ? 'model' : 'retrieval-only';
      return c.json({ ready, knowledgeBase: { passages }, model, mode }, ready ? 200 : 503);
    });
}
