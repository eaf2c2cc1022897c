/**
 * Kinds of answer a question asks for, and how a passage states one. "要几天" and "5-8天送达" share no word, but both
 * are about a duration; giving both the concept term `?时长` lets the ranker prefer passages that hold an answer of
 * the asked-for kind.
 */
const ANSWER_TYPES: { concept: string; asks: RegExp; states: RegExp }[] = [
  {
    concept: '?时长',
    asks: /多久|几天|多长时间|多少天|几个工作日|哪天|什么时候|啥时候/,
    states: /\d+(?:-\d+)?(?:个)?(?:天|小时|工作日|分钟)|次日|当天|第二天/,
  },
  {
    concept: '?金额',
    asks: /多少钱|几块|多少元|收多少|补多少|加多少|运费多少|多少运费|价格/,
    states: /\d+(?:\.\d+)?元/,
  },
  { concept: '?时刻', asks: /几点/, states: /\d{1,2}:\d{2}/ },
  { concept: '?次数', asks: /几次|多少次/, states: /\d+次/ },
  { concept: '?功率', asks: /功率|多少瓦|几瓦/, states: /\d+w\b|\d+w(?![a-z])/ },
  { concept: '?容量', asks: /容量|多大|装多少/, states: /\d+(?:\.\d+)?(?:ml|l|mah)(?![a-z])/ },
];

/**
 * Concept terms for the kinds of answer normalised text asks for or states.
 * @example answerTypeConcepts('寄到新疆要几天') -> ['?时长']; answerTypeConcepts('发出后5-8天送达') -> ['?时长']
 */
export function answerTypeConcepts(normalizedText: string): string[] {
  const out: string[] = [];
  for (const t of ANSWER_TYPES)
    if (t.asks.test(normalizedText) || t.states.test(normalizedText)) out.push(t.concept);
  return out;
}
