import postgres from 'postgres';
import { afterAll, describe, it } from 'vitest';

export interface PostgresTestSchemas {
  url: string;
  /** Creates an empty schema and returns its name; it is dropped after the file's tests. */
  fresh(): Promise<string>;
}

/**
 * Empty schemas in the database at TEST_DATABASE_URL for one test file, dropped after its tests. Without the variable
 * it registers one skipped test under `suite` that says what it needs, and returns undefined.
 * @example const db = postgresTestSchemas('Postgres stores', 'a PostgreSQL 15+ with pgvector');
 */
export function postgresTestSchemas(suite: string, needs: string): PostgresTestSchemas | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    describe(suite, () => {
      it.skip(`needs TEST_DATABASE_URL (${needs}; .ci/setup-postgres.sh starts one)`, () => {});
    });
    return undefined;
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  // Test files may share a process (and so a pid): the random part keeps their schemas apart.
  const prefix = `xiaoer_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const created: string[] = [];
  afterAll(async () => {
    for (const schema of created) await admin.unsafe(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
  return {
    url,
    async fresh() {
      const schema = `${prefix}_${created.length}`;
      created.push(schema);
      await admin.unsafe(`drop schema if exists ${schema} cascade; create schema ${schema}`);
      return schema;
    },
  };
}
