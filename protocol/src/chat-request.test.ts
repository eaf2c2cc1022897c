import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, parseChatRequest } from './chat-request.ts';

describe('parseChatRequest', () => {
  it('accepts a minimal request and trims the text', () => {
    expect(parseChatRequest({ message: { id: 'm1', text: '  你好 ' } })).toEqual({
      ok: true,
      value: { message: { id: 'm1', text: '你好' } },
    });
  });

  it('keeps conversationId and known context fields only', () => {
    const r = parseChatRequest({
      conversationId: 'c_1',
      message: { id: 'm1', text: 'hi' },
      context: { sku: 'CUP-350-BL', pageUrl: 'https://shop.example/p', extra: 1 },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        conversationId: 'c_1',
        message: { id: 'm1', text: 'hi' },
        context: { pageUrl: 'https://shop.example/p', sku: 'CUP-350-BL' },
      },
    });
  });

  it.each([
    [null, 'invalid_request'],
    [[], 'invalid_request'],
    [{}, 'invalid_request'],
    [{ message: { id: 'm1' } }, 'missing_text'],
    [{ message: { id: 'm1', text: '   ' } }, 'missing_text'],
    [{ message: { id: 'm1', text: 5 } }, 'invalid_request'],
    [{ message: { id: 'bad id', text: 'x' } }, 'invalid_request'],
    [{ message: { id: 'm1', text: 'x' }, conversationId: '../etc' }, 'invalid_request'],
    [{ message: { id: 'm1', text: 'x' }, context: 'x' }, 'invalid_request'],
  ])('rejects %j with %s', (body, code) => {
    const r = parseChatRequest(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    const emoji = '😀'.repeat(MAX_MESSAGE_CHARS);
    expect(parseChatRequest({ message: { id: 'm', text: emoji } }).ok).toBe(true);
    const r = parseChatRequest({ message: { id: 'm', text: `${emoji}x` } });
    expect(r.ok === false && r.code).toBe('text_too_long');
  });
});
