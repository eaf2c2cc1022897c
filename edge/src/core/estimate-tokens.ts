/**
 * Upper estimate of Qwen3 tokens for a text without loading the 84 MB tokenizer: one token per CJK character (Qwen3
 * averages ~0.6 per Chinese character), one per 3 other characters, plus message overhead. Over-estimating keeps the
 * prompt inside the context window.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  // Code units, not one string per character: this runs over every prompt block of every turn.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef)) cjk++;
    else {
      other++;
      // A surrogate pair (emoji, rare CJK extensions) is one character.
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
  }
  return cjk + Math.ceil(other / 3) + 4;
}
