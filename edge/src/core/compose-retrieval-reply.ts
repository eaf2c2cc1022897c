import type { ScoredPassage } from '../ports/retriever.ts';
import { needsTicketGuidance } from './needs-ticket-guidance.ts';
import type { ShopProfile } from './shop-profile.ts';
import { tokenize } from './tokenize.ts';

const SMALL_TALK =
  /^(你好|您好|在吗|在不在|hi|hello|哈喽|嗨|谢谢|多谢|感谢|好的|ok|嗯|拜拜|再见)[呀啊哈吗呢！!。.~～，, ]*$/i;

export type RetrievalReply =
  | { kind: 'answer'; text: string; sourceIds: string[] }
  | { kind: 'small-talk'; text: string }
  | { kind: 'not-covered'; text: string };

/** Keeps the sentences of a passage that share the most terms with the question, in their original order. */
function bestSentences(question: string, passage: ScoredPassage, max: number): string {
  const body = passage.text.replace(/^【[^】]*】\n?/, '');
  const sentences = body
    .match(/[^。！？；\n]+[。！？；]?/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [body];
  const q = new Set(tokenize(question));
  const scored = sentences.map((s, i) => ({ s, i, hits: tokenize(s).filter((t) => q.has(t)).length }));
  const keep = [...scored]
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, max)
    .filter((x) => x.hits > 0);
  const chosen = (keep.length ? keep : scored.slice(0, max)).sort((a, b) => a.i - b.i);
  // Drop section numbering ("1.1 ", "3 ") but never the digits of the sentence itself ("16:00以后", "7天内").
  return chosen.map((x) => x.s.replace(/^\d+(\.\d+)+\s*|^\d+\s+/, '')).join('');
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
  if (SMALL_TALK.test(question.trim())) return { kind: 'small-talk', text: profile.greeting };
  const top = passages[0];
  if (!top || top.score < minScore) return { kind: 'not-covered', text: profile.transferPhrase };
  const body = top.kind === 'faq' && top.answer ? top.answer : bestSentences(question, top, 3);
  const guidance = needsTicketGuidance(question) ? `\n${profile.ticketGuidance}` : '';
  return { kind: 'answer', text: `${body}${guidance}\n${profile.closingLine}`, sourceIds: [top.id] };
}
