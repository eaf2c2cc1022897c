import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { SourceFile } from '../../core/parse-knowledge-sources.ts';

/** Reads every file of a knowledge-base folder (recursively) as UTF-8 text, paths relative to the folder. */
export async function readKnowledgeDir(dir: string): Promise<SourceFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
  return Promise.all(
    files.map(async (e) => {
      const full = join(e.parentPath, e.name);
      return { path: relative(dir, full).split('\\').join('/'), text: await readFile(full, 'utf8') };
    }),
  );
}
