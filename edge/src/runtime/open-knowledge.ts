import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOpenAiCompatibleEmbeddings } from '../adapters/embeddings/openai-compatible-embeddings.ts';
import { readKnowledgeDir } from '../adapters/kb/read-knowledge-dir.ts';
import { createPgliteKnowledgeStore } from '../adapters/stores/pglite-knowledge-store.ts';
import { createPostgresKnowledgeStore } from '../adapters/stores/postgres-knowledge-store.ts';
import { parseKnowledgeSources } from '../core/parse-knowledge-sources.ts';
import { shopSynonyms } from '../core/shop-synonyms.ts';
import type { Embeddings } from '../ports/embeddings.ts';
import type { KnowledgeStore } from '../ports/knowledge-store.ts';
import type { VectorStore } from '../ports/vector-store.ts';
import type { EdgeConfig } from './read-config.ts';

/** Opens the knowledge store: Postgres when a URL is given, else PGlite persisted in `<dataDir>/kb`. */
export async function openKnowledgeStore(
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<{ store: KnowledgeStore & VectorStore; where: string }> {
  if (databaseUrl) {
    return {
      store: await createPostgresKnowledgeStore(databaseUrl),
      where: databaseUrl.replace(/:[^:@/]*@/, ':***@'),
    };
  }
  const dir = resolve(dataDir, 'kb');
  mkdirSync(dir, { recursive: true });
  return { store: await createPgliteKnowledgeStore(dir), where: dir };
}

/** The configured embeddings client, if any. */
export function openEmbeddings(config: Pick<EdgeConfig, 'embeddings'>): Embeddings | undefined {
  return config.embeddings ? createOpenAiCompatibleEmbeddings(config.embeddings) : undefined;
}

/** Reads and parses a knowledge folder: passages and the shop's synonyms. */
export async function readKnowledge(dir: string) {
  const files = await readKnowledgeDir(dir);
  return { files, passages: parseKnowledgeSources(files), synonyms: shopSynonyms(files) };
}
