import type { ConversationStore, StoredReply, StoredTurn } from '../../ports/conversation-store.ts';

/** The part of a Postgres client this store needs; PGlite has it as is, other clients wrap in one line. */
export interface SqlClient {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

export const CONVERSATION_SCHEMA = `
create table if not exists conversations (
  id text primary key,
  created_at text not null
);
create table if not exists turns (
  conversation_id text not null references conversations(id) on delete cascade,
  message_id text not null,
  seq bigserial,
  text text not null,
  context jsonb,
  created_at text not null,
  reply jsonb,
  primary key (conversation_id, message_id)
);
create index if not exists turns_by_conversation on turns (conversation_id, seq);
`;

/** Customer feedback, one row per rated reply and one (`target` = '') for the conversation rating. */
export const FEEDBACK_SCHEMA = `
create table if not exists feedback (
  conversation_id text not null references conversations(id) on delete cascade,
  target text not null,
  rating text,
  score smallint,
  comment text,
  created_at text not null,
  primary key (conversation_id, target)
);
`;

interface TurnRow {
  message_id: string;
  text: string;
  context: StoredTurn['context'] | null;
  created_at: string;
  reply: StoredReply | null;
}

function toTurn(r: TurnRow): StoredTurn {
  const turn: StoredTurn = { messageId: r.message_id, text: r.text, createdAt: r.created_at, reply: r.reply };
  if (r.context) turn.context = r.context;
  return turn;
}

/** ConversationStore over any Postgres (PGlite embedded, or a server). Call `migrate()` once before use. */
export function createSqlConversationStore(db: SqlClient): ConversationStore & { migrate(): Promise<void> } {
  return {
    async migrate() {
      await db.exec(CONVERSATION_SCHEMA);
      await db.exec(FEEDBACK_SCHEMA);
    },
    async ensure(id, createdAt) {
      await db.query(
        'insert into conversations (id, created_at) values ($1, $2) on conflict (id) do nothing',
        [id, createdAt],
      );
    },
    async ping() {
      await db.query('select 1');
    },
    async exists(id) {
      const { rows } = await db.query<{ id: string }>('select id from conversations where id = $1', [id]);
      return rows.length > 0;
    },
    async addCustomerMessage(conversationId, m) {
      const inserted = await db.query<TurnRow>(
        `insert into turns (conversation_id, message_id, text, context, created_at) values ($1, $2, $3, $4::text::jsonb, $5)
         on conflict (conversation_id, message_id) do nothing
         returning message_id, text, context, created_at, reply`,
        [conversationId, m.id, m.text, m.context ? JSON.stringify(m.context) : null, m.createdAt],
      );
      if (inserted.rows[0]) return { created: true, turn: toTurn(inserted.rows[0]) };
      const { rows } = await db.query<TurnRow>(
        'select message_id, text, context, created_at, reply from turns where conversation_id = $1 and message_id = $2',
        [conversationId, m.id],
      );
      return { created: false, turn: toTurn(rows[0]!) };
    },
    async saveReply(conversationId, messageId, reply) {
      await db.query(
        'update turns set reply = $3::text::jsonb where conversation_id = $1 and message_id = $2',
        [conversationId, messageId, JSON.stringify(reply)],
      );
    },
    async saveFeedback(conversationId, f) {
      if (f.replyId) {
        const { rows } = await db.query(
          "select 1 from turns where conversation_id = $1 and reply->>'id' = $2",
          [conversationId, f.replyId],
        );
        if (rows.length === 0) return false;
      }
      await db.query(
        `insert into feedback (conversation_id, target, rating, score, comment, created_at) values ($1, $2, $3, $4, $5, $6)
         on conflict (conversation_id, target) do update set rating = excluded.rating, score = excluded.score,
         comment = excluded.comment, created_at = excluded.created_at`,
        [conversationId, f.replyId ?? '', f.rating ?? null, f.score ?? null, f.comment ?? null, f.createdAt],
      );
      return true;
    },
    async turns(conversationId, limit) {
      const { rows } = await db.query<TurnRow>(
        `select * from (select message_id, text, context, created_at, reply, seq from turns where conversation_id = $1
         order by seq desc ${limit ? 'limit $2' : ''}) t order by seq asc`,
        limit ? [conversationId, limit] : [conversationId],
      );
      return rows.map(toTurn);
    },
  };
}
