/**
 * Cloudflare Workers entry: reads `env`, wires adapters, serves. Conversations live in Durable Objects; the knowledge
 * base is bundled at build time by scripts/bundle-kb.ts (wrangler's build step) and searched in memory.
 */
import kbSources from '../../.generated/kb-sources.json';
import type { ConversationObject } from '../adapters/conversations/durable-object-conversation-object.ts';
import { createDurableObjectConversationStore } from '../adapters/conversations/durable-object-conversation-store.ts';
import { createKnowledgeRetriever } from '../core/create-knowledge-retriever.ts';
import { parseKnowledgeSources, type SourceFile } from '../core/parse-knowledge-sources.ts';
import { shopSynonyms } from '../core/shop-synonyms.ts';
import { createApp } from '../http/create-app.ts';
import { brainDeps } from './brain-deps.ts';
import { readConfig } from './read-config.ts';
import { shopFromFiles } from './shop-from-files.ts';

export { ConversationObject } from '../adapters/conversations/durable-object-conversation-object.ts';

interface Env {
  CONVERSATIONS: DurableObjectNamespace<ConversationObject>;
  [key: string]: unknown;
}

const files = kbSources as SourceFile[];
const shop = shopFromFiles(files);
const retriever = createKnowledgeRetriever({ synonyms: shopSynonyms(files) });
retriever.load(parseKnowledgeSources(files));
let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (!app) {
      const config = readConfig(env);
      app = createApp({
        retriever,
        conversations: createDurableObjectConversationStore(env.CONVERSATIONS),
        clock: Date,
        ...brainDeps(config, env, shop).deps,
        settings: config.settings,
        minRetrievalScore: config.minRetrievalScore,
        directAnswerScore: config.directAnswerScore,
        allowedOrigins: config.allowedOrigins,
      });
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
