/**
 * `pnpm bench analyze-turn [--rounds N]`: time of the deterministic front half of a turn (transfer breakers, intent,
 * product resolution, retrieval) over every FAQ phrasing and product name of the demo shop. Prints p50 / p99 / max.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readKnowledgeDir } from '../src/adapters/kb/read-knowledge-dir.ts';
import { analyzeTurn } from '../src/core/analyze-turn.ts';
import { createLexicalRetriever } from '../src/core/create-lexical-retriever.ts';
import { loadProductCatalog } from '../src/core/load-product-catalog.ts';
import { DEFAULT_MODEL_SETTINGS } from '../src/core/model-settings.ts';
import { parseCsv } from '../src/core/parse-csv.ts';
import { parseKnowledgeSources } from '../src/core/parse-knowledge-sources.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const files = await readKnowledgeDir(resolve(import.meta.dirname, '../../examples/lizi-shop'));
const deps = {
  retriever: createLexicalRetriever(parseKnowledgeSources(files)),
  settings: DEFAULT_MODEL_SETTINGS,
  catalog: loadProductCatalog(files),
};
const faq = parseCsv(files.find((f) => f.path === 'faq.csv')!.text).rows;
const messages = [
  ...faq.flatMap(({ values: r }) => [r.question!, ...(r.similar_questions ?? '').split('|')].filter(Boolean)),
  ...deps.catalog.rows.map((r) => `${r.name}有货吗`),
];
const times: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const text of messages) {
    const t0 = performance.now();
    await analyzeTurn({ text, history: ['我前几天买了个保温杯'] }, deps);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
console.log(
  `analyzeTurn over ${messages.length} messages x ${values.rounds} rounds: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
);
