import type postgres from 'postgres';
import type { KnowledgeStore } from '../../ports/knowledge-store.ts';
import type { VectorStore } from '../../ports/vector-store.ts';
import { openPostgres } from '../postgres/open-postgres.ts';
import { createSqlKnowledgeStore, type SqlDb } from './sql-knowledge-store.ts';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql, close: () => Promise<void>): SqlDb {
  return {
    query: async <T>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    exec: async (text) => {
      await sql.unsafe(text);
    },
    transaction: async (fn) =>
      'begin' in sql ? ((await sql.begin((tx) => fn(wrap(tx, close)))) as never) : fn(wrap(sql, close)),
    close,
  };
}

/**
 * A PostgreSQL server with pgvector (`DATABASE_URL`), through `postgres` (porsager): small, no dependencies, and the
 * fastest of the clients measured for vector queries. Needs the `vector` extension available on the server.
 * `schema` keeps the tables in their own schema (created beforehand).
 */
export async function createPostgresKnowledgeStore(
  url: string,
  options: { schema?: string } = {},
): Promise<KnowledgeStore & VectorStore> {
  const sql = openPostgres(url, options);
  return createSqlKnowledgeStore(wrap(sql, () => sql.end({ timeout: 5 })));
}
