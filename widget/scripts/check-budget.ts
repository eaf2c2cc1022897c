/**
 * Size budgets, measured as `gzip -9` (zlib level 9) of the built files, printed on every build. Fails the build when
 * a budget is exceeded. `node scripts/check-budget.ts` checks an existing dist/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function checkBudget(dist: string): boolean {
  const esm = join(dist, 'esm');
  const reactEntry = join(esm, 'react.js');
  // The React entry's own code; the shared launcher chunk it imports is the loader, budgeted above.
  const rows: [string, number, number][] = [
    ['loader    dist/xiaoer.js', gz(join(dist, 'xiaoer.js')), 3 * 1024],
    ['panel     dist/xiaoer-panel.js (JS+CSS)', gz(join(dist, 'xiaoer-panel.js')), 30 * 1024],
    ['react     dist/esm/react.js', gz(reactEntry), 2 * 1024],
  ];
  let ok = true;
  console.log('widget sizes (gzip -9):');
  for (const [name, size, budget] of rows) {
    const over = size > budget;
    ok &&= !over;
    console.log(
      `  ${name.padEnd(42)} ${(size / 1024).toFixed(2).padStart(6)} KB  budget ${budget / 1024} KB  ${over ? 'OVER' : 'ok'}`,
    );
  }
  const chunks = readdirSync(esm).filter((f) => f.startsWith('chunk-'));
  for (const c of chunks)
    console.log(`  esm/${c.padEnd(38)} ${(gz(join(esm, c)) / 1024).toFixed(2).padStart(6)} KB`);
  if (!ok) console.error('widget size budget exceeded');
  return ok;
}

if (import.meta.main) process.exit(checkBudget(join(import.meta.dirname, '..', 'dist')) ? 0 : 1);
