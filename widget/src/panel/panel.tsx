import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { canChoose } from '../core/can-choose.ts';
import type { ChatSession } from '../core/chat-session.ts';
import type { WidgetConfig } from '../embed/widget-config.ts';
import { Composer } from './composer.tsx';
import { followVisualViewport } from './follow-visual-viewport.ts';
import type { Strings } from './locales.ts';
import { MessageRow } from './message-row.tsx';
import { TypingIndicator } from './typing-indicator.tsx';
import { useSessionState } from './use-session-state.ts';

export interface PanelProps {
  session: ChatSession;
  config: WidgetConfig;
  t: Strings;
  open: boolean;
  onClose(): void;
}

const CLOSE = 'M6 6l12 12M18 6 6 18';
const NEW = 'M12 5v14M5 12h14';

/** The chat dialog: header, message log, suggested questions, rating, composer. */
export function Panel({ session, config, t, open, onClose }: PanelProps) {
  const state = useSessionState(session);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState('');
  const stick = useRef(true);

  useEffect(() => (dialog.current ? followVisualViewport(dialog.current) : undefined), []);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  // Keep the newest text in view while it streams, unless the customer scrolled up to read.
  useLayoutEffect(() => {
    const el = log.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  });

  const busy = state.messages.some((m) => m.status === 'streaming' || m.status === 'sending');
  const last = state.messages.at(-1);
  const waiting = last?.role === 'customer' && last.status === 'sending';
  const canRate =
    state.score === null &&
    last?.role === 'assistant' &&
    last.status === 'done' &&
    state.messages.filter((m) => m.role === 'assistant').length >= 1;
  const send = (text: string) => {
    const r = session.send(text);
    setNotice(r.ok ? '' : r.error === 'too_long' ? t.errors.too_long : '');
    stick.current = true;
    return r.ok;
  };
  const choose = (assistantMessageId: string, sku: string) => {
    if (session.choose(assistantMessageId, sku).ok) stick.current = true;
  };
  const rate = (replyId: string, rating: 'up' | 'down') =>
    session.rate(replyId, rating).catch(() => setNotice(t.errors.feedback));
  const suggestions = config.suggestions ?? [];

  return (
    <div
      ref={dialog}
      class="p"
      role="dialog"
      aria-labelledby="xe-title"
      hidden={!open}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="h">
        <span class="av" aria-hidden="true">
          二
        </span>
        <div class="ht">
          <h2 id="xe-title">{config.title ?? t.title}</h2>
          <p>{t.bot}</p>
        </div>
        <button
          type="button"
          class="ib"
          aria-label={t.newChat}
          title={t.newChat}
          onClick={() => session.reset()}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d={NEW} />
          </svg>
        </button>
        <button type="button" class="ib" aria-label={t.close} title={t.close} onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d={CLOSE} />
          </svg>
        </button>
      </div>
      <div
        ref={log}
        class="log"
        role="log"
        aria-live="polite"
        aria-busy={busy}
        aria-label={config.title ?? t.title}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        <div class="row" data-role="greeting">
          <div class="b">{config.greeting ?? t.greeting}</div>
        </div>
        {state.messages.length === 0 && suggestions.length > 0 && (
          <div class="chips">
            {suggestions.map((q) => (
              <button type="button" key={q} onClick={() => send(q)}>
                {q}
              </button>
            ))}
          </div>
        )}
        {state.messages.map((m) => (
          <MessageRow
            key={m.id}
            m={m}
            t={t}
            onChoose={canChoose(state.messages, m.id) ? choose : undefined}
            onRetry={(id) => session.retry(id)}
            onRate={rate}
          />
        ))}
        {waiting && (
          <div class="row" data-role="typing">
            <TypingIndicator label={t.typing} />
          </div>
        )}
        {canRate && (
          <div class="rate">
            {t.rateTitle}
            <div>
              {([1, 2, 3, 4, 5] as const).map((n) => (
                <button
                  type="button"
                  key={n}
                  aria-label={t.star(n)}
                  onClick={() => session.score(n).catch(() => setNotice(t.errors.feedback))}
                >
                  ★
                </button>
              ))}
            </div>
          </div>
        )}
        {state.score !== null && <div class="rate">{t.rated}</div>}
        {notice && (
          <div class="meta err" role="alert">
            {notice}
          </div>
        )}
      </div>
      <Composer t={t} inputRef={input} onSend={send} />
    </div>
  );
}
