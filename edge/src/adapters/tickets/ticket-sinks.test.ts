import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketError } from '../../core/errors.ts';
import type { TicketRequest } from '../../ports/ticket-sink.ts';
import { createDemoTicketSink } from './demo-ticket-sink.ts';
import { createWebhookTicketSink } from './webhook-ticket-sink.ts';

const request: TicketRequest = { kind: 'refund', summary: '杯子碎了', createdAt: '2026-11-24T08:00:00.000Z' };

describe('demo ticket sink', () => {
  it('issues GD + 10 digits, a daily sequence in Beijing time', async () => {
    const sink = createDemoTicketSink({ now: () => Date.parse('2026-11-24T17:00:00Z') });
    expect((await sink.create(request)).ticketId).toBe('GD2611250001');
    expect((await sink.create(request)).ticketId).toMatch(/^GD\d{10}$/);
    expect(sink.tickets.map((t) => t.ticketId)).toEqual(['GD2611250001', 'GD2611250002']);
  });

  it('gives a request it has seen before the same ticket, and a new request a new one', async () => {
    const sink = createDemoTicketSink({ now: () => Date.parse('2026-11-24T17:00:00Z') });
    const once = { ...request, requestId: 'c_1/m_1' };
    const [a, b] = await Promise.all([sink.create(once), sink.create(once)]);
    expect(b).toEqual(a);
    expect((await sink.create({ ...request, requestId: 'c_1/m_2' })).ticketId).not.toBe(a.ticketId);
    expect(sink.tickets.map((t) => t.requestId)).toEqual(['c_1/m_1', 'c_1/m_2']);
  });
});

describe('webhook ticket sink', () => {
  let url = '';
  const received: { auth?: string; key?: string; body: unknown }[] = [];
  let mode: 'ok' | '500' | 'no-id' = 'ok';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({
        ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
        ...(req.headers['idempotency-key'] ? { key: String(req.headers['idempotency-key']) } : {}),
        body: JSON.parse(body),
      });
      if (mode === '500') res.writeHead(500).end();
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(mode === 'ok' ? { ticketId: 'T-1' } : {}));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tickets`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the request with the secret and returns the shop ticket number', async () => {
    mode = 'ok';
    const sink = createWebhookTicketSink({ url, secret: 's3' });
    expect(await sink.create(request)).toEqual({ ticketId: 'T-1' });
    expect(received.at(-1)).toEqual({ auth: 'Bearer s3', body: request });
  });

  it('sends the request id as Idempotency-Key, so the shop can answer a retried message with its ticket', async () => {
    mode = 'ok';
    const once = { ...request, requestId: 'c_1/m_1' };
    await createWebhookTicketSink({ url }).create(once);
    expect(received.at(-1)).toEqual({ key: 'c_1/m_1', body: once });
  });

  it('fails with a TicketError on HTTP 500, a missing ticketId or a dead endpoint', async () => {
    mode = '500';
    await expect(createWebhookTicketSink({ url }).create(request)).rejects.toThrow(/HTTP 500/);
    mode = 'no-id';
    await expect(createWebhookTicketSink({ url }).create(request)).rejects.toBeInstanceOf(TicketError);
    await expect(createWebhookTicketSink({ url: 'http://127.0.0.1:9/t' }).create(request)).rejects.toThrow(
      /unreachable/,
    );
  });
});
