import { expect, it } from 'vitest';
import { chunkSection } from './chunk-section.ts';

it('cuts at sentence ends within the size bound and starts numbered clauses on their own', () => {
  const body = '1.1 第一句很长很长。第二句也长。\n1.2 第三句！第四句？';
  expect(chunkSection(body, { maxChars: 20, overlapChars: 0, sectionChars: 0 })).toEqual([
    '1.1 第一句很长很长。第二句也长。',
    '1.2 第三句！第四句？',
  ]);
});

it('repeats the previous sentences up to the overlap', () => {
  const chunks = chunkSection('甲甲甲甲。乙乙乙乙。丙丙丙丙。丁丁丁丁。', {
    maxChars: 10,
    overlapChars: 5,
    sectionChars: 0,
  });
  expect(chunks).toEqual(['甲甲甲甲。乙乙乙乙。', '乙乙乙乙。丙丙丙丙。', '丙丙丙丙。丁丁丁丁。']);
});

it('never splits a table row and carries the header into every row chunk', () => {
  const table = '| 地区 | 中通 |\n|---|---|\n| 江苏、浙江 | 1-2天 |\n| 偏远地区 | 5-8天 |';
  const chunks = chunkSection(`参考时效如下。\n\n${table}`, {
    maxChars: 30,
    overlapChars: 0,
    sectionChars: 0,
  });
  expect(chunks).toContain('| 地区 | 中通 |\n| 偏远地区 | 5-8天 |');
  for (const c of chunks.filter((c) => c.includes('|'))) {
    expect(c.startsWith('| 地区 | 中通 |')).toBe(true);
    expect(c.split('\n').every((l) => l.startsWith('|') && l.endsWith('|'))).toBe(true);
  }
});

it('keeps a sentence longer than the bound whole', () => {
  const long = `${'长'.repeat(50)}。`;
  expect(chunkSection(`短。${long}`, { maxChars: 10, overlapChars: 0, sectionChars: 0 })).toEqual([
    '短。',
    long,
  ]);
});
