/**
 * Word lists of the transfer breakers. Each shop may replace or extend them (shop.json `transferWords`); matching is
 * by substring on the lower-cased message with whitespace between CJK characters removed, and `…` in a phrase stands
 * for up to three characters (转…人工 matches 转一下人工).
 */
export interface TransferWords {
  /** Phrases that ask for a human or announce a complaint: transfer at once. */
  explicit: string[];
  /** Signs of strong anger on their own (a message with one of them is angry). */
  anger: string[];
  /** Words that are angry only together with an exclamation mark (我就打12315！ but not 朋友说可以打12315). */
  angerWithExclamation: string[];
  /** Whole messages (punctuation aside) that ask for a human on their own: 人工！ */
  bareRequests: string[];
  /** Words of delight: 谢谢！！！ is not anger. */
  positive: string[];
  /** Words that make a mention of a human a question about the service, not a request (人工客服几点上班). */
  informational: string[];
  /** Negations that cancel a phrase when they stand just before it in the same clause (不用转人工, 我没生气). */
  negations: string[];
}

export const DEFAULT_TRANSFER_WORDS: TransferWords = {
  explicit: [
    '转人工',
    '转…人工',
    '转接人工',
    '接人工',
    '人工客服',
    '人工服务',
    '找人工',
    '找…人工',
    '要人工',
    '接…人工',
    '找客服',
    '叫客服',
    '真人客服',
    '要真人',
    '找真人',
    '转真人',
    '跟真人',
    '和真人',
    '有没有真人',
    '有真人吗',
    '真人来',
    '我要投诉',
    '我想投诉',
    '我要举报',
    '要投诉你们',
    '找你们主管',
    '找主管',
    '叫主管',
    '找你们经理',
    '找经理',
    '找你们负责人',
    '叫你们负责人',
    '找负责人',
    '负责人出来',
    '主管出来',
    '找你们领导',
    '找领导',
    '叫你们领导',
    '领导出来',
    '找店长',
    '叫店长',
    '店长呢',
    '主管呢',
    '负责人呢',
    '领导呢',
    '找老板',
    '叫老板',
    '老板出来',
    '经理出来',
    '轉人工',
    '轉接人工',
    '我要投訴',
    'human agent',
    'human please',
    'a human',
    'real human',
    'live agent',
    'talk to a human',
    'speak to a human',
    'real person',
    'customer service agent',
  ],
  // A run of exclamation marks is anger too, but detectAnger finds it with a pattern (and lets delight through);
  // as a phrase here it would be found before, and so hide, a real anger word later in the message.
  anger: [
    '生气',
    '气死',
    '气炸',
    '火大',
    '骗子',
    '骗人',
    '垃圾',
    '什么破',
    '破质量',
    '破东西',
    '坑人',
    '坑爹',
    '太坑',
    '恶心',
    '忍无可忍',
    '欺负人',
    '太过分',
    '无良',
    '黑店',
  ],
  angerWithExclamation: ['投诉', '12315', '曝光', '差评', '退钱', '到底'],
  bareRequests: ['人工', '客服', '真人', '投诉', '人工服务', '转接', 'human', 'agent'],
  positive: ['谢谢', '感谢', '太好了', '太棒', '不错', '开心', '喜欢', '满意', '好评', '给力', '赞'],
  informational: ['几点', '上班', '下班', '工作时间', '营业时间'],
  negations: [
    '不用',
    '不要',
    '不需要',
    '不必',
    '没必要',
    '无需',
    '用不着',
    '不是要',
    '不想',
    '没说要',
    '没有要',
    '没',
    '别',
    '不',
  ],
};

export type TransferReason = 'explicit' | 'emotion';

export interface TransferDecision {
  route: 'answer' | 'transfer';
  reason: TransferReason | null;
  /** The phrase that decided it, for the turn record. */
  matched: string | null;
}

/** Lower-cases, unifies full-width exclamation marks and drops whitespace between CJK characters. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/！/g, '!')
    .replace(/\s+/g, (space, at: number, all: string) =>
      /[a-z0-9]/.test(all[at - 1] ?? '') && /[a-z0-9]/.test(all[at + space.length] ?? '') ? ' ' : '',
    );
}

const CLAUSE_END = /[，。？?；;：:,.\n]/;
/** 能不能 / 可不可以 / 要不要 ask a question; their 不 is no negation. */
const A_NOT_A = /(.)不\1|可不可以/g;

/** True when a negation stands in the same clause within a few characters before `at`. */
function negatedAt(text: string, at: number, negations: string[]): boolean {
  let start = at;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!) && at - start < 6) start--;
  const before = text.slice(start, at).replace(A_NOT_A, '');
  // A one-character negation (不, 没, 别) binds only to what follows it closely: 我没生气, 别转人工.
  return negations.some((n) => (n.length > 1 ? before : before.slice(-2)).includes(n));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns = new Map<string, RegExp>();
function patternOf(phrase: string): RegExp {
  let re = patterns.get(phrase);
  if (!re) {
    re = new RegExp(phrase.toLowerCase().split('…').map(escapeRegExp).join('[^，。？?！!；;,.]{0,3}'), 'g');
    patterns.set(phrase, re);
  }
  return re;
}

/** The clause (between punctuation) around position `at`. */
function clauseAt(text: string, at: number): string {
  let start = at;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !CLAUSE_END.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** The first phrase of `phrases` found in `text` without a negation before it nor a word of `unless` in its clause. */
function findPhrase(
  text: string,
  phrases: string[],
  negations: string[],
  unless: string[] = [],
): string | null {
  for (const phrase of phrases) {
    for (const m of text.matchAll(patternOf(phrase))) {
      if (negatedAt(text, m.index, negations)) continue;
      const clause = clauseAt(text, m.index);
      if (unless.some((w) => clause.includes(w))) continue;
      return phrase;
    }
  }
  return null;
}

/** The anger sign of a message, or null when the message is calm. */
export function detectAnger(text: string, words: TransferWords = DEFAULT_TRANSFER_WORDS): string | null {
  const t = normalize(text);
  const strong = findPhrase(t, words.anger, words.negations);
  if (strong) return strong;
  if (/!{3,}|[!?？]{4,}/.test(t) && /!/.test(t)) {
    // Exclamation marks of delight (太好了！！！谢谢！！！) are no anger.
    return words.positive.some((w) => t.includes(w)) ? null : '!!!';
  }
  if (t.includes('!')) return findPhrase(t, words.angerWithExclamation, words.negations);
  return null;
}

/** The explicit request for a human (or complaint) in a message, or null. */
export function detectExplicitRequest(
  text: string,
  words: TransferWords = DEFAULT_TRANSFER_WORDS,
): string | null {
  const t = normalize(text);
  const bare = t.replace(/[\s\p{P}\p{S}]|请|我要|要|吧|啊|呀/gu, '');
  const phrase = findPhrase(t, words.explicit, words.negations, words.informational);
  return phrase ?? words.bareRequests.find((w) => bare === w.toLowerCase()) ?? null;
}

/**
 * The transfer breakers, in the shops' order (shared/eval/README.md): an explicit request for a human or a complaint
 * transfers at once; otherwise strong anger in both this message and the previous customer message transfers. One
 * angry message alone, or a negated request (不用转人工, 我不是要投诉), stays with the bot.
 * @example decideTransfer('我要投诉！！！', ['气死了！！！']) // { route: 'transfer', reason: 'explicit', matched: '我要投诉' }
 */
export function decideTransfer(
  text: string,
  history: string[],
  words: TransferWords = DEFAULT_TRANSFER_WORDS,
): TransferDecision {
  const explicit = detectExplicitRequest(text, words);
  if (explicit) return { route: 'transfer', reason: 'explicit', matched: explicit };
  const previous = history.at(-1);
  const anger = detectAnger(text, words);
  if (anger && previous !== undefined && detectAnger(previous, words)) {
    return { route: 'transfer', reason: 'emotion', matched: anger };
  }
  return { route: 'answer', reason: null, matched: null };
}

/** Overlays a shop's word lists: `{ explicit: [...] }` replaces, `{ explicitExtra: [...] }` appends. */
export function mergeTransferWords(
  partial: unknown,
  base: TransferWords = DEFAULT_TRANSFER_WORDS,
): TransferWords {
  if (partial === undefined || partial === null) return base;
  if (typeof partial !== 'object' || Array.isArray(partial))
    throw new TypeError('transferWords must be a JSON object');
  const out: TransferWords = { ...base };
  const p = partial as Record<string, unknown>;
  for (const key of Object.keys(base) as (keyof TransferWords)[]) {
    for (const [name, append] of [
      [key, false],
      [`${key}Extra`, true],
    ] as const) {
      const v = p[name];
      if (v === undefined) continue;
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.trim() !== ''))
        throw new TypeError(`transferWords: "${name}" must be an array of non-empty strings`);
      out[key] = append ? [...out[key], ...v] : [...v];
    }
  }
  return out;
}
