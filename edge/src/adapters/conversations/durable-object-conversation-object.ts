import { DurableObject } from 'cloudflare:workers';
import type { StoredFeedback, StoredReply, StoredTurn } from '../../ports/conversation-store.ts';

interface TurnRow extends Record<string, SqlStorageValue> {
  message_id: string;
  text: string;
  context: string | null;
  created_at: string;
  reply: string | null;
}

function toTurn(r: TurnRow): StoredTurn {
  const turn: StoredTurn = {
    messageId: r.message_id,
    text: r.text,
    createdAt: r.created_at,
    reply: r.reply ? (JSON.parse(r.reply) as StoredReply) : null,
  };
  if (r.context) turn.context = JSON.parse(r.context);
  return turn;
}

/**
 * One Durable Object per conversation, holding its turns in the object's SQLite storage. Single-threaded per
 * conversation, so the idempotent insert needs no locking. Called over Workers RPC by
 * durable-object-conversation-store.ts.
 */
export class ConversationObject extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      create table if not exists meta (id text primary key, created_at text not null);
      create table if not exists turns (
        seq integer primary key autoincrement,
        message_id text not null unique,
        text text not null,
        context text,
        created_at text not null,
        reply text
      );
      create table if not exists feedback (
        target text primary key,
        rating text,
        score integer,
        comment text,
        created_at text not null
      );`);
  }

  ensure(id: string, createdAt: string): void {
    this.ctx.storage.sql.exec('insert or ignore into meta (id, created_at) values (?, ?)', id, createdAt);
  }

  exists(): boolean {
    return this.ctx.storage.sql.exec('select id from meta').toArray().length > 0;
  }

  addCustomerMessage(m: { id: string; text: string; context?: StoredTurn['context']; createdAt: string }) {
    const existing = this.ctx.storage.sql
      .exec<TurnRow>('select * from turns where message_id = ?', m.id)
      .toArray()[0];
    if (existing) return { created: false, turn: toTurn(existing) };
    this.ctx.storage.sql.exec(
      'insert into turns (message_id, text, context, created_at) values (?, ?, ?, ?)',
      m.id,
      m.text,
      m.context ? JSON.stringify(m.context) : null,
      m.createdAt,
    );
    const turn: StoredTurn = { messageId: m.id, text: m.text, createdAt: m.createdAt, reply: null };
    if (m.context) turn.context = m.context;
    return { created: true, turn };
  }

  saveReply(messageId: string, reply: StoredReply): void {
    this.ctx.storage.sql.exec(
      'update turns set reply = ? where message_id = ?',
      JSON.stringify(reply),
      messageId,
    );
  }

  /** Thumbs for one reply (replyId) or the rating of the whole conversation (no replyId); the last word counts. */
  saveFeedback(f: StoredFeedback): boolean {
    if (f.replyId) {
      const rows = this.ctx.storage.sql
        .exec<TurnRow>('select * from turns where reply is not null')
        .toArray();
      if (!rows.some((r) => (JSON.parse(r.reply!) as StoredReply).id === f.replyId)) return false;
    }
    this.ctx.storage.sql.exec(
      'insert or replace into feedback (target, rating, score, comment, created_at) values (?, ?, ?, ?, ?)',
      f.replyId ?? '',
      f.rating ?? null,
      f.score ?? null,
      f.comment ?? null,
      f.createdAt,
    );
    return true;
  }

  turns(limit?: number): StoredTurn[] {
    const rows = limit
      ? this.ctx.storage.sql.exec<TurnRow>(
          'select * from (select * from turns order by seq desc limit ?) order by seq',
          limit,
        )
      : this.ctx.storage.sql.exec<TurnRow>('select * from turns order by seq');
    return rows.toArray().map(toTurn);
  }
}
