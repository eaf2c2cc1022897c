import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'xiaoer-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'edge/src/cli', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', EMBEDDINGS_BASE_URL: '', INIT_CWD: root },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('pnpm kb ingest', () => {
  it('ingests, re-syncs incrementally, and refuses a bad CSV naming file and line without writing', () => {
    const kb = join(tmp, 'kb');
    const data = join(tmp, 'data');
    cpSync(join(root, 'examples/lizi-shop'), kb, { recursive: true });
    const first = run('kb.ts', ['ingest', kb, '--data', data]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/added (\d+), changed 0, unchanged 0, deleted 0, embedded 0/);
    const total = Number(/: (\d+) chunks/.exec(first.out)![1]);

    const faq = readFileSync(join(kb, 'faq.csv'), 'utf8');
    writeFileSync(join(kb, 'faq.csv'), faq.replace('全店实付满49元包邮', '全店实付满59元包邮'));
    rmSync(join(kb, 'policies/points.md'));
    const second = run('kb.ts', ['ingest', kb, '--data', data]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/added 0, changed 1, unchanged \d+, deleted [1-9]\d*, embedded 0/);

    writeFileSync(join(kb, 'faq.csv'), `${faq.trimEnd()}\nF999,多了一列,,答,other,extra\n`);
    const bad = run('kb.ts', ['ingest', kb, '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/faq\.csv: line \d+: expected 5 columns/);

    // The failed run wrote nothing: restoring the file leaves only the earlier change to undo.
    writeFileSync(join(kb, 'faq.csv'), faq);
    const third = run('kb.ts', ['ingest', kb, '--data', data]);
    expect(third.out).toMatch(/added 0, changed 1, unchanged \d+, deleted 0, embedded 0/);
    expect(total).toBeGreaterThan(200);
  });

  it('prints usage for a wrong command and refuses a store it cannot write', () => {
    const r = run('kb.ts', ['ingset']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage: pnpm kb ingest <dir>/);
    const noUrl = run('kb.ts', ['ingest', join(root, 'examples/lizi-shop'), '--store', 'postgres']);
    expect(noUrl.code).toBe(1);
    expect(noUrl.err).toMatch(/--store postgres needs --database-url or DATABASE_URL/);
    expect(run('kb.ts', ['ingest', join(root, 'examples/lizi-shop'), '--store', 'vectorize']).err).toMatch(
      /--store must be pglite or postgres/,
    );
  });
});

describe('pnpm eval', () => {
  it('prints the report as the last stdout line with --json', () => {
    const cases = join(tmp, 'cases.jsonl');
    const c = (id: string, text: string, e: object) =>
      JSON.stringify({
        id,
        history: [],
        text,
        expect: {
          route: 'answer',
          transfer_reason: null,
          doc: null,
          fact: null,
          sku: null,
          intent: null,
          ...e,
        },
      });
    writeFileSync(
      cases,
      [
        c('a', '满多少包邮', { doc: 'faq:F015', fact: '满49元包邮' }),
        c('b', '转人工', { route: 'transfer', transfer_reason: 'explicit' }),
        c('c', '今天天气怎么样', {}),
      ].join('\n'),
    );
    const r = run('eval.ts', ['--cases', cases, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect(report.cases).toBe(3);
    expect(report.retrieval).toMatchObject({ cases: 1, hit_at_1: 1, hit_at_3: 1, lenient_hit_at_3: 1 });
    expect(report.route).toMatchObject({ accuracy: 1, transfer_recall: 1, false_transfer_rate: 0 });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['sku', 'intent', 'latency_ms']));
    expect(report.latency_ms.p95).toBeGreaterThan(0);
  });

  it('names the line of a bad case file', () => {
    const cases = join(tmp, 'bad.jsonl');
    writeFileSync(cases, '{"id":"a"}\n');
    const r = run('eval.ts', ['--cases', cases]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.jsonl: line 1: "text" must be a string/);
  });
});
