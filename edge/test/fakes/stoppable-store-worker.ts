/**
 * TEST DOUBLE: the PGlite conversation store's worker entry, plus a way to make its thread die as a crash would: a
 * call about the conversation `stop-this-thread` ends the thread (exit code 7) before anything answers it.
 */
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (m: { args?: unknown[] }) => {
  if (m.args?.[0] === 'stop-this-thread') process.exit(7);
});
await import('../../src/adapters/conversations/conversation-store-worker.ts');
