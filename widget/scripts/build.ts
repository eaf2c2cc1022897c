/**
 * `pnpm --filter @xiaoer/widget build`: esbuild bundles, then the size budget check (scripts/check-budget.ts).
 *   dist/xiaoer.js         script-tag loader (IIFE, plain DOM)         budget 3 KB gzip
 *   dist/xiaoer-panel.js   lazy panel chunk (ESM: Preact + session)   budget 30 KB gzip (JS and CSS, CSS is inside)
 *   dist/esm/              module build: index.js, react.js (react external), shared and lazy chunks
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { checkBudget } from './check-budget.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const common: BuildOptions = {
  bundle: true,
  minify: true,
  target: ['es2022', 'chrome111', 'safari16.4', 'firefox111'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': '"production"' },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/embed/script-tag.ts'],
    format: 'iife',
    outfile: join(dist, 'xiaoer.js'),
  }),
  build({
    ...common,
    entryPoints: ['src/panel/mount-panel.tsx'],
    format: 'esm',
    outfile: join(dist, 'xiaoer-panel.js'),
  }),
  build({
    ...common,
    entryPoints: { index: 'src/embed/index.ts', react: 'src/react/index.ts' },
    format: 'esm',
    splitting: true,
    outdir: join(dist, 'esm'),
    chunkNames: 'chunk-[hash]',
    external: ['react', 'react/*'],
  }),
]);

if (!checkBudget(dist)) process.exit(1);
