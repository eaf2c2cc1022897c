/** Reciprocal-rank fusion constant from Cormack, Clarke & Büttcher (SIGIR 2009). */
export const RRF_K = 60;

/**
 * Reciprocal-rank fusion: each id scores the sum of 1 / (RRF_K + rank) over the rankings it appears in (rank from 1),
 * best first; ties keep the order of the first ranking. Needs no score calibration between rankers.
 * @example fuseRankings([['a', 'b'], ['b', 'c']]) -> ['b', 'a', 'c']
 */
export function fuseRankings(rankings: string[][]): string[] {
  // A Map keeps its keys in the order first seen and Array#sort is stable, so ties keep that order.
  const score = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, i) => {
      score.set(id, (score.get(id) ?? 0) + 1 / (RRF_K + i + 1));
    });
  }
  return [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)!);
}
