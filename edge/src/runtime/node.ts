/**
 * Node entry: reads the environment, wires adapters, serves. `SERVE_DEMO=1` also serves the demo storefront at / and
 * the widget build at /widget/ (what `pnpm start` does).
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createPostgresConversationStore } from '../adapters/conversations/postgres-conversation-store.ts';
import { createWorkerConversationStore } from '../adapters/conversations/worker-conversation-store.ts';
import { createNodeHttpFetch } from '../adapters/llm/node-http-fetch.ts';
import type { SourceFile } from '../core/parse-knowledge-sources.ts';
import { createApp } from '../http/create-app.ts';
import { drainServer } from './drain-server.ts';
import { envDeps } from './env-deps.ts';
import { nodeClientAddress } from './node-client-address.ts';
import { configWarnings, readConfig } from './read-config.ts';
import { shopFromFiles } from './shop-from-files.ts';
import { startKnowledge } from './start-knowledge.ts';

const root = resolve(import.meta.dirname, '../../..');
const env = process.env;
const config = readConfig(env);
for (const warning of configWarnings(config)) console.warn(`[xiaoer] ${warning}`);
const kbDir = resolve(env.KB_DIR ?? resolve(root, 'examples/lizi-shop'));
const dataDir = resolve(env.DATA_DIR ?? resolve(root, '.data'));
mkdirSync(dataDir, { recursive: true });

// Conversations go where the knowledge goes: Postgres when DATABASE_URL is set, else PGlite in DATA_DIR on its own
// worker thread (its synchronous writes would otherwise pause every open chat stream).
const conversations = env.DATABASE_URL
  ? await createPostgresConversationStore(env.DATABASE_URL)
  : await createWorkerConversationStore(resolve(dataDir, 'conversations'));
const store = conversations.store;
const configured = envDeps(config, { fetch: createNodeHttpFetch() });
// Readiness probes order the backends (healthy first); unref: probing never keeps the process alive.
if (configured.failover) setInterval(() => void configured.failover?.probe(), 15_000).unref();

const clientAddress = nodeClientAddress(config.trustedProxyHops, (line) => console.warn(`[xiaoer] ${line}`));

/** Replies being streamed, each until it is stored: shutdown waits for them before it closes the stores. */
const replies = new Set<Promise<void>>();
const onReply = (stored: Promise<void>) => {
  replies.add(stored);
  void stored.finally(() => replies.delete(stored));
};

/** The API over the shop as its knowledge folder describes it (voice, word lists, products, orders). */
const buildApi = (files: SourceFile[]) =>
  createApp({
    retriever: kb.retriever,
    conversations: store,
    clock: Date,
    onReply,
    clientAddress,
    ...configured.deps,
    ...shopFromFiles(files),
  });

// The retriever serves from memory at once and syncs the store (PGlite in DATA_DIR, or DATABASE_URL) in the
// background; each re-sync (KB_SYNC_INTERVAL_MINUTES) reloads the passages and rebuilds the shop's dependencies.
const kb = await startKnowledge({
  kbDir,
  dataDir,
  databaseUrl: env.DATABASE_URL,
  config,
  log: (line) => console.log(`[xiaoer] ${line}`),
  onReload: (files) => {
    api = buildApi(files);
  },
});
let api = buildApi(kb.files);

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
app.all('*', (c) => api.fetch(c.req.raw, c.env));

const port = Number(env.PORT ?? 8787);
const host = env.HOST ?? '127.0.0.1';
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const mode = config.llm
    ? `model ${config.llm.model} at ${config.llm.baseURLs.join(', ')}`
    : 'no model configured: answers from the knowledge base alone';
  console.log(
    `Xiaoer edge on http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}/ (${kb.passages} passages from ${kbDir}; ${mode})`,
  );
});

// SIGTERM (docker stop, Kubernetes, systemd) or Ctrl-C: stop listening, let the open replies finish within
// SHUTDOWN_GRACE_SECONDS, then close the stores cleanly (PGlite writes its last pages) and exit. A second signal
// ends the process at once.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    process.once(signal, () => process.exit(1));
    console.log(`[xiaoer] ${signal}: finishing open replies (up to ${config.shutdownGraceMs / 1000} s)`);
    const outcome = await drainServer(server as Server, config.shutdownGraceMs);
    // A reply cut at the deadline is stored as aborted once its model request has unwound.
    await Promise.allSettled(replies);
    await Promise.allSettled([kb.close(), conversations.close()]);
    console.log(
      `[xiaoer] stopped (${outcome === 'drained' ? 'every reply finished' : 'open replies were cut'})`,
    );
    process.exit(0);
  });
}
