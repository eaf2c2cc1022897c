import { hashText } from '../core/hash-text.ts';
import { parseKnowledgeSources, type SourceFile } from '../core/parse-knowledge-sources.ts';
import { shopFromFiles } from './shop-from-files.ts';

/**
 * Validates a knowledge export (`[{ "path": "faq.csv", "text": "..." }, ...]`, what `scripts/bundle-kb.ts` writes) the
 * way start-up would, so a broken export is refused before it replaces working knowledge. Returns the files, their
 * passage count and a version that changes with any content.
 */
export function parseKnowledgeExport(json: unknown): {
  files: SourceFile[];
  passages: number;
  version: string;
} {
  if (!Array.isArray(json) || json.length === 0)
    throw new Error('the export must be a non-empty JSON array of {path, text}');
  const files = json.map((f, i) => {
    if (typeof f?.path !== 'string' || typeof f?.text !== 'string' || f.path.includes('..')) {
      throw new Error(`entry ${i} must be {"path": string, "text": string} with a relative path`);
    }
    return { path: f.path, text: f.text } as SourceFile;
  });
  files.sort((a, b) => a.path.localeCompare(b.path));
  const passages = parseKnowledgeSources(files).length;
  if (passages === 0) throw new Error('the export holds no policies, FAQ or products');
  shopFromFiles(files);
  return { files, passages, version: hashText(files.map((f) => `${f.path}\n${f.text}`).join('\u0000')) };
}
