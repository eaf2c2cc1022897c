import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const fetchNode = createNodeHttpFetch();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

describe('createNodeHttpFetch', () => {
  it('sends the method, headers and body, and answers with status, headers and the body', async () => {
    let seen: { method?: string; type?: string; auth?: string; body?: string } = {};
    handler = async (req, res) => {
      seen = {
        method: req.method,
        type: req.headers['content-type'],
        auth: req.headers.authorization,
        body: await readBody(req),
      };
      res.writeHead(201, 'Made', [
        ['x-one', 'a'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ]);
      res.end('{"ok":true}');
    };
    const res = await fetchNode(`${base}/v1/chat/completions`, {
      method: 'post',
      headers: new Headers({ 'content-type': 'application/json', authorization: 'Bearer k' }),
      body: '{"q":"你好"}',
    });
    expect(seen).toEqual({
      method: 'POST',
      type: 'application/json',
      auth: 'Bearer k',
      body: '{"q":"你好"}',
    });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Made');
    expect(res.ok).toBe(true);
    expect(res.headers.get('x-one')).toBe('a');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('hands each chunk on as it arrives, before the response ends', async () => {
    let finish!: () => void;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      finish = () => res.end('data: 2\n\n');
    };
    const res = await fetchNode(`${base}/stream`, { method: 'POST', body: '{}' });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: 1\n\n');
    finish();
    expect(decoder.decode((await reader.read()).value)).toBe('data: 2\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('gives a 204 a null body', async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const res = await fetchNode(`${base}/empty`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it('rejects a refused connection the way fetch does', async () => {
    const error = await fetchNode('http://127.0.0.1:9/v1/models').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('rejects with the abort reason when aborted before the response, and closes the request', async () => {
    let closed!: Promise<unknown>;
    handler = (req) => {
      closed = once(req.socket, 'close');
    };
    const controller = new AbortController();
    const pending = fetchNode(`${base}/slow`, { signal: controller.signal });
    await sleep(30);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    await closed;
    await expect(fetchNode(`${base}/x`, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('errors the body with the abort reason when aborted mid-stream, and closes the connection', async () => {
    let closed!: Promise<unknown>;
    handler = (req, res) => {
      closed = once(req.socket, 'close');
      res.writeHead(200);
      res.write('first');
    };
    const controller = new AbortController();
    const res = await fetchNode(`${base}/stream`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    await closed;
  });

  it('closes the connection when the reader cancels the body', async () => {
    let closed!: Promise<unknown>;
    handler = (req, res) => {
      closed = once(req.socket, 'close');
      res.writeHead(200);
      res.write('first');
    };
    const res = await fetchNode(`${base}/stream`);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    // The server sees its socket close (the test times out otherwise).
    await expect(closed).resolves.toBeDefined();
  });

  it('errors the body when the server closes the stream before its end', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const res = await fetchNode(`${base}/cut`);
    const reader = res.body!.getReader();
    await reader.read();
    const error = await reader.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('terminated');
  });

  it('stops reading the socket while nobody reads the body', async () => {
    let written = 0;
    const total = 16 * 1024 * 1024;
    handler = (_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 97);
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };
    const res = await fetchNode(`${base}/big`);
    const reader = res.body!.getReader();
    await reader.read();
    await sleep(200);
    // Without backpressure the whole body would sit in the stream's queue by now.
    expect(written).toBeLessThan(total);
    let read = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.length;
    }
    expect(written).toBe(total);
    expect(read).toBeGreaterThan(0);
  });

  it('closes an idle pooled connection after idleSocketMs, and keeps a quiet stream open', async () => {
    const quick = createNodeHttpFetch({ idleSocketMs: 100 });
    let socketClosed = false;
    handler = (req, res) => {
      req.socket.once('close', () => {
        socketClosed = true;
      });
      res.end('ok');
    };
    expect(await (await quick(`${base}/idle`)).text()).toBe('ok');
    await sleep(400);
    expect(socketClosed).toBe(true);

    handler = (_req, res) => {
      res.writeHead(200);
      res.write('a');
      setTimeout(() => res.end('b'), 300);
    };
    const res = await quick(`${base}/quiet`);
    expect(await res.text()).toBe('ab');
  });

  it('leaves other kinds of body to the platform fetch', async () => {
    let body = '';
    handler = async (req, res) => {
      body = await readBody(req);
      res.end('ok');
    };
    const res = await fetchNode(`${base}/form`, { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    expect(await res.text()).toBe('ok');
    expect(body).toBe('a=1');
  });
});
