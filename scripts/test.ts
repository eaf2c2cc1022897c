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

function run(cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) exit = 1;
  return r.status === 0;
}

/** A runner that failed without a failing test (a build or server start broke) still counts as one failure. */
function count(
  ok: boolean,
  what: string,
  stats: { passed: number; failed: number; skipped: number } | undefined,
) {
  if (!stats || (!ok && stats.failed === 0)) {
    console.error(`\n${what} did not complete: counted as 1 failure (see the output above)`);
    failed += 1;
  }
  if (stats) {
    passed += stats.passed;
    failed += stats.failed;
    skipped += stats.skipped;
  }
}

const vitestJson = join(out, 'vitest.json');
const unitOk = run('pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const unit = existsSync(vitestJson) ? JSON.parse(readFileSync(vitestJson, 'utf8')) : undefined;
count(
  unitOk,
  'vitest',
  unit && {
    passed: unit.numPassedTests,
    failed: unit.numFailedTests,
    skipped: unit.numPendingTests + unit.numTodoTests,
  },
);

if (!skipE2e) {
  const pwJson = join(out, 'playwright.json');
  const e2eOk = run('pnpm', ['test:e2e'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const s = existsSync(pwJson) ? JSON.parse(readFileSync(pwJson, 'utf8')).stats : undefined;
  count(e2eOk, 'Playwright', s && { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped });
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exit || (failed > 0 ? 1 : 0));
