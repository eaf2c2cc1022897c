import postgres from 'postgres';
import type { KnowledgeStore } from '../../ports/knowledge-store.ts';
import type { VectorStore } from '../../ports/vector-store.ts';
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
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema))
    throw new Error(`schema must be a plain lower-case identifier (got "${options.schema}")`);
  const sql = postgres(url, {
    max: 4,
    onnotice: () => {},
    idle_timeout: 20,
    // The vector type stays reachable through public when the tables live in their own schema.
    ...(options.schema ? { connection: { search_path: `${options.schema},public` } } : {}),
  });
  return createSqlKnowledgeStore(wrap(sql, () => sql.end({ timeout: 5 })));
}
