/**
 * Bundles a knowledge-base folder into `.generated/kb-sources.json` for the Workers build (a Worker has no file
 * system). wrangler runs this as its custom build step; `KB_DIR` picks the folder (default: the demo shop).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readKnowledgeDir } from '../src/adapters/kb/read-knowledge-dir.ts';
import { parseKnowledgeSources } from '../src/core/parse-knowledge-sources.ts';

const dir = resolve(process.env.KB_DIR ?? resolve(import.meta.dirname, '../../examples/lizi-shop'));
const files = (await readKnowledgeDir(dir)).filter(
  (f) => /\.(md|txt|csv|json)$/i.test(f.path) && f.path !== 'package.json',
);
const passages = parseKnowledgeSources(files); // fail the build on a broken source, not the first request
const out = resolve(import.meta.dirname, '../.generated/kb-sources.json');
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, JSON.stringify(files));
console.log(`bundled ${files.length} files (${passages.length} passages) from ${dir}`);
