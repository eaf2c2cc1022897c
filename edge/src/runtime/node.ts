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
import { readKnowledgeDir } from '../adapters/kb/read-knowledge-dir.ts';
import { createFailoverLlm } from '../adapters/llm/failover-llm.ts';
import { createOpenAiCompatibleLlm } from '../adapters/llm/openai-compatible-llm.ts';
import { createDemoOrderLookup } from '../adapters/orders/demo-orders.ts';
import { createDemoTicketSink } from '../adapters/tickets/demo-ticket-sink.ts';
import { createWebhookTicketSink } from '../adapters/tickets/webhook-ticket-sink.ts';
import { platformTimer } from '../adapters/timer/platform-timer.ts';
import { createLexicalRetriever } from '../core/create-lexical-retriever.ts';
import { mergeTransferWords } from '../core/decide-transfer.ts';
import { DEFAULT_POLICY_TIME_RULES } from '../core/evaluate-policy-rules.ts';
import { loadProductCatalog } from '../core/load-product-catalog.ts';
import { parseKnowledgeSources } from '../core/parse-knowledge-sources.ts';
import { mergeProductVocabulary } from '../core/resolve-product.ts';
import { mergeShopProfile } from '../core/shop-profile.ts';
import { createApp } from '../http/create-app.ts';
import { readConfig } from './read-config.ts';

const root = resolve(import.meta.dirname, '../../..');
const env = process.env;
const config = readConfig(env);
const kbDir = resolve(env.KB_DIR ?? resolve(root, 'examples/lizi-shop'));
const dataDir = resolve(env.DATA_DIR ?? resolve(root, '.data'));
mkdirSync(dataDir, { recursive: true });

const files = await readKnowledgeDir(kbDir);
const shopJson = files.find((f) => f.path === 'shop.json');
const passages = parseKnowledgeSources(files);
const shop = shopJson ? JSON.parse(shopJson.text) : undefined;
const { store } = await createPgliteConversationStore(resolve(dataDir, 'conversations'));
const llmConfig = config.llm;
const llm = llmConfig
  ? createFailoverLlm(
      llmConfig.baseURLs.map((baseURL) => ({
        name: baseURL,
        llm: createOpenAiCompatibleLlm({ ...llmConfig, baseURL }),
      })),
      {
        clock: Date,
        timer: platformTimer,
        failureThreshold: llmConfig.breakerFailures,
        cooldownMs: llmConfig.breakerCooldownMs,
        firstChunkTimeoutMs: llmConfig.firstChunkTimeoutMs,
        onBackendFailure: (name, err) =>
          console.warn(`[xiaoer] model backend ${name} failed:`, (err as Error).message),
      },
    )
  : undefined;
// Readiness probes order the backends (healthy first); unref: probing never keeps the process alive.
if (llm) setInterval(() => void llm.probe(), 15_000).unref();
// Demo orders come with the demo knowledge base; a real shop wires its own OrderLookup adapter.
const ordersFile = files.find((f) => f.path === 'demo-orders.json');
const ticketWebhook = env.TICKET_WEBHOOK_URL?.trim();
const api = createApp({
  retriever: createLexicalRetriever(passages),
  ...(llm ? { llm, firstTokenBudgetMs: llmConfig!.firstTokenBudgetMs } : {}),
  timer: platformTimer,
  conversations: store,
  clock: Date,
  profile: mergeShopProfile(shop),
  transferWords: mergeTransferWords(shop?.transferWords),
  catalog: loadProductCatalog(files, mergeProductVocabulary(shop?.productVocabulary)),
  ...(ordersFile ? { orders: createDemoOrderLookup(ordersFile.text) } : {}),
  tickets: ticketWebhook
    ? createWebhookTicketSink({
        url: ticketWebhook,
        ...(env.TICKET_WEBHOOK_SECRET ? { secret: env.TICKET_WEBHOOK_SECRET } : {}),
      })
    : createDemoTicketSink(Date),
  ...(shop?.timeRules ? { timeRules: { ...DEFAULT_POLICY_TIME_RULES, ...shop.timeRules } } : {}),
  settings: config.settings,
  minRetrievalScore: config.minRetrievalScore,
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
    ? `model ${config.llm.model} at ${config.llm.baseURLs.join(', ')}`
    : 'no model configured: answers from the knowledge base alone';
  console.log(
    `Xiaoer edge on http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}/ (${passages.length} passages from ${kbDir}; ${mode})`,
  );
});
