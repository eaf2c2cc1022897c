import type { ScoredPassage } from '../ports/retriever.ts';
import { isSmallTalk } from './is-small-talk.ts';
import type { ShopProfile } from './shop-profile.ts';
import { tokenize } from './tokenize.ts';

export type RetrievalReply =
  | { kind: 'answer'; text: string; sourceIds: string[] }
  | { kind: 'small-talk'; text: string }
  | { kind: 'not-covered'; text: string };

/** Keeps the `max` units that share the most terms with the question, in their original order. */
function bestUnits(question: string, units: string[], max: number): string[] {
  const q = new Set(tokenize(question));
  const scored = units.map((s, i) => ({ s, i, hits: tokenize(s).filter((t) => q.has(t)).length }));
  const keep = [...scored]
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, max)
    .filter((x) => x.hits > 0);
  return (keep.length ? keep : scored.slice(0, max)).sort((a, b) => a.i - b.i).map((x) => x.s);
}

/** A Markdown table row as a sentence: `| 保温杯 | 2年 | 配件3个月 |` -> `保温杯：2年，配件3个月。`; separator rows vanish. */
function tableRowSentence(row: string): string {
  const cells = row
    .split('|')
    .map((c) => c.trim())
    .filter(Boolean);
  if (cells.length === 0 || cells.every((c) => /^:?-+:?$/.test(c))) return '';
  const text = cells.length === 1 ? cells[0]! : `${cells[0]}：${cells.slice(1).join('，')}`;
  return `${text.replace(/[；;，,。]+$/, '')}。`;
}

/** The sentences of a policy passage that answer the question, without section numbers or table markup. */
function bestSentences(question: string, passage: ScoredPassage, max: number): string {
  const body = passage.text.replace(/^【[^】]*】\n?/, '');
  // Table rows stay whole (a cell may hold a ；); prose lines split into sentences.
  const sentences = body
    .split('\n')
    .flatMap((line) =>
      line.trim().startsWith('|') ? [tableRowSentence(line)] : (line.match(/[^。！？；]+[。！？；]?/g) ?? []),
    )
    .map((s) => s.trim())
    .filter(Boolean);
  // Drop section numbering ("1.1 ", "3 ") but never the digits of the sentence itself ("16:00以后", "7天内").
  return bestUnits(question, sentences, max)
    .map((s) => s.replace(/^\d+(\.\d+)+\s*|^\d+\s+/, ''))
    .join('');
}

/** A product row as a reply: its name, then the two or three facts (attributes, selling points) the question is about. */
function productFacts(question: string, passage: ScoredPassage): string {
  const facts: string[] = [];
  for (const line of passage.text.split('\n')) {
    const at = line.indexOf('：');
    if (at === -1) continue;
    const label = line.slice(0, at);
    const value = line.slice(at + 1).trim();
    if (!value || label === 'SKU' || label === '名称') continue;
    if (label === '卖点')
      facts.push(
        ...value
          .split(/[；;]/)
          .map((f) => f.trim())
          .filter(Boolean),
      );
    else facts.push(`${label}${label.endsWith(')') ? '' : '：'}${value}`);
  }
  return `${passage.title}：${bestUnits(question, facts, 3).join('；')}。`;
}

/**
 * The answer when no model is configured or the model is unreachable: the best FAQ answer, or the best-matching
 * sentences of the best policy or product passage, quoted from the knowledge base so nothing false is said. Weak
 * retrieval gives the shop's transfer phrase instead of a guess.
 */
export function composeRetrievalReply(
  question: string,
  passages: ScoredPassage[],
  profile: ShopProfile,
  minScore: number,
): RetrievalReply {
  if (isSmallTalk(question)) return { kind: 'small-talk', text: profile.greeting };
  const top = passages[0];
  if (!top || top.score < minScore) return { kind: 'not-covered', text: profile.transferPhrase };
  const body =
    top.kind === 'faq' && top.answer
      ? top.answer
      : top.kind === 'product'
        ? productFacts(question, top)
        : bestSentences(question, top, 3);
  return { kind: 'answer', text: body, sourceIds: [top.id] };
}
