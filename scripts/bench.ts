/**
 * `pnpm bench <name> [args]`: runs one benchmark; each prints its numbers. Benchmarks measure speed and memory;
 * tests never time anything.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** name -> [package filter, script of that package]. */
const BENCHES: Record<string, [string, string]> = {
  load: ['@xiaoer/gpu-backend', 'bench:load'],
  'edge-overhead': ['@xiaoer/gpu-backend', 'bench:edge-overhead'],
  widget: ['@xiaoer/widget', 'bench'],
  'analyze-turn': ['@xiaoer/edge', 'bench:analyze-turn'],
  retrieval: ['@xiaoer/edge', 'bench:retrieval'],
};

const [name, ...args] = process.argv.slice(2).filter((a) => a !== '--');
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.error(`usage: pnpm bench <${Object.keys(BENCHES).join('|') || 'name'}> [options]`);
  process.exit(2);
}
const r = spawnSync('pnpm', ['--filter', bench[0], 'run', bench[1], ...args], {
  cwd: join(import.meta.dirname, '..'),
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
