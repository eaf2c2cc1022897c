/**
 * Cloudflare Workers entry: reads `env`, wires adapters, serves. Conversations live in Durable Objects. The knowledge
 * base is bundled at build time (scripts/bundle-kb.ts, wrangler's build step); when `KB_SOURCE_URL` is set, the cron
 * trigger fetches the shop's export from there, validates it and stores it in the KnowledgeObject, and every isolate
 * switches to it within `KB_REFRESH_SECONDS`.
 */
import kbSources from '../../.generated/kb-sources.json';
import type { ConversationObject } from '../adapters/conversations/durable-object-conversation-object.ts';
import { createDurableObjectConversationStore } from '../adapters/conversations/durable-object-conversation-store.ts';
import type { KnowledgeObject } from '../adapters/kb/durable-object-knowledge-object.ts';
import { createKnowledgeRetriever } from '../core/create-knowledge-retriever.ts';
import { parseKnowledgeSources, type SourceFile } from '../core/parse-knowledge-sources.ts';
import { shopSynonyms } from '../core/shop-synonyms.ts';
import { createApp } from '../http/create-app.ts';
import { envDeps } from './env-deps.ts';
import { parseKnowledgeExport } from './parse-knowledge-export.ts';
import { configWarnings, readConfig } from './read-config.ts';
import { shopFromFiles } from './shop-from-files.ts';

export { ConversationObject } from '../adapters/conversations/durable-object-conversation-object.ts';
export { KnowledgeObject } from '../adapters/kb/durable-object-knowledge-object.ts';

interface Env {
  CONVERSATIONS: DurableObjectNamespace<ConversationObject>;
  KNOWLEDGE: DurableObjectNamespace<KnowledgeObject>;
  KB_SOURCE_URL?: string;
  KB_REFRESH_SECONDS?: string;
  [key: string]: unknown;
}

const knowledge = (env: Env) => env.KNOWLEDGE.get(env.KNOWLEDGE.idFromName('current'));

let configured: ReturnType<typeof envDeps> | undefined;

function build(env: Env, files: SourceFile[]) {
  const config = readConfig(env);
  // Model backends keep their circuit-breaker state, and the rate limits their counts, across knowledge versions:
  // built once per isolate.
  if (!configured) {
    for (const warning of configWarnings(config)) console.warn(`[xiaoer] ${warning}`);
    configured = envDeps(config);
  }
  const retriever = createKnowledgeRetriever({ synonyms: shopSynonyms(files) });
  retriever.load(parseKnowledgeSources(files));
  return createApp({
    retriever,
    conversations: createDurableObjectConversationStore(env.CONVERSATIONS),
    clock: Date,
    // Cloudflare sets it to the customer's address. The rate limits count per isolate: a best effort on Workers.
    clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
    ...configured.deps,
    ...shopFromFiles(files),
  });
}

let current: { app: ReturnType<typeof createApp>; version: string | null; checkedAt: number } | undefined;

async function appFor(env: Env) {
  current ??= { app: build(env, kbSources as SourceFile[]), version: null, checkedAt: 0 };
  const refreshMs = Number(env.KB_REFRESH_SECONDS ?? 60) * 1000;
  if (env.KB_SOURCE_URL && Date.now() - current.checkedAt >= refreshMs) {
    current.checkedAt = Date.now();
    const stored = await knowledge(env).version();
    if (stored && stored !== current.version) {
      const latest = await knowledge(env).read();
      if (latest) current = { app: build(env, latest.files), version: latest.version, checkedAt: Date.now() };
    }
  }
  return current.app;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    return (await appFor(env)).fetch(request, env, ctx);
  },
  /** Nightly re-sync (wrangler.toml `crons`): a broken export is logged and the knowledge in use stays. */
  async scheduled(_controller: ScheduledController, env: Env) {
    if (!env.KB_SOURCE_URL) return;
    try {
      const res = await fetch(env.KB_SOURCE_URL);
      if (!res.ok) throw new Error(`GET ${env.KB_SOURCE_URL} answered ${res.status}`);
      const parsed = parseKnowledgeExport(await res.json());
      const changed = await knowledge(env).write(parsed.version, parsed.files);
      console.log(
        `[xiaoer] knowledge re-sync: ${parsed.passages} passages, version ${parsed.version}${changed ? '' : ' (unchanged)'}`,
      );
    } catch (err) {
      console.error(
        `[xiaoer] knowledge re-sync refused, keeping the knowledge in use: ${(err as Error).message}`,
      );
    }
  },
} satisfies ExportedHandler<Env>;
