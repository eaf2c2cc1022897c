import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { KnowledgeStore } from '../../ports/knowledge-store.ts';
import type { VectorStore } from '../../ports/vector-store.ts';
import { createSqlKnowledgeStore, type SqlDb } from './sql-knowledge-store.ts';

function wrap(db: PGlite | Transaction, close: () => Promise<void>): SqlDb {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (fn) =>
      'transaction' in db ? db.transaction((tx) => fn(wrap(tx, close))) : fn(wrap(db, close)),
    close,
  };
}

/**
 * The embedded default: PGlite (Postgres in WASM) with pgvector, persisted in `dataDir`, or in memory when dataDir is
 * undefined (tests).
 */
export async function createPgliteKnowledgeStore(dataDir?: string): Promise<KnowledgeStore & VectorStore> {
  const db = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { vector } });
  return createSqlKnowledgeStore(wrap(db, () => db.close()));
}
