/** `pnpm --filter @xiaoer/edge smoke <base-url>`: runs the smoke chat against a running edge (Node or Workers). */
import { runSmoke } from './run-smoke.ts';

const base = (process.argv[2] ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
try {
  const r = await runSmoke(base);
  console.log(
    `smoke ok against ${base}: ${r.deltas} text deltas, handoff ${r.handoffReason}, ${r.historyLength} messages in history`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
