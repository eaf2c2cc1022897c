import { KnowledgeSourceError } from './knowledge-source-error.ts';
import type { SourceFile } from './parse-knowledge-sources.ts';
import { parseProductRows } from './parse-product-rows.ts';
import { readTable } from './read-table.ts';
import {
  createProductCatalog,
  DEFAULT_PRODUCT_VOCABULARY,
  type ProductCatalog,
  type ProductVocabulary,
} from './resolve-product.ts';

/**
 * The product catalog of a knowledge-base folder's files (its `products.csv` or `products.json`, the same files the
 * passages come from), or an empty catalog when it has none.
 * @example const catalog = loadProductCatalog(await readKnowledgeDir(dir));
 */
export function loadProductCatalog(
  files: SourceFile[],
  vocabulary: ProductVocabulary = DEFAULT_PRODUCT_VOCABULARY,
): ProductCatalog {
  const file = files.find((f) =>
    ['products.csv', 'products.json'].includes((f.path.split('/').pop() ?? '').toLowerCase()),
  );
  if (!file) return createProductCatalog([], vocabulary);
  try {
    return createProductCatalog(parseProductRows(readTable(file)), vocabulary);
  } catch (err) {
    if (err instanceof KnowledgeSourceError) throw err;
    throw new Error(`${file.path}: ${(err as Error).message}`, { cause: err });
  }
}
