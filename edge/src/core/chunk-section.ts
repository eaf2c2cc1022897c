/** Limits for cutting a document section into chunks. */
export interface ChunkLimits {
  /** Longest chunk in characters; a single sentence or table row longer than this stays whole. */
  maxChars: number;
  /** Characters of the previous chunk's last sentences repeated at the start of the next one (0 = none). */
  overlapChars: number;
  /** A section up to this long is what the model reads for any of its chunks; longer ones give the chunk alone. */
  sectionChars: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxChars: 200, overlapChars: 60, sectionChars: 500 };

const SENTENCE = /[^。！？；!?;\n]+[。！？；!?;]*|[。！？；!?;]+/g;

/** Splits a section body into units that are never cut: sentences, list items, and table rows with their header. */
function units(body: string): string[] {
  const out: string[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    if (line.startsWith('|')) {
      // A table: every row is one unit carrying the header row, so a row read alone still says what its cells mean.
      const rows: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(lines[i++]!.trim());
      i--;
      const [header, ...rest] = rows;
      const data = rest.filter((r) => !/^\|[\s:|-]+\|$/.test(r));
      if (data.length === 0) out.push(header!);
      for (const row of data) out.push(`${header}\n${row}`);
      continue;
    }
    const sentences = line
      .match(SENTENCE)
      ?.map((s) => s.trim())
      .filter(Boolean) ?? [line];
    // A list item or numbered clause starts a new unit; its sentences follow it.
    sentences.forEach((s, j) => {
      out.push(j === 0 ? `\n${s}` : s);
    });
  }
  return out;
}

/**
 * Cuts a section body into chunks of at most `maxChars` at sentence ends (。！？；), never inside a table row; each
 * chunk after the first repeats the last sentences of the previous one up to `overlapChars`, so a rule stated across
 * two sentences is whole in at least one chunk.
 * @example chunkSection('1.1 A。B。\n1.2 C。', { maxChars: 4, overlapChars: 0 }) -> ['1.1 A。B。', '1.2 C。']
 */
export function chunkSection(body: string, limits: ChunkLimits = DEFAULT_CHUNK_LIMITS): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  const text = (us: string[]) =>
    us
      .map((u, i) => (i === 0 ? u.replace(/^\n/, '') : u))
      .join('')
      .trim();
  const len = (u: string) => (u.startsWith('\n') ? u.length - 1 : u.length);
  for (const u of units(body)) {
    if (current.length && size + len(u) > limits.maxChars) {
      chunks.push(text(current));
      const carried: string[] = [];
      let carriedSize = 0;
      for (let i = current.length - 1; i >= 0; i--) {
        const prev = current[i]!;
        if (prev.includes('|') || carriedSize + len(prev) > limits.overlapChars) break;
        carried.unshift(prev);
        carriedSize += len(prev);
      }
      current = carried;
      size = carriedSize;
    }
    current.push(u);
    size += len(u);
  }
  if (current.length) chunks.push(text(current));
  return chunks;
}
