/** When the model's own reasoning says it is unsure. Shops may tune the words and thresholds. */
export interface ConfidenceRules {
  /** Hedges looked for in the reasoning. */
  hedges: string[];
  /**
   * Retrieval counts as strong at this multiple of the coverage threshold (minScore): then one hedge is not enough
   * to hand over. Relative, so it follows whatever scale the configured retriever scores on.
   */
  strongFactor: number;
  /** Guesses about the customer, not about the answer (用户可能想问): removed before hedges are counted. */
  aboutCustomer: string[];
  /** Hedges that hand over even with strong retrieval. */
  maxHedges: number;
}

export const DEFAULT_CONFIDENCE_RULES: ConfidenceRules = {
  hedges: [
    '不确定',
    '不太确定',
    '不清楚',
    '可能',
    '也许',
    '大概',
    '建议核实',
    '无法确认',
    '没有提到',
    '没有找到',
    '资料里没有',
    '猜测',
  ],
  strongFactor: 2,
  aboutCustomer: ['用户可能', '顾客可能', '客户可能', '他可能', '她可能', '对方可能', '可能想问', '可能是想'],
  maxHedges: 3,
};

export interface ConfidenceInput {
  reasoning: string;
  /** Best retrieval score among the passages given to the model (0 when none). */
  topScore: number;
  /** Score under which a passage does not cover the question. */
  minScore: number;
  /** True when the question needs the knowledge base (not small talk). */
  needsKnowledge: boolean;
}

export interface ConfidenceVerdict {
  low: boolean;
  hedges: number;
  why: 'no-passage' | 'hedged' | null;
}

/**
 * Decides at the boundary between the model's reasoning and its answer whether the answer may be shown: no passage
 * covering a knowledge question, or hedges in the reasoning that weak retrieval does not outweigh, hand over instead.
 * @example assessConfidence({ reasoning: '资料里没有提到，可能是…', topScore: 0.3, minScore: 0.2, needsKnowledge: true }).low // true
 */
export function assessConfidence(
  input: ConfidenceInput,
  rules: ConfidenceRules = DEFAULT_CONFIDENCE_RULES,
): ConfidenceVerdict {
  let reasoning = input.reasoning;
  for (const a of rules.aboutCustomer) reasoning = reasoning.split(a).join('');
  let hedges = 0;
  for (const h of rules.hedges) hedges += reasoning.split(h).length - 1;
  if (input.needsKnowledge && input.topScore < input.minScore)
    return { low: true, hedges, why: 'no-passage' };
  const strong = input.topScore >= input.minScore * rules.strongFactor;
  if (hedges >= rules.maxHedges || (hedges > 0 && !strong)) return { low: true, hedges, why: 'hedged' };
  return { low: false, hedges, why: null };
}
