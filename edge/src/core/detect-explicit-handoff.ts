/** Word lists for the explicit-request breaker. Shops may extend them. */
export interface HandoffWords {
  requests: string[];
  negations: string[];
}

export const DEFAULT_HANDOFF_WORDS: HandoffWords = {
  requests: [
    '转人工',
    '人工客服',
    '找客服',
    '真人客服',
    '要真人',
    '找真人',
    '我要投诉',
    '找你们主管',
    '找你们负责人',
    '叫你们负责人',
    '找主管',
    'human agent',
    'talk to a human',
    'real person',
  ],
  negations: ['不用', '不要', '不需要', '不是要', '别', '无需', '没说要', "don't", 'no need'],
};

/**
 * True when the customer explicitly asks for a human or to complain. A negation just before the phrase
 * (不用转人工, 我不是要投诉) does not count.
 */
export function detectExplicitHandoff(text: string, words: HandoffWords = DEFAULT_HANDOFF_WORDS): boolean {
  const t = text.toLowerCase().replace(/\s+/g, (m) => (/[a-z]/i.test(m) ? ' ' : ''));
  for (const phrase of words.requests) {
    let at = t.indexOf(phrase.toLowerCase());
    while (at !== -1) {
      const before = t.slice(Math.max(0, at - 4), at);
      if (!words.negations.some((n) => before.endsWith(n) || before.includes(n))) return true;
      at = t.indexOf(phrase.toLowerCase(), at + 1);
    }
  }
  return false;
}
