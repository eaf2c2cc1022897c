import { resolve } from 'node:path';
import { createPgliteConversationStore } from '../../src/adapters/conversations/pglite-conversation-store.ts';
import { readKnowledgeDir } from '../../src/adapters/kb/read-knowledge-dir.ts';
import { createOpenAiCompatibleLlm } from '../../src/adapters/llm/openai-compatible-llm.ts';
import { platformTimer } from '../../src/adapters/timer/platform-timer.ts';
import { createLexicalRetriever } from '../../src/core/create-lexical-retriever.ts';
import { DEFAULT_MODEL_SETTINGS, DEFAULT_RETRIEVAL_MIN_SCORE } from '../../src/core/model-settings.ts';
import { parseKnowledgeSources, type SourceFile } from '../../src/core/parse-knowledge-sources.ts';
import { type AppDeps, createApp } from '../../src/http/create-app.ts';
import { shopFromFiles } from '../../src/runtime/shop-from-files.ts';

export const DEMO_KB_DIR = resolve(import.meta.dirname, '../../../examples/lizi-shop');

let demo: Promise<{ files: SourceFile[]; passages: ReturnType<typeof parseKnowledgeSources> }> | undefined;
/** The demo shop's files and passages, read once per test file. */
export function demoKnowledge() {
  demo ??= readKnowledgeDir(DEMO_KB_DIR).then((files) => ({ files, passages: parseKnowledgeSources(files) }));
  return demo;
}

let shared: ReturnType<typeof createPgliteConversationStore> | undefined;

/**
 * The real app over the demo shop, wired as the runtimes wire it (shopFromFiles: voice, word lists, products, demo
 * orders), with an in-memory PGlite (one per test file: tests use unique ids). `llmBaseURL` adds a model;
 * `overrides` replaces any dependency (a store of the test's own, a failover model, a tiny retriever).
 */
export async function makeTestApp(options: { llmBaseURL?: string; overrides?: Partial<AppDeps> } = {}) {
  shared ??= createPgliteConversationStore();
  const { store } = await shared;
  const { files, passages } = await demoKnowledge();
  const deps: AppDeps = {
    retriever: createLexicalRetriever(passages),
    conversations: store,
    clock: Date,
    timer: platformTimer,
    ...shopFromFiles(files),
    settings: DEFAULT_MODEL_SETTINGS,
    minRetrievalScore: DEFAULT_RETRIEVAL_MIN_SCORE,
    allowedOrigins: '*',
    ...(options.llmBaseURL
      ? { llm: createOpenAiCompatibleLlm({ baseURL: options.llmBaseURL, model: 'qwen3-0.6b' }) }
      : {}),
    ...options.overrides,
  };
  return { app: createApp(deps), deps, store: deps.conversations };
}
