/**
 * Node entry: reads the environment, wires adapters, serves. `SERVE_DEMO=1` also serves the demo storefront at / and
 * the widget build at /widget/ (what `pnpm start` does).
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createPgliteConversationStore } from '../adapters/conversations/pglite-conversation-store.ts';
import { createOpenAiCompatibleLlm } from '../adapters/llm/openai-compatible-llm.ts';
import { mergeShopProfile } from '../core/shop-profile.ts';
import { createApp } from '../http/create-app.ts';
import { readConfig } from './read-config.ts';
import { startKnowledge } from './start-knowledge.ts';

const root = resolve(import.meta.dirname, '../../..');
const env = process.env;
const config = readConfig(env);
const kbDir = resolve(env.KB_DIR ?? resolve(root, 'examples/lizi-shop'));
const dataDir = resolve(env.DATA_DIR ?? resolve(root, '.data'));
mkdirSync(dataDir, { recursive: true });

const kb = await startKnowledge({
  kbDir,
  dataDir,
  databaseUrl: env.DATABASE_URL,
  config,
  log: (line) => console.log(`[xiaoer] ${line}`),
});
const shopJson = await readFile(resolve(kbDir, 'shop.json'), 'utf8').catch(() => undefined);
const { store } = await createPgliteConversationStore(resolve(dataDir, 'conversations'));
const api = createApp({
  retriever: kb.retriever,
  ...(config.llm ? { llm: createOpenAiCompatibleLlm(config.llm) } : {}),
  conversations: store,
  clock: Date,
  profile: mergeShopProfile(shopJson ? JSON.parse(shopJson) : undefined),
  settings: config.settings,
  minRetrievalScore: config.minRetrievalScore,
  directAnswerScore: config.directAnswerScore,
  allowedOrigins: config.allowedOrigins,
});

const app = new Hono();
if (env.SERVE_DEMO === '1') {
  app.use(
    '/widget/*',
    serveStatic({
      root: resolve(root, 'widget/dist'),
      rewriteRequestPath: (p) => p.replace(/^\/widget/, ''),
    }),
  );
  app.get('/csp.html', async (c) => {
    c.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'",
    );
    return c.html(await readFile(resolve(root, 'examples/storefront/csp.html'), 'utf8'));
  });
  app.use('/*', serveStatic({ root: resolve(root, 'examples/storefront') }));
}
app.route('/', api);

const port = Number(env.PORT ?? 8787);
const host = env.HOST ?? '127.0.0.1';
serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const mode = config.llm
    ? `model ${config.llm.model} at ${config.llm.baseURL}`
    : 'no model configured: answers from the knowledge base alone';
  console.log(
    `Xiaoer edge on http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}/ (${kb.passages} passages from ${kbDir}; ${mode})`,
  );
});
