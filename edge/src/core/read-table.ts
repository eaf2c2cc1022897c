import { KnowledgeSourceError } from './knowledge-source-error.ts';
import { parseCsv, type Table } from './parse-csv.ts';
import type { SourceFile } from './parse-knowledge-sources.ts';

/** Rows of a CSV file, or of a JSON file holding an array of objects (values of other types become text). */
export function readTable(file: SourceFile): Table {
  if (!file.path.toLowerCase().endsWith('.json')) return parseCsv(file.text);
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    const line = at ? file.text.slice(0, Number(at[1])).split('\n').length : 1;
    throw new KnowledgeSourceError(file.path, `line ${line}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new KnowledgeSourceError(file.path, 'expected a JSON array of objects');
  const header = new Set<string>();
  const rows = data.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw new KnowledgeSourceError(file.path, `item ${i + 1}: expected an object`);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(item)) {
      header.add(k);
      values[k] = Array.isArray(v) ? v.join('|') : v === null || v === undefined ? '' : String(v).trim();
    }
    return { line: i + 1, values };
  });
  return { header: [...header], rows };
}
