import postgres from 'postgres';
import { afterAll, describe, it } from 'vitest';
import { runConversationStoreContract } from '../../../test/contracts/conversation-store-contract.ts';
import { createPostgresConversationStore } from './postgres-conversation-store.ts';

const url = process.env.TEST_DATABASE_URL;

if (!url) {
  describe('Postgres conversation store', () => {
    it.skip('needs TEST_DATABASE_URL (a PostgreSQL 15+; .ci/setup-postgres.sh starts one)', () => {});
  });
} else {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const schema = `xiaoer_conv_${process.pid}`;
  const opened = admin
    .unsafe(`drop schema if exists ${schema} cascade; create schema ${schema}`)
    .then(() => createPostgresConversationStore(url, { schema }));
  afterAll(async () => {
    await (await opened).close();
    await admin.unsafe(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
  runConversationStoreContract('Postgres', async () => (await opened).store);
}
