import type { ChunkState, KnowledgeChange, KnowledgeStore } from '../../ports/knowledge-store.ts';
import type { Passage, PassageKind } from '../../ports/retriever.ts';
import type { VectorStore } from '../../ports/vector-store.ts';

/** The part of a Postgres client these stores need; PGlite and `postgres` each wrap in a few lines. */
export interface SqlDb {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const KNOWLEDGE_SCHEMA = `
create extension if not exists vector;
create table if not exists kb_chunks (
  id text primary key,
  doc_id text not null,
  kind text not null,
  title text not null,
  text text not null,
  data jsonb not null,
  hash text not null,
  embedded_with text
);
create table if not exists kb_vectors (
  id text primary key,
  embedding vector not null
);
`;

interface ChunkRow {
  id: string;
  doc_id: string;
  kind: PassageKind;
  title: string;
  text: string;
  data: Pick<Passage, 'searchText' | 'answer' | 'questions' | 'sku' | 'attributes'>;
}

const BATCH = 1000;

/**
 * KnowledgeStore and VectorStore over any Postgres with pgvector (PGlite embedded, or a server). Writes go in batches
 * of one statement each (jsonb_to_recordset), so 50,000 chunks take a few dozen round trips.
 */
export async function createSqlKnowledgeStore(db: SqlDb): Promise<KnowledgeStore & VectorStore> {
  await db.exec(KNOWLEDGE_SCHEMA);
  return {
    async states() {
      const rows = await db.query<{ id: string; hash: string; embedded_with: string | null }>(
        'select id, hash, embedded_with from kb_chunks',
      );
      return rows.map((r): ChunkState => ({ id: r.id, hash: r.hash, embeddedWith: r.embedded_with }));
    },
    async apply(change: KnowledgeChange) {
      await db.transaction(async (tx) => {
        for (let i = 0; i < change.delete.length; i += BATCH) {
          await tx.query(
            'delete from kb_chunks where id in (select jsonb_array_elements_text($1::text::jsonb))',
            [JSON.stringify(change.delete.slice(i, i + BATCH))],
          );
        }
        for (let i = 0; i < change.upsert.length; i += BATCH) {
          const rows = change.upsert
            .slice(i, i + BATCH)
            .map(({ chunk: { passage: p, hash }, embeddedWith }) => ({
              id: p.id,
              doc_id: p.docId,
              kind: p.kind,
              title: p.title,
              text: p.text,
              data: {
                searchText: p.searchText,
                answer: p.answer,
                questions: p.questions,
                sku: p.sku,
                attributes: p.attributes,
              },
              hash,
              embedded_with: embeddedWith,
            }));
          await tx.query(
            `insert into kb_chunks (id, doc_id, kind, title, text, data, hash, embedded_with)
             select id, doc_id, kind, title, text, data, hash, embedded_with
             from jsonb_to_recordset($1::text::jsonb) as x(id text, doc_id text, kind text, title text, text text,
               data jsonb, hash text, embedded_with text)
             on conflict (id) do update set doc_id = excluded.doc_id, kind = excluded.kind, title = excluded.title,
               text = excluded.text, data = excluded.data, hash = excluded.hash, embedded_with = excluded.embedded_with`,
            [JSON.stringify(rows)],
          );
        }
      });
    },
    async passages() {
      const rows = await db.query<ChunkRow>(
        'select id, doc_id, kind, title, text, data from kb_chunks order by id collate "C"',
      );
      return rows.map((r) => {
        const p: Passage = { id: r.id, docId: r.doc_id, kind: r.kind, title: r.title, text: r.text };
        const d = typeof r.data === 'string' ? (JSON.parse(r.data) as ChunkRow['data']) : r.data;
        if (d.searchText !== undefined) p.searchText = d.searchText;
        if (d.answer !== undefined) p.answer = d.answer;
        if (d.questions !== undefined) p.questions = d.questions;
        if (d.sku !== undefined) p.sku = d.sku;
        if (d.attributes !== undefined) p.attributes = d.attributes;
        return p;
      });
    },
    async upsert(items) {
      for (let i = 0; i < items.length; i += BATCH) {
        const rows = items
          .slice(i, i + BATCH)
          .map((v) => ({ id: v.id, embedding: JSON.stringify(v.values) }));
        await db.query(
          `insert into kb_vectors (id, embedding)
           select id, embedding::vector from jsonb_to_recordset($1::text::jsonb) as x(id text, embedding text)
           on conflict (id) do update set embedding = excluded.embedding`,
          [JSON.stringify(rows)],
        );
      }
    },
    async delete(ids) {
      for (let i = 0; i < ids.length; i += BATCH) {
        await db.query(
          'delete from kb_vectors where id in (select jsonb_array_elements_text($1::text::jsonb))',
          [JSON.stringify(ids.slice(i, i + BATCH))],
        );
      }
    },
    async query(values, k) {
      const rows = await db.query<{ id: string; score: number }>(
        `select id, 1 - (embedding <=> $1::text::vector) as score from kb_vectors
         order by embedding <=> $1::text::vector limit $2`,
        [JSON.stringify(values), k],
      );
      return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
    },
    close: () => db.close(),
  };
}
