import { describe, expect, it } from 'vitest';
import { CHAT_EVENT_NAMES, type ChatEvent } from './chat-events.ts';
import { createSseParser, type SseMessage } from './create-sse-parser.ts';
import { decodeChatEvent } from './decode-chat-event.ts';
import { encodeEvent } from './encode-event.ts';

describe('encodeEvent', () => {
  it('writes event, data and id lines with raw UTF-8 JSON', () => {
    expect(encodeEvent({ type: 'text-delta', data: { delta: '16:00前付款' } }, 3)).toBe(
      'event: text-delta\ndata: {"delta":"16:00前付款"}\nid: 3\n\n',
    );
  });

  it('keeps a newline inside data on one line', () => {
    expect(encodeEvent({ type: 'text-delta', data: { delta: 'a\n\nb' } }, 1)).toBe(
      'event: text-delta\ndata: {"delta":"a\\n\\nb"}\nid: 1\n\n',
    );
  });

  it('encodes every v1 event name exactly', () => {
    const events: ChatEvent[] = [
      { type: 'conversation-start', data: { conversationId: 'c1', messageId: 'm1', replyId: 'r1' } },
      { type: 'text-delta', data: { delta: '16:00前付款' } },
      { type: 'sources-available', data: { sources: [{ id: 'faq:F001', title: '下单后多久发货？' }] } },
      { type: 'handoff-request', data: { reason: 'explicit', message: '正在为您转接人工客服' } },
      {
        type: 'clarification-request',
        data: {
          question: '您问的是哪一款？',
          choices: [
            { sku: 'BUD-PRO-BK', label: 'Lizi Buds Pro 黑色' },
            { sku: 'BUD-PRO-WH', label: 'Lizi Buds Pro 白色' },
          ],
        },
      },
      { type: 'ticket-open', data: { ticketId: 'GD2611240001', kind: 'refund' } },
      { type: 'message-end', data: { finishReason: 'stop' } },
      { type: 'error', data: { code: 'upstream_error', message: 'x' } },
    ];
    expect(events.map((e) => e.type)).toEqual(CHAT_EVENT_NAMES);
    expect(events.map((e, i) => encodeEvent(e, i)).join('')).toMatchInlineSnapshot(`
      "event: conversation-start
      data: {"conversationId":"c1","messageId":"m1","replyId":"r1"}
      id: 0

      event: text-delta
      data: {"delta":"16:00前付款"}
      id: 1

      event: sources-available
      data: {"sources":[{"id":"faq:F001","title":"下单后多久发货？"}]}
      id: 2

      event: handoff-request
      data: {"reason":"explicit","message":"正在为您转接人工客服"}
      id: 3

      event: clarification-request
      data: {"question":"您问的是哪一款？","choices":[{"sku":"BUD-PRO-BK","label":"Lizi Buds Pro 黑色"},{"sku":"BUD-PRO-WH","label":"Lizi Buds Pro 白色"}]}
      id: 4

      event: ticket-open
      data: {"ticketId":"GD2611240001","kind":"refund"}
      id: 5

      event: message-end
      data: {"finishReason":"stop"}
      id: 6

      event: error
      data: {"code":"upstream_error","message":"x"}
      id: 7

      "
    `);
  });
});

describe('createSseParser', () => {
  function parseAll(chunks: string[]) {
    const out: SseMessage[] = [];
    const p = createSseParser((m) => out.push(m));
    for (const c of chunks) p.push(c);
    return { out, p };
  }

  it('round-trips encoded events split at every possible byte boundary', () => {
    const wire =
      encodeEvent({ type: 'text-delta', data: { delta: '你好' } }, 1) +
      encodeEvent({ type: 'message-end', data: { finishReason: 'stop' } }, 2);
    for (let cut = 0; cut <= wire.length; cut++) {
      const { out, p } = parseAll([wire.slice(0, cut), wire.slice(cut)]);
      expect(out.map(decodeChatEvent)).toEqual([
        { type: 'text-delta', data: { delta: '你好' } },
        { type: 'message-end', data: { finishReason: 'stop' } },
      ]);
      expect(p.lastEventId).toBe('2');
    }
  });

  it('accepts CRLF and lone CR line ends, comments and multi-line data', () => {
    const { out } = parseAll([': keep-alive\r\n\r\nevent: x\r\ndata: a\r\ndata: b\r\rdata: c\r', '\n\r\n']);
    expect(out).toEqual([
      { event: 'x', data: 'a\nb', id: undefined },
      { event: 'message', data: 'c', id: undefined },
    ]);
  });

  it('does not dispatch an unterminated frame', () => {
    const { out } = parseAll(['event: text-delta\ndata: {"delta":"x"}\n']);
    expect(out).toEqual([]);
  });
});

describe('decodeChatEvent', () => {
  it('ignores event names from a newer protocol', () => {
    expect(decodeChatEvent({ event: 'future-thing', data: '{}', id: '1' })).toBeUndefined();
  });

  it('throws on a known event with broken data', () => {
    expect(() => decodeChatEvent({ event: 'text-delta', data: '{', id: '1' })).toThrow();
  });
});
