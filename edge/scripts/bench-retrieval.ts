/**
 * `pnpm bench retrieval [--no-store]`: query latency of the production retriever (lexical, no embeddings) and ingest
 * times, on the demo knowledge base and on a generated 50,000-chunk one. Queries are the dev cases' messages.
 * Ingest = parse + sync into a fresh PGlite data folder; the PGlite open time (WASM start, initdb on first use) is
 * printed on its own line because it does not grow with the knowledge base.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPgliteKnowledgeStore } from '../src/adapters/stores/pglite-knowledge-store.ts';
import { createKnowledgeRetriever } from '../src/core/create-knowledge-retriever.ts';
import { parseEvalCases } from '../src/core/parse-eval-cases.ts';
import { percentile } from '../src/core/score-eval.ts';
import { syncKnowledge } from '../src/core/sync-knowledge.ts';
import type { Passage } from '../src/ports/retriever.ts';
import { readKnowledge } from '../src/runtime/open-knowledge.ts';

const root = resolve(import.meta.dirname, '../..');
const withStore = !process.argv.includes('--no-store');
const casesFile = resolve(root, '../shared/eval/dev.jsonl');
let queries: { text: string; history: string[] }[];
try {
  queries = parseEvalCases(readFileSync(casesFile, 'utf8'));
} catch {
  queries = ['满多少包邮', '退货运费谁出', '蓝色保温杯能装热水吗', '发票什么时候开'].map((text) => ({
    text,
    history: [],
  }));
}

const rows: string[][] = [['knowledge base', 'chunks', 'measure', 'p50 ms', 'p95 ms', 'total ms']];
const ms = (x: number | null) => (x === null ? '-' : x.toFixed(2));

async function timeQueries(label: string, passages: Passage[], rounds: number) {
  const t0 = performance.now();
  const r = createKnowledgeRetriever();
  r.load(passages);
  rows.push([label, String(passages.length), 'build lexical index', '-', '-', ms(performance.now() - t0)]);
  for (const q of queries.slice(0, 10)) await r.retrieve(q.text, { k: 3, history: q.history });
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const q of queries) {
      const s = performance.now();
      await r.retrieve(q.text, { k: 3, history: q.history });
      times.push(performance.now() - s);
    }
  }
  rows.push([
    label,
    String(passages.length),
    `query (${times.length} queries)`,
    ms(percentile(times, 50)),
    ms(percentile(times, 95)),
    '-',
  ]);
}

async function timeIngest(label: string, passages: Passage[]) {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-bench-'));
  try {
    let t = performance.now();
    let store = await createPgliteKnowledgeStore(dir);
    rows.push([label, String(passages.length), 'open new PGlite store', '-', '-', ms(performance.now() - t)]);
    t = performance.now();
    const first = await syncKnowledge(passages, { knowledge: store });
    rows.push([
      label,
      String(passages.length),
      `ingest (added ${first.added})`,
      '-',
      '-',
      ms(performance.now() - t),
    ]);
    await store.close();
    t = performance.now();
    store = await createPgliteKnowledgeStore(dir);
    rows.push([label, String(passages.length), 'reopen PGlite store', '-', '-', ms(performance.now() - t)]);
    t = performance.now();
    const again = await syncKnowledge(passages, { knowledge: store });
    rows.push([
      label,
      String(passages.length),
      `re-ingest unchanged (embedded ${again.embedded})`,
      '-',
      '-',
      ms(performance.now() - t),
    ]);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A deterministic knowledge base of n chunks made from the demo's sentences, product names and numbers. */
function generate(demo: Passage[], n: number): Passage[] {
  let seed = 42;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const sentences = demo.flatMap((p) => p.text.split(/(?<=[。；！？\n])/).filter((s) => s.trim().length > 4));
  const names = demo.filter((p) => p.kind === 'product').map((p) => p.title);
  const out: Passage[] = [];
  for (let i = 0; i < n; i++) {
    const parts = Array.from(
      { length: 3 + Math.floor(rand() * 4) },
      () => sentences[Math.floor(rand() * sentences.length)]!,
    );
    const name = names[Math.floor(rand() * names.length)]!;
    const kind = i % 3 === 0 ? 'faq' : i % 3 === 1 ? 'policy' : 'product';
    out.push({
      id: `gen:${i}`,
      docId: `gen:${Math.floor(i / 4)}`,
      kind,
      title: `${name} 第${i}条`,
      text: `${name}：${parts.join('')} 编号${Math.floor(rand() * 100000)}`,
      ...(kind === 'faq'
        ? { answer: parts.join(''), questions: [`${name}${parts[0]!.slice(0, 12)}？`] }
        : {}),
    });
  }
  return out;
}

let t = performance.now();
const demo = (await readKnowledge(resolve(root, 'examples/lizi-shop'))).passages;
rows.push([
  'demo (lizi-shop)',
  String(demo.length),
  'read + parse + chunk folder',
  '-',
  '-',
  ms(performance.now() - t),
]);
await timeQueries('demo (lizi-shop)', demo, 20);
if (withStore) await timeIngest('demo (lizi-shop)', demo);
t = performance.now();
const big = generate(demo, 50_000);
rows.push(['generated', String(big.length), 'generate', '-', '-', ms(performance.now() - t)]);
await timeQueries('generated', big, 3);
if (withStore) await timeIngest('generated', big);

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
for (const r of rows)
  console.log(r.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
console.log(`node ${process.version}, one thread; lexical retrieval (no embeddings endpoint), k = 3`);
