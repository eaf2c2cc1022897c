import type { Passage, PassageKind, RetrieveOptions, Retriever, ScoredPassage } from '../ports/retriever.ts';
import { answerTypeConcepts } from './answer-type-concepts.ts';
import { DEFAULT_SYNONYMS } from './default-synonyms.ts';
import { normalizeText } from './normalize-text.ts';
import { selectPassages } from './select-passages.ts';
import { createSynonyms, type Synonyms } from './synonyms.ts';
import { tokenizeNormalized } from './tokenize.ts';

/** Tuning of the lexical ranker; the defaults were chosen on a held-out half of the demo shop's labelled cases. */
export interface LexicalWeights {
  /** Weight of a passage's headline: policy section title, FAQ question (each phrasing), product name and key columns. */
  headline: number;
  /** Weight of the rest of the text (policy body, FAQ answer, other product columns). */
  body: number;
  /** Weight of an FAQ's answer beside its phrasing: low, so an FAQ wins by being asked, not by restating a policy. */
  faqAnswer: number;
  /** Weight of terms that only occur in earlier turns of the conversation. */
  history: number;
  /**
   * When the first k-1 results are all of one kind (say FAQs), the last slot goes to the best passage of another kind
   * (say the policy the FAQs restate) if it scores at least this share of the best score. 1 turns this off.
   */
  mixKinds: number;
  /** Most chunks of one document among the results. */
  perDocument: number;
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation (0: none, 1: full). */
  b: number;
  /** Score multiplier per kind of passage, e.g. to prefer a policy over the FAQ that restates it. */
  kind: Record<PassageKind, number>;
}

export const DEFAULT_LEXICAL_WEIGHTS: LexicalWeights = {
  headline: 2,
  body: 1,
  faqAnswer: 0.7,
  history: 0.3,
  mixKinds: 0.3,
  perDocument: 2,
  k1: 1.2,
  b: 0.5,
  kind: { policy: 2, faq: 1, product: 1.4 },
};

export interface LexicalOptions {
  /** Defaults to DEFAULT_SYNONYMS; pass createSynonyms([...DEFAULT_SYNONYMS, ...shopGroups]) to extend. */
  synonyms?: Synonyms;
  weights?: Partial<LexicalWeights>;
}

const ANAPHORA = /这个|那个|这款|那款|这种|那种|它|这些|那些|上面/;

/** Product columns that name the product and tell its variants apart. */
const PRODUCT_HEADLINE = ['name', 'category', 'color', 'size'];

/** The weighted texts one index entry is made of. A passage has one entry, an FAQ one per phrasing. */
function entriesOf(p: Passage, w: LexicalWeights): { text: string; weight: number }[][] {
  if (p.kind === 'faq') {
    const body = { text: p.answer ?? p.text, weight: w.faqAnswer };
    const questions = p.questions?.length ? p.questions : [p.title];
    return questions.map((q) => [{ text: q, weight: w.headline }, body]);
  }
  if (p.kind === 'product' && p.attributes) {
    const head = PRODUCT_HEADLINE.map((k) => p.attributes![k] ?? '').join(' ');
    // The body keeps the column labels (保修(月)：18), so 保修 finds the warranty column.
    const rest = p.text;
    return [
      [
        { text: `${p.title} ${head}`, weight: w.headline },
        { text: rest, weight: w.body },
      ],
    ];
  }
  const body = p.searchText ?? (p.text.startsWith('【') ? p.text.slice(p.text.indexOf('】') + 1) : p.text);
  return [
    [
      { text: p.title, weight: w.headline },
      { text: body, weight: w.body },
    ],
  ];
}

/**
 * In-memory BM25 ranker for Chinese over an inverted index. Terms are ICU words, CJK character bigrams and synonym
 * concepts (退钱 ~ 退款); headlines weigh more than bodies; every phrasing of an FAQ is its own index entry and an FAQ
 * scores as its best phrasing. Earlier turns of the conversation add their terms at a low weight so follow-ups
 * ("这个保修多久") find what the conversation is about. Scores are normalised to 0..1 by the best score the message
 * could reach (every one of its terms matched in a headline-free passage), so callers can apply one threshold.
 * @example await createLexicalRetriever(passages).retrieve('满多少包邮', { k: 3 })
 */
export function createLexicalRetriever(
  passages: Passage[],
  options: LexicalOptions = {},
): Retriever & {
  /** Synchronous search, for benchmarks and callers that already hold the index. */
  search(query: string, k: number, history?: string[]): ScoredPassage[];
} {
  const synonyms = options.synonyms ?? createSynonyms(DEFAULT_SYNONYMS);
  const w = { ...DEFAULT_LEXICAL_WEIGHTS, ...options.weights };
  w.kind = { ...DEFAULT_LEXICAL_WEIGHTS.kind, ...options.weights?.kind };
  // Terms are ICU words, bigrams, synonym concepts and the kind of answer asked for (多久 ~ 5-8天).
  const terms = (text: string) => {
    const normalized = normalizeText(text);
    const all = tokenizeNormalized(normalized);
    for (const c of synonyms.concepts(normalized)) all.push(c);
    for (const c of answerTypeConcepts(normalized)) all.push(c);
    return all;
  };

  // Build: weighted term frequencies per entry, then postings per term.
  const entryPassage: number[] = [];
  const entryLength: number[] = [];
  const postings = new Map<string, { entries: number[]; tf: number[] }>();
  const df = new Map<string, number>();
  const built = new Map<string, string[]>();
  passages.forEach((p, pi) => {
    built.clear();
    const seenInPassage = new Set<string>();
    for (const fields of entriesOf(p, w)) {
      const tf = new Map<string, number>();
      let length = 0;
      for (const { text, weight } of fields) {
        // An FAQ's answer is in each of its phrasings' entries: segment it once.
        let fieldTerms = built.get(text);
        if (!fieldTerms) {
          fieldTerms = terms(text);
          built.set(text, fieldTerms);
        }
        for (const t of fieldTerms) {
          tf.set(t, (tf.get(t) ?? 0) + weight);
          length += weight;
        }
      }
      const e = entryPassage.length;
      entryPassage.push(pi);
      entryLength.push(length);
      for (const [t, f] of tf) {
        let list = postings.get(t);
        if (!list) {
          list = { entries: [], tf: [] };
          postings.set(t, list);
        }
        list.entries.push(e);
        list.tf.push(f);
        if (!seenInPassage.has(t)) {
          seenInPassage.add(t);
          df.set(t, (df.get(t) ?? 0) + 1);
        }
      }
    }
  });
  const avgLength = entryLength.reduce((s, l) => s + l, 0) / Math.max(1, entryLength.length);
  const norm = entryLength.map((l) => w.k1 * (1 - w.b + (w.b * l) / avgLength));
  const idf = (t: string) => {
    const n = df.get(t) ?? 0;
    return Math.log(1 + (passages.length - n + 0.5) / (n + 0.5));
  };
  const kindWeight = passages.map((p) => w.kind[p.kind] ?? 1);
  const entryScore = new Float64Array(entryPassage.length);
  /** Best entry score of each passage before the kind multiplier: the normalised score reported. */
  const rawScore = new Float64Array(passages.length);
  const passageScore = new Float64Array(passages.length);

  const selection = {
    passage: (p: number) => passages[p]!,
    score: (p: number) => passageScore[p]!,
  };

  function search(query: string, k: number, history: string[] = []): ScoredPassage[] {
    const weights = new Map<string, number>();
    for (const t of terms(query)) weights.set(t, 1);
    let max = 0;
    for (const t of weights.keys()) max += idf(t) * (w.k1 + 1);
    if (max === 0) return [];
    // Only the latest earlier turns: a conversation drifts, and the newest context matters most.
    // A message pointing back (这个/那款/它) leans on the conversation twice as much.
    const hw = ANAPHORA.test(query) ? Math.min(1, 2 * w.history) : w.history;
    for (const h of history.slice(-2)) for (const t of terms(h)) if (!weights.has(t)) weights.set(t, hw);

    const touched: number[] = [];
    for (const [t, qw] of weights) {
      const list = postings.get(t);
      if (!list) continue;
      const weight = qw * idf(t) * (w.k1 + 1);
      for (let i = 0; i < list.entries.length; i++) {
        const e = list.entries[i]!;
        const f = list.tf[i]!;
        if (entryScore[e] === 0) touched.push(e);
        entryScore[e] = entryScore[e]! + (weight * f) / (f + norm[e]!);
      }
    }
    const hit: number[] = [];
    for (const e of touched) {
      const p = entryPassage[e]!;
      if (passageScore[p] === 0) hit.push(p);
      const score = entryScore[e]! * kindWeight[p]!;
      if (score > passageScore[p]!) {
        passageScore[p] = score;
        rawScore[p] = entryScore[e]!;
      }
      entryScore[e] = 0;
    }
    hit.sort((a, b) => passageScore[b]! - passageScore[a]! || a - b);
    const chosen = selectPassages(hit, k, selection, w);
    const out = chosen.map((p) => ({ ...passages[p]!, score: Math.min(1, rawScore[p]! / max) }));
    for (const p of hit) {
      passageScore[p] = 0;
      rawScore[p] = 0;
    }
    return out;
  }

  return {
    search,
    async retrieve(query: string, { k, history }: RetrieveOptions) {
      return search(query, k, history);
    },
    async size() {
      return passages.length;
    },
  };
}
