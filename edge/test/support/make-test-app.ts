import { resolve } from 'node:path';
import { createPgliteConversationStore } from '../../src/adapters/conversations/pglite-conversation-store.ts';
import { readKnowledgeDir } from '../../src/adapters/kb/read-knowledge-dir.ts';
import { createOpenAiCompatibleLlm } from '../../src/adapters/llm/openai-compatible-llm.ts';
import { createLexicalRetriever } from '../../src/core/create-lexical-retriever.ts';
import { DEFAULT_MODEL_SETTINGS } from '../../src/core/model-settings.ts';
import { parseKnowledgeSources } from '../../src/core/parse-knowledge-sources.ts';
import { DEFAULT_SHOP_PROFILE } from '../../src/core/shop-profile.ts';
import { type AppDeps, createApp } from '../../src/http/create-app.ts';

export const DEMO_KB_DIR = resolve(import.meta.dirname, '../../../examples/lizi-shop');

let demoPassages: ReturnType<typeof parseKnowledgeSources> | undefined;
export async function demoPassagesOnce() {
  demoPassages ??= parseKnowledgeSources(await readKnowledgeDir(DEMO_KB_DIR));
  return demoPassages;
}

let shared: ReturnType<typeof createPgliteConversationStore> | undefined;

/**
 * The real app over the demo knowledge base and an in-memory PGlite (one per test file: tests use unique ids),
 * optionally talking to a model at `llmBaseURL`.
 */
export async function makeTestApp(options: { llmBaseURL?: string; overrides?: Partial<AppDeps> } = {}) {
  shared ??= createPgliteConversationStore();
  const { store } = await shared;
  const close = async () => {};
  const deps: AppDeps = {
    retriever: createLexicalRetriever(await demoPassagesOnce()),
    conversations: store,
    clock: Date,
    profile: DEFAULT_SHOP_PROFILE,
    settings: DEFAULT_MODEL_SETTINGS,
    minRetrievalScore: 0.12,
    allowedOrigins: '*',
    ...(options.llmBaseURL
      ? { llm: createOpenAiCompatibleLlm({ baseURL: options.llmBaseURL, model: 'qwen3-0.6b' }) }
      : {}),
    ...options.overrides,
  };
  return { app: createApp(deps), deps, store, close };
}
