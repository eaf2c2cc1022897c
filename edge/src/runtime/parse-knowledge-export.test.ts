import { describe, expect, it } from 'vitest';
import { DEMO_KB_DIR } from '../../test/support/make-test-app.ts';
import { readKnowledgeDir } from '../adapters/kb/read-knowledge-dir.ts';
import { parseKnowledgeExport } from './parse-knowledge-export.ts';

describe('parseKnowledgeExport', () => {
  it('accepts the demo shop and versions it by content, whatever the file order', async () => {
    const files = await readKnowledgeDir(DEMO_KB_DIR);
    const a = parseKnowledgeExport(files);
    const b = parseKnowledgeExport([...files].reverse());
    expect(a.passages).toBeGreaterThan(200);
    expect(b.version).toBe(a.version);
    const changed = files.map((f) =>
      f.path === 'faq.csv' ? { ...f, text: `${f.text}F999,新问题,,新答案,other\n` } : f,
    );
    expect(parseKnowledgeExport(changed).version).not.toBe(a.version);
  });

  it.each([
    [{}, /non-empty JSON array/],
    [[], /non-empty JSON array/],
    [[{ path: '../etc/passwd', text: 'x' }], /relative path/],
    [[{ path: 'faq.csv', text: 'id,question,answer\nF1,"broken' }], /faq\.csv/],
    [[{ path: 'notes.bin', text: 'x' }], /no policies, FAQ or products/],
    [
      [
        { path: 'shop.json', text: '{' },
        { path: 'a.md', text: '# A\n\n## x\n\n正文。' },
      ],
      /shop\.json/,
    ],
  ])('refuses %j', (json, message) => {
    expect(() => parseKnowledgeExport(json)).toThrow(message);
  });
});
