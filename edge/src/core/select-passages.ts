import type { Passage } from '../ports/retriever.ts';

/** The limits on a result list, from LexicalWeights (perDocument, mixKinds). */
export interface SelectionLimits {
  /** Most chunks of one document among the results. */
  perDocument: number;
  /**
   * When the first k-1 results are all of one kind, the last slot goes to the best later candidate of another kind
   * (from a document not yet chosen) if it scores at least this share of the best score. 1 turns this off.
   */
  mixKinds: number;
}

/**
 * The top k of ranked candidates (best first) under the per-document limit and the kind mix, with one copy of each
 * text. Shared by the lexical ranker and the fused (dense + lexical) retriever so both select alike; a candidate is
 * whatever the caller ranks (an index, an id), `passage` and `score` read it.
 * @example selectPassages(ids, 3, { passage: (id) => byId.get(id)!, score: (id) => scores.get(id)! }, limits)
 */
export function selectPassages<T>(
  ranked: readonly T[],
  k: number,
  of: { passage: (c: T) => Pick<Passage, 'docId' | 'kind' | 'text'>; score: (c: T) => number },
  limits: SelectionLimits,
): T[] {
  const chosen: T[] = [];
  const perDoc = new Map<string, number>();
  const texts = new Set<string>();
  const rest: T[] = [];
  for (const c of ranked) {
    if (chosen.length >= k) {
      rest.push(c);
      continue;
    }
    const p = of.passage(c);
    // Chunks of one short section read the same text: hand it over once.
    if (texts.has(p.text)) continue;
    texts.add(p.text);
    const n = perDoc.get(p.docId) ?? 0;
    if (n >= limits.perDocument) continue;
    perDoc.set(p.docId, n + 1);
    chosen.push(c);
  }
  if (k >= 2 && chosen.length === k && limits.mixKinds < 1) {
    const kind = of.passage(chosen[0]!).kind;
    if (chosen.every((c) => of.passage(c).kind === kind)) {
      const floor = limits.mixKinds * of.score(chosen[0]!);
      const other = rest.find((c) => {
        const p = of.passage(c);
        return p.kind !== kind && !perDoc.has(p.docId);
      });
      if (other !== undefined && of.score(other) >= floor) chosen[k - 1] = other;
    }
  }
  return chosen;
}
