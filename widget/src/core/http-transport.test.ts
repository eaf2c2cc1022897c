import { encodeEvent } from '@xiaoer/protocol';
import { describe, expect, it } from 'vitest';
import type { StreamedEvent } from './chat-transport.ts';
import { createHttpTransport, retryAfterMs } from './http-transport.ts';

/** A body that delivers `chunks` one per read, then fails like a dropped connection. */
function cutBody(chunks: string[]) {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < chunks.length) c.enqueue(enc.encode(chunks[i++]!));
      else c.error(new TypeError('network error'));
    },
  });
}

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
  const seen: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof fetch;
  return { fn, seen };
}

const wire =
  encodeEvent(
    { type: 'conversation-start', data: { conversationId: 'c1', messageId: 'm1', replyId: 'r1' } },
    1,
  ) +
  encodeEvent({ type: 'text-delta', data: { delta: '你好' } }, 2) +
  encodeEvent({ type: 'message-end', data: { finishReason: 'stop' } }, 3);

describe('createHttpTransport', () => {
  it('posts the request with Last-Event-ID and decodes events split anywhere, with their ids', async () => {
    const bytes = new TextEncoder().encode(wire);
    const { fn, seen } = fakeFetch(() => {
      // Split inside a multi-byte character, too.
      const parts = [bytes.slice(0, 70), bytes.slice(70, 141), bytes.slice(141)];
      return new Response(
        new ReadableStream({
          start(c) {
            for (const p of parts) c.enqueue(p);
            c.close();
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    });
    const events: StreamedEvent[] = [];
    await createHttpTransport('https://kefu.example.com/', fn).chat(
      { message: { id: 'm1', text: '你好' } },
      { lastEventId: 4, onEvent: (e) => events.push(e) },
    );
    expect(seen[0]!.url).toBe('https://kefu.example.com/v1/chat');
    expect((seen[0]!.init.headers as Record<string, string>)['last-event-id']).toBe('4');
    expect(events.map((e) => [e.id, e.event.type])).toEqual([
      [1, 'conversation-start'],
      [2, 'text-delta'],
      [3, 'message-end'],
    ]);
  });

  it('ends quietly when the stream is cut, keeping what arrived', async () => {
    const { fn } = fakeFetch(
      () => new Response(cutBody([wire.slice(0, wire.indexOf('event: message-end'))])),
    );
    const events: StreamedEvent[] = [];
    await createHttpTransport('https://k', fn).chat(
      { message: { id: 'm1', text: 'x' } },
      { onEvent: (e) => events.push(e) },
    );
    expect(events.map((e) => e.event.type)).toEqual(['conversation-start', 'text-delta']);
  });

  it('turns an error body into a TransportError with the stable code', async () => {
    const { fn } = fakeFetch(
      () => new Response('{"error":{"code":"text_too_long","message":"too long"}}', { status: 400 }),
    );
    await expect(
      createHttpTransport('https://k', fn).chat({ message: { id: 'm', text: 'x' } }, { onEvent() {} }),
    ).rejects.toMatchObject({ kind: 'http', status: 400, code: 'text_too_long', retryable: false });
  });

  it('reads how long a rate-limited send must wait from Retry-After', async () => {
    const { fn } = fakeFetch(
      () =>
        new Response('{"error":{"code":"rate_limited","message":"slow down"}}', {
          status: 429,
          headers: { 'retry-after': '7' },
        }),
    );
    await expect(
      createHttpTransport('https://k', fn).chat({ message: { id: 'm', text: 'x' } }, { onEvent() {} }),
    ).rejects.toMatchObject({ status: 429, code: 'rate_limited', retryable: true, retryAfterMs: 7000 });
    const now = Date.parse('2026-11-25T08:00:00Z');
    expect(retryAfterMs('Wed, 25 Nov 2026 08:00:12 GMT', now)).toBe(12_000);
    expect(retryAfterMs('Wed, 25 Nov 2026 07:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('reports an unreachable edge as a retryable network error', async () => {
    const fn = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(createHttpTransport('https://k', fn).history('c1')).rejects.toMatchObject({
      kind: 'network',
      retryable: true,
    });
  });

  it('returns null history for an unknown conversation', async () => {
    const { fn, seen } = fakeFetch(() => new Response('{}', { status: 404 }));
    expect(await createHttpTransport('https://k', fn).history('c_1')).toBeNull();
    expect(seen[0]!.url).toBe('https://k/v1/conversations/c_1');
  });
});
