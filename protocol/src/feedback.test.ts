import { describe, expect, it } from 'vitest';
import { parseFeedbackRequest } from './feedback.ts';

describe('parseFeedbackRequest', () => {
  it('accepts a thumbs rating of one reply', () => {
    expect(parseFeedbackRequest({ conversationId: 'c_1', replyId: 'r-1', rating: 'down' })).toEqual({
      ok: true,
      value: { conversationId: 'c_1', replyId: 'r-1', rating: 'down' },
    });
  });

  it('accepts a conversation score and trims the comment', () => {
    expect(parseFeedbackRequest({ conversationId: 'c_1', score: 4, comment: ' 不错 ' })).toEqual({
      ok: true,
      value: { conversationId: 'c_1', score: 4, comment: '不错' },
    });
  });

  it.each([
    [null],
    [{ replyId: 'r', rating: 'up' }],
    [{ conversationId: 'c 1', replyId: 'r', rating: 'up' }],
    [{ conversationId: 'c', replyId: 'r', rating: 'meh' }],
    [{ conversationId: 'c', rating: 'up' }],
    [{ conversationId: 'c', score: 6 }],
    [{ conversationId: 'c', score: '5' }],
    [{ conversationId: 'c', score: 5, comment: 'x'.repeat(501) }],
  ])('rejects %j with invalid_request', (body) => {
    const r = parseFeedbackRequest(body);
    expect(r.ok === false && r.code).toBe('invalid_request');
  });
});
