import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { KnowledgeSourceError } from '../../core/knowledge-source-error.ts';
import type { SourceFile } from '../../core/parse-knowledge-sources.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads every file of a knowledge-base folder (recursively) as UTF-8 text, paths relative to the folder. */
export async function readKnowledgeDir(dir: string): Promise<SourceFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
  return Promise.all(
    files.map(async (e) => {
      const full = join(e.parentPath, e.name);
      const path = relative(dir, full).split('\\').join('/');
      try {
        return { path, text: utf8.decode(await readFile(full)) };
      } catch (err) {
        const why = err instanceof TypeError ? 'not UTF-8 text; save it as UTF-8' : (err as Error).message;
        throw new KnowledgeSourceError(path, `cannot read: ${why}`);
      }
    }),
  );
}
