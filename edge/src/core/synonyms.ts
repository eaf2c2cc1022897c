import { LineError } from './line-error.ts';
import { normalizeText } from './normalize-text.ts';

/** Groups of interchangeable words; every word of a group matches every other. */
export type SynonymGroups = string[][];

/** Finds synonym groups in text. */
export interface Synonyms {
  /**
   * One concept term (`~<first word of the group>`) for each group with a word that occurs in the text, so a
   * question saying 退钱 and a passage saying 退款 share a term.
   */
  concepts(normalizedText: string): string[];
  readonly groups: SynonymGroups;
}

/**
 * Builds a synonym matcher. Words are matched as substrings of normalised text, longest first, and a matched span is
 * not matched again by a shorter word (电热水壶 does not also count as 热水).
 * @example createSynonyms([['退款', '退钱']]).concepts('能退钱吗') -> ['~退款']
 */
export function createSynonyms(groups: SynonymGroups): Synonyms {
  const byWord = new Map<string, Set<string>>();
  const clean: SynonymGroups = [];
  for (const group of groups) {
    const g = [...new Set(group.map((w) => normalizeText(w.trim())).filter(Boolean))];
    if (g.length < 2) continue;
    clean.push(g);
    for (const word of g) {
      const set = byWord.get(word) ?? new Set<string>();
      set.add(`~${g[0]}`);
      byWord.set(word, set);
    }
  }
  const words = [...byWord].sort((a, b) => b[0].length - a[0].length);
  return {
    groups: clean,
    concepts(text: string) {
      const out = new Set<string>();
      const taken = new Uint8Array(text.length);
      for (const [word, concepts] of words) {
        let at = text.indexOf(word);
        while (at !== -1) {
          let free = true;
          for (let i = at; i < at + word.length; i++) if (taken[i]) free = false;
          if (free) {
            for (const c of concepts) out.add(c);
            taken.fill(1, at, at + word.length);
          }
          at = text.indexOf(word, at + 1);
        }
      }
      return [...out];
    },
  };
}

/** A synonym file a shop edits (`synonyms.txt` in the knowledge folder) that cannot be used, with its line. */
export class SynonymFileError extends LineError {}

/**
 * Parses a shop's synonym file: one group per line, words separated by spaces, commas, `/` or `|`; `#` starts a
 * comment. A line with a single word is an error (it would match nothing else).
 * @example parseSynonymFile('退款 退钱 退回钱\n充电宝/移动电源') -> [['退款','退钱','退回钱'],['充电宝','移动电源']]
 */
export function parseSynonymFile(text: string): SynonymGroups {
  const groups: SynonymGroups = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const words = line.split(/[\s,，/|、]+/).filter(Boolean);
    if (words.length < 2)
      throw new SynonymFileError(`a group needs at least two words, found "${line}"`, i + 1);
    groups.push(words);
  });
  return groups;
}
