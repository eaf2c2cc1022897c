/**
 * `pnpm kb ingest <dir> [--store pglite|postgres] [--database-url <url>] [--data <dir>] [--embeddings <base-url>]
 *   [--embeddings-model <name>]`
 * Parses a knowledge folder and brings the store in line with it: new and changed chunks are written (and embedded
 * when an embeddings endpoint is given), chunks whose source disappeared are deleted, unchanged ones are left alone.
 * Store: `postgres` uses --database-url or DATABASE_URL; `pglite` (the default when no URL is set) keeps it in
 * <data>/kb (DATA_DIR, default .data). Vectorize is written by the Worker's scheduled sync, not from here.
 * A bad input exits with status 1 naming the file and line, and writes nothing.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { syncKnowledge } from '../core/sync-knowledge.ts';
import { openEmbeddings, openKnowledgeStore, readKnowledge } from '../runtime/open-knowledge.ts';
import { readConfig } from '../runtime/read-config.ts';

const root = resolve(import.meta.dirname, '../../..');
const cwd = process.env.INIT_CWD ?? process.cwd();
const usage =
  'usage: pnpm kb ingest <dir> [--store pglite|postgres] [--database-url <url>] [--data <dir>] [--embeddings <base-url>] [--embeddings-model <name>]';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  allowPositionals: true,
  options: {
    store: { type: 'string' },
    'database-url': { type: 'string' },
    data: { type: 'string' },
    embeddings: { type: 'string' },
    'embeddings-model': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, dirArg] = positionals;
if (values.help || command !== 'ingest' || !dirArg) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const env = { ...process.env };
if (values.embeddings) env.EMBEDDINGS_BASE_URL = values.embeddings;
if (values['embeddings-model']) env.EMBEDDINGS_MODEL = values['embeddings-model'];
const tty = process.stderr.isTTY;
const started = performance.now();
const progress = (label: string, done: number, total: number) => {
  if (!tty) return;
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done >= total) process.stderr.write('\n');
};

let close: (() => Promise<void>) | undefined;
try {
  const config = readConfig(env);
  const dir = resolve(cwd, dirArg);
  const { passages } = await readKnowledge(dir);
  const url = values['database-url'] || env.DATABASE_URL || undefined;
  const kind = values.store ?? (url ? 'postgres' : 'pglite');
  if (kind !== 'pglite' && kind !== 'postgres')
    throw new Error(`--store must be pglite or postgres (got "${kind}"); Vectorize is synced by the Worker`);
  if (kind === 'postgres' && !url) throw new Error('--store postgres needs --database-url or DATABASE_URL');
  const { store, where } = await openKnowledgeStore(
    kind === 'postgres' ? url : undefined,
    resolve(cwd, values.data ?? env.DATA_DIR ?? resolve(root, '.data')),
  );
  close = () => store.close();
  const embeddings = openEmbeddings(config);
  const summary = await syncKnowledge(passages, {
    knowledge: store,
    ...(embeddings ? { vectors: store, embeddings } : {}),
    onProgress: (done, total) => progress('embedding', done, total),
  });
  const ms = Math.round(performance.now() - started);
  console.log(
    `${dir} -> ${where}: ${passages.length} chunks; added ${summary.added}, changed ${summary.changed}, unchanged ${summary.unchanged}, deleted ${summary.deleted}, embedded ${summary.embedded} (${ms} ms)`,
  );
} catch (err) {
  console.error(`kb ingest: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await close?.();
}
