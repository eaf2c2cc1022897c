import type { Passage } from '../ports/retriever.ts';
import { type ChunkLimits, chunkSection, DEFAULT_CHUNK_LIMITS } from './chunk-section.ts';
import { KnowledgeSourceError } from './knowledge-source-error.ts';
import { readTable } from './read-table.ts';

/** A knowledge source file as text, with its path relative to the knowledge-base folder. */
export interface SourceFile {
  path: string;
  text: string;
}

function baseName(path: string): string {
  const name = path.split('/').pop() ?? path;
  return name.replace(/\.(md|txt|csv|json)$/i, '');
}

/** A Markdown / text policy document: one passage per `##` section (split further when long), headings carried. */
function parseDocument(file: SourceFile, limits: ChunkLimits): Passage[] {
  const name = baseName(file.path);
  const lines = file.text.replace(/\r\n?/g, '\n').split('\n');
  const titleLine = lines.find((l) => l.startsWith('# '));
  const docTitle = titleLine ? titleLine.slice(2).trim() : name;
  const sections: { heading: string; body: string[] }[] = [{ heading: '', body: [] }];
  for (const l of lines) {
    if (l.startsWith('# ')) continue;
    const m = /^#{2,6}\s+(.*)$/.exec(l);
    if (m) sections.push({ heading: m[1]!.trim(), body: [] });
    else sections.at(-1)!.body.push(l);
  }
  const out: Passage[] = [];
  let n = 0;
  for (const s of sections) {
    const body = s.body.join('\n').trim();
    const chunks = chunkSection(body, limits);
    const title = s.heading ? `${docTitle} · ${s.heading}` : docTitle;
    const whole = chunks.length > 1 && body.length <= limits.sectionChars;
    for (const chunk of chunks) {
      out.push({
        id: `policy:${name}#${n++}`,
        docId: `policy:${name}`,
        kind: 'policy',
        title,
        text: `【${title}】\n${whole ? body : chunk}`,
        ...(whole ? { searchText: chunk } : {}),
      });
    }
  }
  return out;
}

function parseFaq(file: SourceFile): Passage[] {
  const { header, rows } = readTable(file);
  for (const col of ['id', 'question', 'answer']) {
    if (!header.includes(col)) throw new KnowledgeSourceError(file.path, `FAQ table needs a "${col}" column`);
  }
  return rows.map(({ line, values: r }) => {
    for (const col of ['id', 'question', 'answer'])
      if (!r[col]) throw new KnowledgeSourceError(file.path, `line ${line}: "${col}" is empty`);
    const similar = (r.similar_questions ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    return {
      id: `faq:${r.id}`,
      docId: `faq:${r.id}`,
      kind: 'faq' as const,
      title: r.question!,
      text: `问：${r.question}\n${similar.length ? `相似问法：${similar.join('；')}\n` : ''}答：${r.answer}`,
      answer: r.answer!,
      questions: [r.question!, ...similar],
    };
  });
}

const PRODUCT_LABELS: Record<string, string> = {
  name: '名称',
  category: '品类',
  color: '颜色',
  size: '规格',
  material: '材质',
  price: '价格(元)',
  warranty_months: '保修(月)',
  features: '卖点',
  stock: '库存',
};

function parseProducts(file: SourceFile): Passage[] {
  const { header, rows } = readTable(file);
  if (!header.includes('sku'))
    throw new KnowledgeSourceError(file.path, 'product table needs a "sku" column');
  for (const { line, values } of rows)
    if (!values.sku) throw new KnowledgeSourceError(file.path, `line ${line}: "sku" is empty`);
  return rows.map(({ values: r }) => ({
    id: `product:${r.sku}`,
    docId: `product:${r.sku}`,
    kind: 'product' as const,
    title: r.name ?? r.sku!,
    text: header
      .filter((h) => h !== 'sku' && r[h])
      .map((h) => `${PRODUCT_LABELS[h] ?? h}：${r[h]}`)
      .join('\n')
      .replace(/^/, `SKU：${r.sku}\n`),
    sku: r.sku!,
    attributes: Object.fromEntries(header.filter((h) => h !== 'sku' && r[h]).map((h) => [h, r[h]!])),
  }));
}

/**
 * Turns the files of a knowledge-base folder into passages: Markdown / text documents (`*.md`, `*.txt`, README
 * excepted), `faq.csv` or `faq.json`, `products.csv` or `products.json`. Other files (orders, shop.json,
 * synonyms.txt) are not passages and are skipped. Throws KnowledgeSourceError naming the file.
 */
export function parseKnowledgeSources(
  files: SourceFile[],
  limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
): Passage[] {
  const out: Passage[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const name = file.path.split('/').pop()!.toLowerCase();
    try {
      if (name === 'faq.csv' || name === 'faq.json') out.push(...parseFaq(file));
      else if (name === 'products.csv' || name === 'products.json') out.push(...parseProducts(file));
      else if (/\.(md|txt)$/.test(name) && name !== 'readme.md' && name !== 'synonyms.txt')
        out.push(...parseDocument(file, limits));
    } catch (err) {
      if (err instanceof KnowledgeSourceError) throw err;
      throw new KnowledgeSourceError(file.path, (err as Error).message);
    }
  }
  return out;
}
