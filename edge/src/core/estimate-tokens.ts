/**
 * Upper estimate of Qwen3 tokens for a text without loading the 84 MB tokenizer: one token per CJK character (Qwen3
 * averages ~0.6 per Chinese character), one per 3 other characters, plus message overhead. Over-estimating keeps the
 * prompt inside the context window.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    if (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch)) cjk++;
    else other++;
  }
  return cjk + Math.ceil(other / 3) + 4;
}
