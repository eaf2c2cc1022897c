import postgres from 'postgres';
import { afterAll, describe, it } from 'vitest';
import { runKnowledgeStoreContract } from '../../../test/contracts/knowledge-store-contract.ts';
import { runVectorStoreContract } from '../../../test/contracts/vector-store-contract.ts';
import { createPostgresKnowledgeStore } from './postgres-knowledge-store.ts';

const url = process.env.TEST_DATABASE_URL;

if (!url) {
  describe('Postgres stores', () => {
    it.skip('need TEST_DATABASE_URL (a PostgreSQL 15+ with pgvector; .ci/setup-postgres.sh starts one)', () => {});
  });
} else {
  // Every test gets its own empty schema; the vector extension lives in public (created by the setup script).
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  let n = 0;
  const fresh = async () => {
    const schema = `xiaoer_test_${process.pid}_${n++}`;
    await admin.unsafe(`drop schema if exists ${schema} cascade; create schema ${schema}`);
    return createPostgresKnowledgeStore(url, { schema });
  };
  afterAll(async () => {
    const schemas = await admin<{ nspname: string }[]>`
      select nspname from pg_namespace where nspname like ${`xiaoer_test_${process.pid}_%`}`;
    for (const { nspname } of schemas) await admin.unsafe(`drop schema ${nspname} cascade`);
    await admin.end();
  });
  runKnowledgeStoreContract('Postgres', fresh);
  runVectorStoreContract('Postgres', fresh);
}
