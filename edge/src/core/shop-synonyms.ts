import { DEFAULT_SYNONYMS } from './default-synonyms.ts';
import { KnowledgeSourceError } from './knowledge-source-error.ts';
import type { SourceFile } from './parse-knowledge-sources.ts';
import { createSynonyms, parseSynonymFile, type SynonymGroups, type Synonyms } from './synonyms.ts';

/**
 * The synonyms a shop's retrieval uses: DEFAULT_SYNONYMS plus the groups of `synonyms.txt` in its knowledge folder.
 * Throws KnowledgeSourceError with the line of a bad group.
 * @example shopSynonyms([{ path: 'synonyms.txt', text: '栗子杯 随行杯' }])
 */
export function shopSynonyms(files: SourceFile[]): Synonyms {
  return createSynonyms([...DEFAULT_SYNONYMS, ...shopSynonymGroups(files)]);
}

/** The groups of the shop's own `synonyms.txt`, none without one. Throws KnowledgeSourceError with the bad line. */
export function shopSynonymGroups(files: SourceFile[]): SynonymGroups {
  const file = files.find((f) => f.path.split('/').pop()?.toLowerCase() === 'synonyms.txt');
  if (!file) return [];
  try {
    return parseSynonymFile(file.text);
  } catch (err) {
    throw new KnowledgeSourceError(file.path, (err as Error).message);
  }
}
