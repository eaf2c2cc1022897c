import type { ComponentChildren, VNode } from 'preact';

const INLINE =
  /(`[^`\n]+`)|\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()（）]+[^\s<>()（）.,;:!?。，；：！？])/g;

/** Only http(s) links survive: `javascript:`, `data:` and relative URLs render as their text. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function link(href: string | undefined, text: string, key: number): ComponentChildren {
  if (!href) return text;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}

/**
 * The `**` a closing `**` arriving now would pair with (its pair is still streaming in), or -1. Found by matching
 * INLINE itself on the line with `**` appended, so a `**` inside a `code` span or on an earlier line never counts.
 */
function openBold(text: string): number {
  let at = -1;
  for (const m of `${text}**`.matchAll(INLINE))
    at = m[2] && m.index + m[0].length > text.length ? m.index : -1;
  return at;
}

/** `open`: the line is still streaming in, so an unpaired `**` opener in it is hidden rather than shown as text. */
function inline(text: string, open = false): ComponentChildren[] {
  const at = open ? openBold(text) : -1;
  if (at >= 0) text = text.slice(0, at) + text.slice(at + 2);
  const out: ComponentChildren[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1]) out.push(<code key={k++}>{m[1].slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={k++}>{m[2]}</strong>);
    else if (m[3]) out.push(link(safeHref(m[4]!), m[3], k++));
    else if (m[5]) out.push(link(safeHref(m[5]), m[5], k++));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function lines(list: string[], open: boolean): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  list.forEach((l, i) => {
    // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity; a re-render rebuilds them in order
    if (i) out.push(<br key={`b${i}`} />);
    out.push(...inline(l, open && i === list.length - 1));
  });
  return out;
}

const BULLET = /^\s*[-*•]\s+/;
const NUMBER = /^\s*\d+[.)、]\s*/;

/**
 * Renders the Markdown subset replies use (paragraphs, bullet and numbered lists, **bold**, `code`, http(s) links) to
 * virtual DOM. Text is never parsed as HTML, so model or knowledge-base text cannot inject markup or script.
 * While `streaming`, an unpaired `**` on the last line (its closing pair has not arrived yet) is hidden, so the text
 * does not flash asterisks before turning bold. Bold pairs within one line, so only the last line can still close one.
 */
export function renderMarkdown(source: string, streaming = false): VNode[] {
  const blocks: VNode[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  // `open`: this flush holds the source's last line (a trailing blank line has already flushed everything).
  const flush = (open = false) => {
    if (para.length) blocks.push(<p key={blocks.length}>{lines(para, open)}</p>);
    if (list) {
      const n = list.items.length;
      // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity; streaming only appends to the last one
      const items = list.items.map((t, i) => <li key={i}>{inline(t, open && i === n - 1)}</li>);
      blocks.push(list.ordered ? <ol key={blocks.length}>{items}</ol> : <ul key={blocks.length}>{items}</ul>);
    }
    para = [];
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const bullet = BULLET.test(line);
    const ordered = !bullet && NUMBER.test(line) && /^\s*\d+[.)、]\s+\S|^\s*\d+、\S/.test(line);
    if (!line.trim()) {
      flush();
    } else if (bullet || ordered) {
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(line.replace(bullet ? BULLET : NUMBER, ''));
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush(streaming);
  return blocks;
}
