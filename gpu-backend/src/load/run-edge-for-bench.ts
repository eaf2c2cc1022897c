/**
 * Starts the edge's Node runtime so that SIGTERM ends it with a normal exit: `node --cpu-prof` writes its profile only
 * then. Used by the edge-overhead benchmark; `EDGE_ENTRY` names the runtime file.
 */
import { pathToFileURL } from 'node:url';

process.on('SIGTERM', () => process.exit(0));
const entry = process.env.EDGE_ENTRY;
if (!entry) throw new Error('EDGE_ENTRY must name the edge runtime (edge/src/runtime/node.ts)');
await import(pathToFileURL(entry).href);
