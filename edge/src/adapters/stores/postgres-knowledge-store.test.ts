import { runKnowledgeStoreContract } from '../../../test/contracts/knowledge-store-contract.ts';
import { runVectorStoreContract } from '../../../test/contracts/vector-store-contract.ts';
import { postgresTestSchemas } from '../../../test/support/postgres-test-schemas.ts';
import { createPostgresKnowledgeStore } from './postgres-knowledge-store.ts';

const db = postgresTestSchemas('Postgres stores', 'a PostgreSQL 15+ with pgvector');

if (db) {
  // Every test gets its own empty schema; the vector extension lives in public (created by the setup script).
  const fresh = async () => createPostgresKnowledgeStore(db.url, { schema: await db.fresh() });
  runKnowledgeStoreContract('Postgres', fresh);
  runVectorStoreContract('Postgres', fresh);
}
