import { PGlite } from '@electric-sql/pglite';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import { createSqlConversationStore } from './sql-conversation-store.ts';

/**
 * The embedded default: PGlite (Postgres in WASM) persisted in `dataDir`, or in memory when dataDir is undefined
 * (tests). Returns the store and a close function.
 */
export async function createPgliteConversationStore(
  dataDir?: string,
): Promise<{ store: ConversationStore; close(): Promise<void> }> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  const store = createSqlConversationStore(db);
  await store.migrate();
  return { store, close: () => db.close() };
}
