/**
 * Cloudflare Workers entry: reads `env`, wires adapters, serves. Conversations live in Durable Objects; the knowledge
 * base is bundled at build time by scripts/bundle-kb.ts (wrangler's build step).
 */
import kbSources from '../../.generated/kb-sources.json';
import type { ConversationObject } from '../adapters/conversations/durable-object-conversation-object.ts';
import { createDurableObjectConversationStore } from '../adapters/conversations/durable-object-conversation-store.ts';
import { createOpenAiCompatibleLlm } from '../adapters/llm/openai-compatible-llm.ts';
import { createLexicalRetriever } from '../core/create-lexical-retriever.ts';
import { parseKnowledgeSources } from '../core/parse-knowledge-sources.ts';
import { mergeShopProfile } from '../core/shop-profile.ts';
import { createApp } from '../http/create-app.ts';
import { readConfig } from './read-config.ts';

export { ConversationObject } from '../adapters/conversations/durable-object-conversation-object.ts';

interface Env {
  CONVERSATIONS: DurableObjectNamespace<ConversationObject>;
  [key: string]: unknown;
}

const files = kbSources as { path: string; text: string }[];
const passages = parseKnowledgeSources(files);
const shopJson = files.find((f) => f.path === 'shop.json');
let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (!app) {
      const config = readConfig(env);
      app = createApp({
        retriever: createLexicalRetriever(passages),
        ...(config.llm ? { llm: createOpenAiCompatibleLlm(config.llm) } : {}),
        conversations: createDurableObjectConversationStore(env.CONVERSATIONS),
        clock: Date,
        profile: mergeShopProfile(shopJson ? JSON.parse(shopJson.text) : undefined),
        settings: config.settings,
        minRetrievalScore: config.minRetrievalScore,
        allowedOrigins: config.allowedOrigins,
      });
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
