import type { UiMessage } from '../core/ui-message.ts';
import type { Strings } from './locales.ts';
import { renderMarkdown } from './render-markdown.tsx';
import { TypingIndicator } from './typing-indicator.tsx';

const BAG = 'M6 7h12l1 13H5zm3 0V6a3 3 0 0 1 6 0v1';
const TICKET = 'M4 6h16v4a2 2 0 0 0 0 4v4H4v-4a2 2 0 0 0 0-4zm6 0v12';
const THUMB = 'M7 10v11H3V10zm0 0 4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18 21H7';

function Thumb({ down }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" transform={down ? 'rotate(180)' : undefined}>
      <path d={THUMB} />
    </svg>
  );
}

function CardIcon({ d }: { d: string }) {
  return (
    <i>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d={d} />
      </svg>
    </i>
  );
}

export interface MessageRowProps {
  m: UiMessage;
  t: Strings;
  /** Given only while this message's clarifying question can still be answered (`canChoose`). */
  onChoose?(assistantMessageId: string, sku: string): void;
  onRetry(customerId: string): void;
  onRate(replyId: string, rating: 'up' | 'down'): void;
}

/**
 * One bubble with what belongs to it: sources, product cards, product choices, ticket card, handoff notice,
 * error + retry, thumbs.
 */
export function MessageRow({ m, t, onChoose, onRetry, onRate }: MessageRowProps) {
  if (m.role === 'customer') {
    return (
      <div class="row me" data-role="customer" data-status={m.status}>
        <span class="sr">{t.you}: </span>
        <div class="b">{m.text}</div>
        {m.status === 'queued' && <div class="meta">{t.queued}</div>}
        {m.status === 'failed' && (
          <div class="meta err" role="alert">
            {t.errors[m.error ?? 'server']}
            <button type="button" class="lk" onClick={() => onRetry(m.id)}>
              {t.retry}
            </button>
          </div>
        )}
      </div>
    );
  }
  const streaming = m.status === 'streaming';
  const products = m.sources?.filter((s) => s.id.startsWith('product:')) ?? [];
  const docs = m.sources?.filter((s) => !s.id.startsWith('product:')) ?? [];
  const showText = m.text && !(m.handoff && m.text === m.handoff.message);
  return (
    <div class="row" data-role="assistant" data-status={m.status}>
      <span class="sr">{t.bot}: </span>
      {showText ? (
        // While streaming the text is hidden from screen readers; the finished message is announced once.
        <div class="b" aria-hidden={streaming ? 'true' : undefined}>
          {renderMarkdown(m.text, streaming)}
        </div>
      ) : streaming && !m.handoff ? (
        <TypingIndicator label={t.typing} />
      ) : null}
      {products.map((p) => (
        <div class="card" key={p.id}>
          <CardIcon d={BAG} />
          <div>
            <b>{p.title}</b>
            <small>
              {t.product} · {p.id.slice(8)}
            </small>
          </div>
        </div>
      ))}
      {m.clarification && m.clarification.choices.length > 0 && (
        // Older questions keep their choices for reference, disabled: answering them now would confuse the thread.
        <fieldset class="chips">
          <legend class="sr">{t.choose}</legend>
          {m.clarification.choices.map((c) => (
            <button type="button" key={c.sku} disabled={!onChoose} onClick={() => onChoose?.(m.id, c.sku)}>
              {c.label}
            </button>
          ))}
        </fieldset>
      )}
      {m.ticket && (
        // Hidden from screen readers while the reply streams, like its text: the finished reply is announced once.
        <div class="card" data-ticket={m.ticket.kind} aria-hidden={streaming ? 'true' : undefined}>
          <CardIcon d={TICKET} />
          <div>
            <b>{t.ticketOpened}</b> <span class="tid">{m.ticket.ticketId}</span>
          </div>
        </div>
      )}
      {docs.length > 0 && !streaming && (
        <ul class="src" aria-label={t.sources}>
          {docs.map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
        </ul>
      )}
      {m.handoff && (
        <div class="ho" data-handoff={m.handoff.reason}>
          <strong>{t.handoff}</strong>
          <span>{t.handoffReasons[m.handoff.reason] ?? m.handoff.message}</span>
          {m.handoff.reason === 'explicit' || m.handoff.reason === 'emotion' ? <span>{t.ticket}</span> : null}
        </div>
      )}
      {(m.errorText || m.status === 'failed') && (
        <div class="meta err" role="alert">
          {m.errorText ?? t.errors[m.error ?? 'server']}
          {m.status === 'failed' && m.replyTo && (
            <button type="button" class="lk" onClick={() => onRetry(m.replyTo!)}>
              {t.retry}
            </button>
          )}
        </div>
      )}
      {m.status === 'done' && m.replyId && !m.handoff && (
        <div class="fb">
          <button
            type="button"
            aria-label={t.helpful}
            aria-pressed={m.feedback === 'up'}
            onClick={() => onRate(m.replyId!, 'up')}
          >
            <Thumb />
          </button>
          <button
            type="button"
            aria-label={t.notHelpful}
            aria-pressed={m.feedback === 'down'}
            onClick={() => onRate(m.replyId!, 'down')}
          >
            <Thumb down />
          </button>
          {m.feedback && <span class="meta">{t.thanks}</span>}
        </div>
      )}
    </div>
  );
}
