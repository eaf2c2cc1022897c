/**
 * The README's test command (`pnpm test`), and all that CI runs after installing the toolchain: installs the
 * workspace from the lockfile, checks lint and format (biome) and types, runs the unit and integration tests (vitest)
 * and the browser tests (Playwright), then prints one closing line `N passed, N failed, N skipped` with the totals,
 * which CI reads. A check that fails counts as one failure; the tests still run.
 * `pnpm test -- --no-e2e` skips the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'xiaoer-test-'));
const skipE2e = process.argv.includes('--no-e2e');
let passed = 0;
let failed = 0;
let skipped = 0;

function run(cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** A step that failed without a failing test (a check, a build or a server start broke) still counts as one failure. */
function count(
  ok: boolean,
  what: string,
  stats: { passed: number; failed: number; skipped: number } | undefined,
) {
  if (!stats || (!ok && stats.failed === 0)) {
    console.error(`\n${what} failed without a failing test: counted as 1 failure (see the output above)`);
    failed += 1;
  }
  if (stats) {
    passed += stats.passed;
    failed += stats.failed;
    skipped += stats.skipped;
  }
}

// A fresh clone has no node_modules: nothing below can run without them.
if (!run('pnpm', ['install', '--frozen-lockfile'])) {
  console.error('\npnpm install failed: no tests ran');
  process.exit(1);
}
count(run('pnpm', ['check']), 'pnpm check (biome lint and format)', { passed: 0, failed: 0, skipped: 0 });
count(run('pnpm', ['typecheck']), 'pnpm typecheck', { passed: 0, failed: 0, skipped: 0 });

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

rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
