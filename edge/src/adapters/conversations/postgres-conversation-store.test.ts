import { afterAll } from 'vitest';
import { runConversationStoreContract } from '../../../test/contracts/conversation-store-contract.ts';
import { postgresTestSchemas } from '../../../test/support/postgres-test-schemas.ts';
import { createPostgresConversationStore } from './postgres-conversation-store.ts';

const db = postgresTestSchemas('Postgres conversation store', 'a PostgreSQL 15+');

if (db) {
  const opened = db.fresh().then((schema) => createPostgresConversationStore(db.url, { schema }));
  afterAll(async () => (await opened).close());
  runConversationStoreContract('Postgres', async () => (await opened).store);
}
