import { createKnowledgeRetriever } from '../core/create-knowledge-retriever.ts';
import type { SourceFile } from '../core/parse-knowledge-sources.ts';
import { syncKnowledge } from '../core/sync-knowledge.ts';
import type { KnowledgeStore } from '../ports/knowledge-store.ts';
import type { VectorStore } from '../ports/vector-store.ts';
import { openEmbeddings, openKnowledgeStore, readKnowledge } from './open-knowledge.ts';
import type { EdgeConfig } from './read-config.ts';

/**
 * Node wiring of the knowledge base. Start-up stays fast: the folder is parsed (tens of ms) and served from memory at
 * once. With an embeddings endpoint or DATABASE_URL, the store (PGlite in DATA_DIR or Postgres) opens and re-syncs in
 * the background, and dense retrieval joins once it is ready. Every `intervalMinutes` the folder is synced
 * again; a bad folder (one that fails to parse, or whose shop.json the runtime rejects in `onReload`) is logged and the
 * knowledge already loaded keeps serving: passages and synonyms are swapped in only after `onReload` returned.
 */
export async function startKnowledge(options: {
  kbDir: string;
  dataDir: string;
  databaseUrl: string | undefined;
  config: EdgeConfig;
  log: (line: string) => void;
  /**
   * Called with the folder's files on each re-sync, before its passages are loaded, so the runtime can rebuild what
   * derives from them; if it throws, the re-sync changes nothing that is served.
   */
  onReload?: (files: SourceFile[]) => void;
}) {
  const { config, log } = options;
  const first = await readKnowledge(options.kbDir);
  const embeddings = openEmbeddings(config);
  let store: (KnowledgeStore & VectorStore) | undefined;
  const vectors: VectorStore = {
    upsert: async (items) => store?.upsert(items),
    delete: async (ids) => store?.delete(ids),
    query: async (values, k) => (store ? store.query(values, k) : []),
  };
  const retriever = createKnowledgeRetriever({
    synonyms: first.synonyms,
    ...(embeddings ? { embeddings, vectors } : {}),
    onDenseError: (err) => log(`dense retrieval skipped: ${(err as Error).message}`),
  });
  retriever.load(first.passages);

  let running: Promise<void> | undefined;
  // The store is read only for dense retrieval, or kept as the system of record in a Postgres server. Lexical-only
  // serving on the embedded default needs no second database in the process: the folder is simply reloaded.
  const persist = Boolean(embeddings || options.databaseUrl);
  const sync = async (initial: boolean) => {
    try {
      const { files, passages, synonyms } = initial ? first : await readKnowledge(options.kbDir);
      const reload = () => {
        options.onReload?.(files);
        retriever.load(passages, synonyms);
      };
      if (!persist) {
        if (!initial) reload();
        log(
          `knowledge ${initial ? 'loaded' : 'reloaded'} from ${options.kbDir}: ${passages.length} passages (lexical, in memory)`,
        );
        return;
      }
      if (!store) {
        const opened = await openKnowledgeStore(options.databaseUrl, options.dataDir);
        store = opened.store;
      }
      const s = await syncKnowledge(passages, {
        knowledge: store,
        ...(embeddings ? { vectors: store, embeddings } : {}),
      });
      if (!initial) reload();
      log(
        `knowledge synced from ${options.kbDir}: added ${s.added}, changed ${s.changed}, unchanged ${s.unchanged}, deleted ${s.deleted}, embedded ${s.embedded}`,
      );
    } catch (err) {
      log(`knowledge sync failed, keeping the knowledge already loaded: ${(err as Error).message}`);
    }
  };
  const syncOnce = (initial: boolean) => {
    running ??= sync(initial).finally(() => {
      running = undefined;
    });
    return running;
  };
  const ready = syncOnce(true);
  const timer =
    config.kbSyncIntervalMinutes > 0
      ? setInterval(() => void syncOnce(false), config.kbSyncIntervalMinutes * 60_000)
      : undefined;
  timer?.unref();
  return {
    retriever,
    /** The folder's files as read at start: shop.json, products and orders configure the app from them. */
    files: first.files,
    passages: first.passages.length,
    /** Resolves when the first background sync has finished (or failed and was logged). */
    ready,
    /** Re-reads the folder now (what the interval does); overlapping calls share one sync. */
    resync: () => syncOnce(false),
    async close() {
      if (timer) clearInterval(timer);
      await running;
      await store?.close();
    },
  };
}
