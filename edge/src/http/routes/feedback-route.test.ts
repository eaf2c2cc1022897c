import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/make-test-app.ts';
import { createSqlConversationStore } from '../../adapters/conversations/sql-conversation-store.ts';
import type { createApp } from '../create-app.ts';

describe('POST /v1/feedback', () => {
  let db: PGlite;
  let app: ReturnType<typeof createApp>;
  let replyId: string;

  const post = (body: unknown, type = 'application/json') =>
    app.request('/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const rows = async () =>
    (await db.query('select target, rating, score, comment from feedback order by target')).rows;

  beforeAll(async () => {
    db = new PGlite();
    const store = createSqlConversationStore(db);
    await store.migrate();
    ({ app } = await makeTestApp({ overrides: { conversations: store } }));
    const res = await app.request('/v1/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: { id: 'fb1', text: '几点之前付款当天能发货?' } }),
    });
    replyId = JSON.parse(/data: (.*)/.exec(await res.text())![1]!).replyId;
  });
  afterAll(() => db.close());

  it('stores thumbs on a reply, a later rating replacing the earlier one', async () => {
    expect(await (await post({ conversationId: 'c_fb1', replyId, rating: 'up' })).json()).toEqual({
      ok: true,
    });
    expect((await post({ conversationId: 'c_fb1', replyId, rating: 'down' })).status).toBe(200);
    expect(await rows()).toEqual([{ target: replyId, rating: 'down', score: null, comment: null }]);
  });

  it('stores a conversation score with its comment', async () => {
    expect((await post({ conversationId: 'c_fb1', score: 5, comment: '很快' })).status).toBe(200);
    expect((await rows())[0]).toEqual({ target: '', rating: null, score: 5, comment: '很快' });
  });

  it.each([
    [{ conversationId: 'c_nope', score: 3 }, 404, 'conversation_not_found'],
    [{ conversationId: 'c_fb1', replyId: 'r_unknown', rating: 'up' }, 404, 'not_found'],
    [{ conversationId: 'c_fb1', score: 9 }, 400, 'invalid_request'],
    ['{', 400, 'malformed_json'],
  ])('rejects %j with %i %s', async (body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await post('score=5', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_content_type');
  });
});
