import type postgres from 'postgres';
import type { ConversationStore } from '../../ports/conversation-store.ts';
import { openPostgres } from '../postgres/open-postgres.ts';
import { createSqlConversationStore } from './sql-conversation-store.ts';

/**
 * Conversations in a PostgreSQL server (`DATABASE_URL`), the production store on Node, through the same SQL as the
 * embedded PGlite store. `schema` keeps the tables in their own schema (created beforehand).
 */
export async function createPostgresConversationStore(
  url: string,
  options: { schema?: string } = {},
): Promise<{ store: ConversationStore; close(): Promise<void> }> {
  const sql = openPostgres(url, options);
  const store = createSqlConversationStore({
    query: async <T>(text: string, params: unknown[] = []) => ({
      rows: (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    }),
    exec: (text) => sql.unsafe(text),
  });
  await store.migrate();
  return { store, close: () => sql.end({ timeout: 5 }) };
}
