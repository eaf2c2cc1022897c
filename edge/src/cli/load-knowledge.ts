import { readKnowledgeDir } from '../adapters/kb/read-knowledge-dir.ts';
import { parseKnowledgeSources } from '../core/parse-knowledge-sources.ts';
import type { Passage } from '../ports/retriever.ts';

/** Reads and parses a knowledge-base folder into passages (throws KnowledgeSourceError naming the bad file). */
export async function loadKnowledge(dir: string): Promise<Passage[]> {
  return parseKnowledgeSources(await readKnowledgeDir(dir));
}
