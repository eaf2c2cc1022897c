/** The shop's rules every reply must satisfy, whoever wrote it. */
export interface ReplyRules {
  /** Phrases removed wherever they appear (根据您的描述 ...), with a comma or colon right after them. */
  bannedPhrases: string[];
  /** The line every reply ends with. */
  closingLine: string;
  /** Added before the closing line when set and the reply does not already explain tickets. */
  ticketGuidance?: string;
}

/** A streaming filter: push model deltas in, get the text that is safe to show; `end` returns the rest. */
export interface ReplyFilter {
  push(delta: string): string;
  end(): string;
}

/** Compares lines ignoring punctuation, spaces and full/half-width differences. */
function bare(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

const THINK = /<think>[\s\S]*?(<\/think>|$)|<\/think>/g;
const TICKET_WORDS = /工单|申请售后/;
/** Marks where a banned phrase was cut, so the punctuation right after it can go too. */
const CUT = '\uE000';
const AFTER_CUT = new RegExp(`${CUT}[，,：:]?\\s*`, 'g');

/**
 * Applies the reply rules to a streamed answer without holding it back more than needed: text that could still
 * become a banned phrase, a `<think>` block (servers without a reasoning parser put the reasoning in the content) or
 * the closing line is held until it is decided. At the end the closing line is written exactly once, in the shop's
 * wording, and ticket guidance is added when asked for and missing.
 * @example const f = createReplyFilter(rules); f.push('根据资料，16:00前') + f.end() // '16:00前\n需要我帮您查订单或生成工单吗?'
 */
export function createReplyFilter(rules: ReplyRules): ReplyFilter {
  const banned = rules.bannedPhrases.filter(Boolean);
  const hold = Math.max(8, ...banned.map((p) => p.length + 1));
  /** Every proper beginning of a banned phrase: text ending in one is held until the next delta decides it. */
  const bannedStarts = banned.flatMap((p) =>
    Array.from({ length: p.length - 1 }, (_, i) => p.slice(0, i + 1)),
  );
  const closing = bare(rules.closingLine);
  let pending = '';
  let shown = '';
  let started = false;

  /** Set when a banned phrase ended the text so far: the comma or colon that follows it goes too. */
  let afterBanned = false;
  const clean = (s: string) => {
    let out = s.replace(THINK, '');
    if (afterBanned && out) {
      out = out.replace(/^[，,：:]\s*/, '');
      afterBanned = out === '';
    }
    for (const p of banned) {
      if (out.endsWith(p)) afterBanned = true;
      out = out.split(p).join(CUT);
    }
    return out.replace(AFTER_CUT, '');
  };

  /** Releases what can no longer change: everything but an open <think>, a possible banned-phrase start or the closing line. */
  const release = (final: boolean): string => {
    let text = clean(pending);
    if (!final && /<think>(?![\s\S]*<\/think>)|<\/?t?h?i?n?k?$/.test(pending)) return '';
    let keep = '';
    if (!final) {
      // Trailing blank space is held too: the line before it may still be the closing line.
      const trimmed = text.replace(/\s+$/, '');
      const lineStart = trimmed.lastIndexOf('\n') + 1;
      const lastLine = trimmed.slice(lineStart);
      if (lastLine && closing.startsWith(bare(lastLine))) {
        keep = text.slice(lineStart);
      } else if (trimmed.length < text.length) {
        keep = text.slice(trimmed.length);
      } else {
        keep = text.slice(Math.max(lineStart, text.length - hold));
        if (!bannedStarts.some((start) => keep.endsWith(start))) keep = '';
      }
      text = text.slice(0, text.length - keep.length);
    }
    pending = keep;
    if (!started) text = text.replace(/^\s+/, '');
    if (text) started = true;
    shown += text;
    return text;
  };

  return {
    push(delta) {
      pending += delta;
      return release(false);
    },
    end() {
      let text = clean(pending);
      pending = '';
      if (!started) text = text.replace(/^\s+/, '');
      // A closing line the model wrote (in any punctuation) is replaced by the shop's own wording below.
      const lines = text.replace(/\s+$/, '').split('\n');
      if (lines.length && bare(lines.at(-1)!) === closing) lines.pop();
      text = lines.join('\n').replace(/\s+$/, '');
      const body = shown + text;
      const parts: string[] = [];
      if (rules.ticketGuidance && !TICKET_WORDS.test(body)) parts.push(rules.ticketGuidance);
      parts.push(rules.closingLine);
      const sep = body.trim() === '' || body.endsWith('\n') ? '' : '\n';
      text += sep + parts.join('\n');
      shown += text;
      return text;
    },
  };
}

/** The whole-text form of createReplyFilter. */
export function enforceReplyRules(text: string, rules: ReplyRules): string {
  const filter = createReplyFilter(rules);
  return filter.push(text) + filter.end();
}
