/**
 * `pnpm bench widget [--runs N]`: time from a click on the launcher to a focused, typeable input, in Chromium with
 * 4x CPU throttling (CDP `Emulation.setCPUThrottlingRate`), for
 *   cold        the panel chunk is not loaded yet (`data-prefetch="intent"`, a fresh browser context: empty cache)
 *   prefetched  the panel chunk was loaded while the page was idle (the default), then the click
 * Serves examples/storefront and widget/dist itself (no edge needed: opening the panel makes no API call for a new
 * visitor). Build first (`pnpm --filter @xiaoer/widget build`). Prints median / p90 / min / max in ms.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const root = join(import.meta.dirname, '../..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  let file = url.pathname === '/' ? '/index.html' : url.pathname;
  const base = file.startsWith('/widget/') ? join(root, 'widget/dist') : join(root, 'examples/storefront');
  if (file.startsWith('/widget/')) file = file.slice('/widget'.length);
  try {
    let body: string | Buffer = await readFile(join(base, normalize(file)));
    if (file === '/index.html' && url.searchParams.get('prefetch') === 'intent')
      body = body.toString().replace('<script src="/widget/xiaoer.js" async', '$& data-prefetch="intent"');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    '--disable-quic',
  ],
});

/** One measurement in a fresh context (empty HTTP cache). */
async function measure(mode: 'cold' | 'prefetched'): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${origin}/${mode === 'cold' ? '?prefetch=intent' : ''}`, { waitUntil: 'load' });
  await page.waitForSelector('xiaoer-chat', { state: 'attached' });
  if (mode === 'prefetched') {
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => e.name.endsWith('/xiaoer-panel.js')),
    );
    await page.waitForTimeout(300);
  }
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const root = document.querySelector('xiaoer-chat')!.shadowRoot!;
        const button = root.querySelector('button')!;
        root.addEventListener(
          'focusin',
          (e) => {
            if ((e.target as Element).tagName === 'TEXTAREA') resolve(performance.now() - t0);
          },
          { capture: true },
        );
        const t0 = performance.now();
        button.dispatchEvent(new PointerEvent('pointerenter'));
        button.click();
      }),
  );
  await context.close();
  return ms;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(1)} ms  p90 ${at(0.9).toFixed(1)} ms  min ${s[0]!.toFixed(1)}  max ${s.at(-1)!.toFixed(1)}`;
}

console.log(`click -> focused input, Chromium ${browser.version()}, CPU throttling 4x, ${runs} runs each`);
for (const mode of ['cold', 'prefetched'] as const) {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await measure(mode));
  console.log(`  ${mode.padEnd(11)} ${stats(xs)}`);
}
await browser.close();
server.close();
