import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { sseResponse } from './sse-response.ts';

describe('sseResponse', () => {
  it('streams the frames in order and closes when run settles', async () => {
    const app = new Hono().get('/', (c) =>
      sseResponse(c, async (write) => {
        write('data: 1\n\n');
        await new Promise((r) => setTimeout(r, 5));
        write('data: 2\n\n');
      }),
    );
    expect(await (await app.request('/')).text()).toBe('data: 1\n\ndata: 2\n\n');
  });

  it('hands onRun the promise that settles when run has', async () => {
    let release!: () => void;
    let settled: Promise<void> | undefined;
    let done = false;
    const app = new Hono().get('/', (c) =>
      sseResponse(
        c,
        async (write) => {
          write('data: 1\n\n');
          await new Promise<void>((r) => {
            release = r;
          });
        },
        (p) => {
          settled = p;
          void p.then(() => {
            done = true;
          });
        },
      ),
    );
    const res = await app.request('/');
    expect(settled).toBeInstanceOf(Promise);
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    release();
    await settled;
    expect(await res.text()).toBe('data: 1\n\n');
  });

  it('asks an execution context (Workers) to wait for run, so a reply cut by a disconnect is still stored', async () => {
    let release!: () => void;
    const waited: Promise<unknown>[] = [];
    const ctx = {
      waitUntil: (p: Promise<unknown>) => void waited.push(p),
      passThroughOnException() {},
      props: {},
    };
    let stored = false;
    const app = new Hono().get('/', (c) =>
      sseResponse(c, async (write) => {
        write('data: 1\n\n');
        await new Promise<void>((r) => {
          release = r;
        });
        stored = true;
      }),
    );
    const reader = (await app.request('/', {}, {}, ctx)).body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(waited).toHaveLength(1);
    release();
    await waited[0];
    expect(stored).toBe(true);
  });

  it('sets the SSE headers and keeps the ones the route set', async () => {
    const app = new Hono().get('/', (c) => {
      c.header('x-route', 'yes');
      return sseResponse(c, async () => {});
    });
    expect([...(await app.request('/')).headers]).toEqual([
      ['cache-control', 'no-cache, no-transform'],
      ['content-type', 'text/event-stream; charset=utf-8'],
      ['x-accel-buffering', 'no'],
      ['x-route', 'yes'],
    ]);
  });

  it('tells run that the client went away, and drops what is written after', async () => {
    let signal: AbortSignal | undefined;
    let release!: () => void;
    const later = new Promise<void>((r) => {
      release = r;
    });
    const app = new Hono().get('/', (c) =>
      sseResponse(c, async (write, gone) => {
        signal = gone;
        write('data: first\n\n');
        await later;
        write('data: too late\n\n');
      }),
    );
    const reader = (await app.request('/')).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');
    await reader.cancel();
    expect(signal?.aborted).toBe(true);
    release();
    await new Promise((r) => setTimeout(r, 5));
  });

  it('logs an error thrown after the response started and still ends the stream', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = new Hono().get('/', (c) =>
      sseResponse(c, async (write) => {
        write('data: 1\n\n');
        throw new Error('store down');
      }),
    );
    expect(await (await app.request('/')).text()).toBe('data: 1\n\n');
    expect(log).toHaveBeenCalledWith(
      '[xiaoer] stream failed',
      expect.objectContaining({ message: 'store down' }),
    );
    log.mockRestore();
  });
});
