import { runKnowledgeStoreContract } from '../../../test/contracts/knowledge-store-contract.ts';
import { runVectorStoreContract } from '../../../test/contracts/vector-store-contract.ts';
import { createPgliteKnowledgeStore } from './pglite-knowledge-store.ts';

runKnowledgeStoreContract('PGlite', () => createPgliteKnowledgeStore());
runVectorStoreContract('PGlite', () => createPgliteKnowledgeStore());
