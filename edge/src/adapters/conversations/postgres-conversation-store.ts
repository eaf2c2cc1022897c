import postgres from 'postgres';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import { createSqlConversationStore } from './sql-conversation-store.ts';

/**
 * Conversations in a PostgreSQL server (`DATABASE_URL`), the production store on Node, through the same SQL as the
 * embedded PGlite store. `schema` keeps the tables in their own schema (created beforehand).
 */
export async function createPostgresConversationStore(
  url: string,
  options: { schema?: string } = {},
): Promise<{ store: ConversationStore; close(): Promise<void> }> {
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema))
    throw new Error(`schema must be a plain lower-case identifier (got "${options.schema}")`);
  const sql = postgres(url, {
    max: 4,
    onnotice: () => {},
    idle_timeout: 20,
    ...(options.schema ? { connection: { search_path: options.schema } } : {}),
  });
  const store = createSqlConversationStore({
    query: async <T>(text: string, params: unknown[] = []) => ({
      rows: (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    }),
    exec: (text) => sql.unsafe(text),
  });
  await store.migrate();
  return { store, close: () => sql.end({ timeout: 5 }) };
}
