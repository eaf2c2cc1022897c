import { describe, expect, it } from 'vitest';
import { createSynonyms, parseSynonymFile, SynonymFileError } from './synonyms.ts';

describe('createSynonyms', () => {
  const s = createSynonyms([
    ['退款', '退钱'],
    ['电热水壶', '水壶'],
    ['双11', '双十一'],
    ['大促', '双11'],
  ]);
  it('gives the same concept to every word of a group', () => {
    expect(s.concepts('能退钱吗')).toEqual(['~退款']);
    expect(s.concepts('什么时候退款')).toEqual(['~退款']);
  });
  it('matches the longest word and does not count its parts again', () => {
    expect(s.concepts('电热水壶坏了')).toEqual(['~电热水壶']);
  });
  it('lets a word belong to several groups', () => {
    expect(s.concepts('双十一发货慢吗').sort()).toEqual(['~双11']);
    expect(s.concepts('双11发货慢吗').sort()).toEqual(['~双11', '~大促']);
  });
  it('ignores groups of one word', () => {
    expect(createSynonyms([['独']]).groups).toEqual([]);
  });
});

describe('parseSynonymFile', () => {
  it('reads one group per line with any separator and comments', () => {
    expect(parseSynonymFile('# shop words\n栗子杯 随行杯, 保温杯\n充电宝/移动电源|尿宝 # note\n\n')).toEqual([
      ['栗子杯', '随行杯', '保温杯'],
      ['充电宝', '移动电源', '尿宝'],
    ]);
  });
  it('names the line of a group with a single word', () => {
    expect(() => parseSynonymFile('a b\n孤单')).toThrow(
      new SynonymFileError('a group needs at least two words, found "孤单"', 2),
    );
  });
});
