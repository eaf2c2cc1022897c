import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../../../test/support/make-test-app.ts';
import { manualClock } from '../../../test/support/manual-clock.ts';
import { chatRequest, readEvents } from '../../../test/support/read-events.ts';
import { createRateLimiter } from '../../core/create-rate-limiter.ts';

const Q = '几点之前付款当天能发货?';
let n = 0;
const nextId = () => `rl${Date.now()}_${n++}`;

describe('POST /v1/chat rate limits', () => {
  it('refuses messages past the conversation limit with 429, Retry-After, and nothing stored', async () => {
    const time = manualClock();
    const { app, store } = await makeTestApp({
      overrides: { rateLimits: { perConversation: createRateLimiter(2, time) } },
    });
    const first = await app.request('/v1/chat', chatRequest({ message: { id: nextId(), text: Q } }));
    const start = (await readEvents(first))[0]!;
    const conversationId = (start.data as { conversationId: string }).conversationId;
    const send = () =>
      app.request('/v1/chat', chatRequest({ conversationId, message: { id: nextId(), text: Q } }));
    await readEvents(await send());

    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: 'Too many messages in this conversation. Retry in 30 s.' },
    });
    expect(await store.turns(conversationId)).toHaveLength(2);

    // Another conversation has its own count; this one gets a message through once the wait is over.
    expect((await app.request('/v1/chat', chatRequest({ message: { id: nextId(), text: Q } }))).status).toBe(
      200,
    );
    time.advance(30_000);
    const after = await send();
    expect(after.status).toBe(200);
    await readEvents(after);
    expect(await store.turns(conversationId)).toHaveLength(3);
  });

  it('counts per customer address before the body is read, and tells the browser how long to wait', async () => {
    const { app } = await makeTestApp({
      overrides: {
        rateLimits: { perAddress: createRateLimiter(1, manualClock()) },
        clientAddress: (request) => request.headers.get('x-test-address') ?? undefined,
      },
    });
    const from = (address: string, body: unknown) =>
      app.request(
        '/v1/chat',
        chatRequest(body, { 'x-test-address': address, origin: 'https://shop.example' }),
      );
    const ok = await from('203.0.113.7', { message: { id: nextId(), text: Q } });
    expect(ok.status).toBe(200);
    await readEvents(ok);

    // Refused even with a malformed body: the limit comes first, so a flood costs no parsing.
    const id = nextId();
    const refused = await from('203.0.113.7', { message: { id, text: Q } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    expect((await from('203.0.113.7', { nonsense: true })).status).toBe(429);
    expect((await app.request(`/v1/conversations/c_${id}`)).status).toBe(404);

    const other = await from('198.51.100.2', { message: { id: nextId(), text: Q } });
    expect(other.status).toBe(200);
    await readEvents(other);
  });

  it('does not limit by address when the runtime knows none', async () => {
    const { app } = await makeTestApp({
      overrides: { rateLimits: { perAddress: createRateLimiter(1, manualClock()) } },
    });
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/v1/chat', chatRequest({ message: { id: nextId(), text: Q } }));
      expect(res.status).toBe(200);
      await readEvents(res);
    }
  });
});
