import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgeNodeFlags } from './edge-node-flags.ts';

function packageJson(scripts: Record<string, string>) {
  const path = join(mkdtempSync(join(tmpdir(), 'xiaoer-flags-')), 'package.json');
  writeFileSync(path, JSON.stringify({ scripts }));
  return path;
}

describe('edgeNodeFlags', () => {
  it("reads the flags the edge's start script gives node, the same in start:demo", () => {
    expect(edgeNodeFlags(resolve(import.meta.dirname, '../../../edge/package.json'))).toEqual([
      '--initial-old-space-size=256',
    ]);
    expect(
      edgeNodeFlags(
        packageJson({
          start: 'node src/runtime/node.ts',
          'start:demo': 'SERVE_DEMO=1 node src/runtime/node.ts',
        }),
      ),
    ).toEqual([]);
  });

  it('refuses start scripts whose flags drifted apart', () => {
    const drifted = packageJson({
      start: 'node --initial-old-space-size=256 src/runtime/node.ts',
      'start:demo': 'SERVE_DEMO=1 node src/runtime/node.ts',
    });
    expect(() => edgeNodeFlags(drifted)).toThrow(/"start:demo" with no flags/);
    expect(() => edgeNodeFlags(packageJson({ start: 'tsx src/runtime/node.ts' }))).toThrow(
      /does not run node/,
    );
  });
});
