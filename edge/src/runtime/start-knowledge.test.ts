import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, expect, it } from 'vitest';
import { DEMO_KB_DIR } from '../../test/support/make-test-app.ts';
import { type EdgeConfig, readConfig } from './read-config.ts';
import { startKnowledge } from './start-knowledge.ts';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'xiaoer-kb-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the demo knowledge folder that a test may change. */
const demoCopy = () => {
  const dir = dataDir();
  cpSync(DEMO_KB_DIR, dir, { recursive: true });
  return dir;
};

/** startKnowledge on `kbDir` without a database, its first sync done; its log lines are collected. */
async function start(
  kbDir: string,
  options: {
    dataDir?: string;
    config?: EdgeConfig;
    onReload?: Parameters<typeof startKnowledge>[0]['onReload'];
  } = {},
) {
  const lines: string[] = [];
  const kb = await startKnowledge({
    kbDir,
    dataDir: options.dataDir ?? dataDir(),
    databaseUrl: undefined,
    config: options.config ?? readConfig({}),
    log: (l) => lines.push(l),
    ...(options.onReload ? { onReload: options.onReload } : {}),
  });
  await kb.ready;
  return { kb, lines };
}

it('serves lexical retrieval from memory without opening a store nobody reads', async () => {
  const dir = dataDir();
  const { kb, lines } = await start(DEMO_KB_DIR, { dataDir: dir });
  expect((await kb.retriever.retrieve('几点之前付款当天能发货', { k: 3 }))[0]?.text).toContain('16:00');
  expect(existsSync(join(dir, 'kb'))).toBe(false);
  expect(lines.join('\n')).toMatch(/loaded .* passages \(lexical, in memory\)/);
  await kb.close();
});

it('keeps a store, with every chunk embedded, when an embeddings endpoint is configured', async () => {
  const fake = await startFakeOpenAiServer();
  const dir = dataDir();
  const config = readConfig({
    EMBEDDINGS_BASE_URL: fake.baseURL,
    EMBEDDINGS_MODEL: 'Qwen/Qwen3-Embedding-0.6B',
  });
  const { kb, lines } = await start(DEMO_KB_DIR, { dataDir: dir, config });
  expect(existsSync(join(dir, 'kb'))).toBe(true);
  expect(lines.join('\n')).toMatch(/added (\d+), .* embedded \1/);
  await kb.close();
  await fake.close();
});

it('re-sync reloads the passages and hands the new files to the runtime (products, shop.json)', async () => {
  const kbDir = demoCopy();
  const reloaded: string[][] = [];
  const { kb } = await start(kbDir, { onReload: (files) => reloaded.push(files.map((f) => f.path)) });
  expect(kb.files.some((f) => f.path === 'products.csv')).toBe(true);
  appendFileSync(
    join(kbDir, 'faq.csv'),
    'F999,可以用数字人民币付款吗？,,支持的，结算页选数字人民币就行。,payment\n',
  );
  appendFileSync(
    join(kbDir, 'products.csv'),
    'MUG-NEW-RD,栗子新款马克杯 红色,马克杯,红色,350ml,陶瓷,59,12,新品,有货\n',
  );
  await kb.resync();
  expect((await kb.retriever.retrieve('可以用数字人民币付款吗', { k: 1 }))[0]?.id).toBe('faq:F999');
  expect(reloaded).toHaveLength(1);
  expect(reloaded[0]).toContain('products.csv');
  await kb.close();
});

it('re-sync uses the synonyms of the folder read then, not those of start-up', async () => {
  const kbDir = demoCopy();
  rmSync(join(kbDir, 'synonyms.txt'), { force: true });
  appendFileSync(
    join(kbDir, 'faq.csv'),
    'F999,可以用数字人民币付款吗？,,支持的，结算页选数字人民币就行。,payment\n',
  );
  const { kb } = await start(kbDir);
  expect((await kb.retriever.retrieve('数币', { k: 1 }))[0]?.id).not.toBe('faq:F999');
  appendFileSync(join(kbDir, 'synonyms.txt'), '数字人民币 数币\n');
  await kb.resync();
  expect((await kb.retriever.retrieve('数币', { k: 1 }))[0]?.id).toBe('faq:F999');
  await kb.close();
});

it('a re-sync whose files the runtime rejects changes nothing that is served', async () => {
  const kbDir = demoCopy();
  const { kb, lines } = await start(kbDir, {
    onReload: () => {
      throw new Error('shop.json: "name" must be a string');
    },
  });
  appendFileSync(
    join(kbDir, 'faq.csv'),
    'F999,可以用数字人民币付款吗？,,支持的，结算页选数字人民币就行。,payment\n',
  );
  await kb.resync();
  expect((await kb.retriever.retrieve('可以用数字人民币付款吗', { k: 1 }))[0]?.id).not.toBe('faq:F999');
  expect(lines.at(-1)).toMatch(/knowledge sync failed, keeping the knowledge already loaded: shop.json/);
  await kb.close();
});
