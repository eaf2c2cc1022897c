import { readFileSync } from 'node:fs';

/**
 * The Node flags of the edge's `start` script (`edge/package.json`), so that the benchmark runs the edge as
 * `pnpm --filter @xiaoer/edge start` does. Throws when `start:demo` runs it with other flags: the two must not drift.
 * @example edgeNodeFlags('edge/package.json') // ['--initial-old-space-size=256']
 */
export function edgeNodeFlags(packageJsonPath: string): string[] {
  const { scripts } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const flagsOf = (name: string) => {
    const script = scripts?.[name];
    if (!script) throw new Error(`${packageJsonPath} has no "${name}" script`);
    const words = script.split(/\s+/);
    const node = words.indexOf('node');
    if (node === -1) throw new Error(`the "${name}" script of ${packageJsonPath} does not run node`);
    const flags: string[] = [];
    for (const word of words.slice(node + 1)) {
      if (!word.startsWith('--')) break;
      flags.push(word);
    }
    return flags;
  };
  const start = flagsOf('start');
  const demo = flagsOf('start:demo');
  if (start.join(' ') !== demo.join(' '))
    throw new Error(
      `${packageJsonPath}: "start" runs node with ${start.join(' ') || 'no flags'} but "start:demo" with ${demo.join(' ') || 'no flags'}`,
    );
  return start;
}
