import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Strings } from './locales.ts';

/**
 * True when an Enter keydown belongs to an input method (Chinese pinyin confirming a candidate), not to the
 * customer. Safari reports `isComposing === false` on the keydown that confirms a candidate, after
 * `compositionend`; only `keyCode === 229` shows it there.
 */
export function isImeEnter(e: Pick<KeyboardEvent, 'isComposing' | 'keyCode'>, composing: boolean): boolean {
  return composing || e.isComposing || e.keyCode === 229;
}

export interface ComposerProps {
  t: Strings;
  inputRef: Ref<HTMLTextAreaElement>;
  onSend(text: string): boolean;
}

/** Textarea + send button. Enter sends (never while composing), Shift+Enter is a new line. */
export function Composer({ t, inputRef, onSend }: ComposerProps) {
  const [text, setText] = useState('');
  const composing = useRef(false);
  const grow = (el: HTMLTextAreaElement) => {
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  };
  const submit = () => {
    if (text.trim() && onSend(text)) {
      setText('');
      const el = (inputRef as { current: HTMLTextAreaElement | null }).current;
      if (el) {
        el.value = '';
        grow(el);
      }
    }
  };
  return (
    <form
      class="f"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={inputRef}
        rows={1}
        value={text}
        maxLength={4000}
        aria-label={t.placeholder}
        placeholder={t.placeholder}
        enterkeyhint="send"
        onInput={(e) => {
          setText(e.currentTarget.value);
          grow(e.currentTarget);
        }}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.shiftKey || isImeEnter(e, composing.current)) return;
          e.preventDefault();
          submit();
        }}
      />
      <button type="submit" class="sd" aria-label={t.send} disabled={!text.trim()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
        </svg>
      </button>
    </form>
  );
}
