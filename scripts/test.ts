/**
 * The README's test command (`pnpm test`): unit and integration tests (vitest), then the browser tests (Playwright),
 * then one closing line `N passed, N failed` with the totals of both, which CI reads.
 * `pnpm test -- --no-e2e` skips the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'xiaoer-test-'));
const skipE2e = process.argv.includes('--no-e2e');
let passed = 0;
let failed = 0;
let skipped = 0;
let exit = 0;

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) exit = 1;
}

const vitestJson = join(out, 'vitest.json');
run('pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
} else {
  failed += 1;
}

if (!skipE2e) {
  const pwJson = join(out, 'playwright.json');
  run('pnpm', ['test:e2e'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
  } else {
    failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exit || (failed > 0 ? 1 : 0));
