import { expect, it } from 'vitest';
import { fuseRankings } from './fuse-rankings.ts';

it('ranks ids found by several rankers first, and keeps ties in the order first seen', () => {
  expect(
    fuseRankings([
      ['a', 'b'],
      ['b', 'c'],
    ]),
  ).toEqual(['b', 'a', 'c']);
  expect(
    fuseRankings([
      ['a', 'b'],
      ['c', 'd'],
    ]),
  ).toEqual(['a', 'c', 'b', 'd']);
  expect(fuseRankings([[], ['x', 'y']])).toEqual(['x', 'y']);
});
