import {
  type ChatEvent,
  type ChatRequest,
  type ConversationMessage,
  parseChatRequest,
} from '@xiaoer/protocol';
import { canChoose } from './can-choose.ts';
import { type ChatTransport, TransportError } from './chat-transport.ts';
import type { Connectivity, KeyValueStore, SyncChannel, SyncMessage } from './session-ports.ts';
import type { UiErrorKind, UiMessage } from './ui-message.ts';

export interface ChatState {
  conversationId: string | null;
  messages: UiMessage[];
  /** True while history is being fetched after a reload. */
  restoring: boolean;
  /** Conversation rating the customer gave (1-5), once sent. */
  score: number | null;
}

export type SessionEvent =
  | { type: 'message'; message: UiMessage }
  | { type: 'handoff'; message: UiMessage }
  | { type: 'feedback'; replyId: string; rating: 'up' | 'down' }
  | { type: 'feedback'; score: number };

export interface ChatSessionDeps {
  transport: ChatTransport;
  storage: KeyValueStore;
  /** Prefix of the storage keys: one per shop (and per identified customer), so shops on one page never mix. */
  storageKey: string;
  channel?: SyncChannel;
  connectivity: Connectivity;
  newId(prefix: string): string;
  /** Waits between resume attempts; injected so tests run without timers. */
  wait(ms: number): Promise<void>;
  /** Page context sent with each message. */
  context?(): ChatRequest['context'];
  onEvent?(event: SessionEvent): void;
}

export type SendResult = { ok: true; id: string } | { ok: false; error: 'empty' | 'too_long' };

/** How often a cut reply stream is resumed before the bubble offers a retry button. */
const MAX_RESUMES = 4;
/**
 * The longest `Retry-After` the session waits out on its own: a rate-limited message goes again once the edge allows
 * it. A longer wait fails the message at once, with the reason, and the customer sends it again by hand.
 */
const MAX_RETRY_AFTER_MS = 30_000;

interface Pending {
  id: string;
  text: string;
}

/**
 * The framework-free conversation: owns the messages, sends them through a ChatTransport, and keeps them across
 * reloads (conversation id and unsent messages in storage, history from the edge) and tabs (SyncChannel).
 *
 * Delivery: one customer message at a time, in order. Each has a client-chosen id, so sending it again (after a
 * network error, offline, or a cut stream) never creates a second message on the edge. A reply stream that ends
 * without `message-end` is resumed with the last applied event id; events at or below it are skipped, and a
 * `conversation-start` naming a different reply id (the edge generated the reply again) replaces the partial text.
 * @example const s = createChatSession({ transport, storage, storageKey: 'xiaoer:shop', connectivity, newId, wait });
 *          s.subscribe(render); await s.restore(); s.send('几点之前付款当天能发货?');
 */
export function createChatSession(deps: ChatSessionDeps) {
  const { transport, storage, channel, connectivity } = deps;
  const convKey = `${deps.storageKey}:conversation`;
  const pendingKey = `${deps.storageKey}:pending`;
  let state: ChatState = {
    conversationId: storage.get(convKey),
    messages: [],
    restoring: false,
    score: null,
  };
  const listeners = new Set<(s: ChatState) => void>();
  let pumping = false;
  let disposed = false;
  /** Customer messages this tab is responsible for sending, until their delivery ends; other tabs only show theirs. */
  const own = new Set<string>();

  function set(patch: Partial<ChatState>) {
    state = { ...state, ...patch };
    for (const l of listeners) l(state);
  }

  function find(id: string) {
    return state.messages.find((m) => m.id === id);
  }

  /** Replaces or appends a message; `local` changes are told to the other tabs. */
  function put(message: UiMessage, local = true) {
    const i = state.messages.findIndex((m) => m.id === message.id);
    const messages = state.messages.slice();
    if (i === -1) messages.push(message);
    else messages[i] = message;
    set({ messages });
    if (local) channel?.post({ type: 'message', conversationId: state.conversationId, message });
  }

  function patch(id: string, change: Partial<UiMessage>) {
    const m = find(id);
    if (m) put({ ...m, ...change });
  }

  function remove(id: string) {
    set({ messages: state.messages.filter((m) => m.id !== id) });
  }

  function readPending(): Pending[] {
    try {
      const v = JSON.parse(storage.get(pendingKey) ?? '[]');
      return Array.isArray(v)
        ? v.filter((p) => typeof p?.id === 'string' && typeof p?.text === 'string')
        : [];
    } catch {
      return [];
    }
  }

  function writePending(list: Pending[]) {
    if (list.length) storage.set(pendingKey, JSON.stringify(list));
    else storage.remove(pendingKey);
  }

  function setConversation(id: string | null) {
    if (id) storage.set(convKey, id);
    else storage.remove(convKey);
    set({ conversationId: id });
  }

  function errorKind(e: unknown): UiErrorKind {
    if (e instanceof TransportError) {
      if (e.kind === 'network') return connectivity.online() ? 'network' : 'offline';
      if (e.code === 'text_too_long') return 'too_long';
      if (e.status === 429) return 'rate_limited';
    }
    return 'server';
  }

  /** Streams the reply to one customer message, resuming a cut stream. Returns false to pause the queue (offline). */
  async function deliver(customer: UiMessage): Promise<boolean> {
    const key = `a_${customer.id}`;
    let lastId = 0;
    let replyId: string | undefined;
    let ended = false;
    let resumes = 0;
    let lastError: UiErrorKind = 'network';
    let retryAfter = 0;
    const stored = find(key);
    if (stored && stored.status !== 'done') remove(key);
    patch(customer.id, { status: 'sending', error: undefined });

    const onEvent = ({ event, id }: { event: ChatEvent; id: number }) => {
      if (disposed) return;
      if (event.type === 'conversation-start') {
        if (state.conversationId !== event.data.conversationId) setConversation(event.data.conversationId);
        writePending(readPending().filter((p) => p.id !== customer.id));
        patch(customer.id, { status: 'done' });
        if (replyId !== event.data.replyId) {
          // First start, or the edge generated the reply again after a cut: start the bubble from scratch.
          replyId = event.data.replyId;
          lastId = id;
          put({ id: key, role: 'assistant', text: '', status: 'streaming', replyTo: customer.id, replyId });
        }
        return;
      }
      if (id <= lastId) return;
      lastId = id;
      const a = find(key);
      if (!a) return;
      switch (event.type) {
        case 'text-delta':
          put({ ...a, text: a.text + event.data.delta });
          break;
        case 'sources-available':
          put({ ...a, sources: event.data.sources });
          break;
        case 'handoff-request': {
          const m = { ...a, handoff: event.data };
          put(m);
          deps.onEvent?.({ type: 'handoff', message: m });
          break;
        }
        case 'clarification-request':
          put({ ...a, clarification: event.data });
          break;
        case 'ticket-open':
          put({ ...a, ticket: event.data });
          break;
        case 'error':
          put({ ...a, errorText: event.data.message });
          break;
        case 'message-end': {
          ended = true;
          const failed = event.data.finishReason === 'error';
          const m: UiMessage = { ...a, status: failed ? 'failed' : 'done' };
          if (failed && !m.errorText) m.error = 'server';
          put(m);
          deps.onEvent?.({ type: 'message', message: m });
          break;
        }
      }
    };

    for (;;) {
      const request: ChatRequest = { message: { id: customer.id, text: customer.text } };
      if (state.conversationId) request.conversationId = state.conversationId;
      const context = deps.context?.();
      if (context) request.context = context;
      retryAfter = 0;
      try {
        await transport.chat(request, { ...(lastId ? { lastEventId: lastId } : {}), onEvent });
      } catch (e) {
        if (e instanceof TransportError && e.code === 'conversation_not_found' && request.conversationId) {
          // The edge no longer knows this conversation (its data was reset): start a new one with this message.
          setConversation(null);
          continue;
        }
        const kind = errorKind(e);
        lastError = kind;
        if (kind === 'offline' && !replyId) {
          patch(customer.id, { status: 'queued' });
          return false;
        }
        retryAfter = (e instanceof TransportError && e.retryAfterMs) || 0;
        if (!(e instanceof TransportError) || !e.retryable || retryAfter > MAX_RETRY_AFTER_MS) {
          remove(key);
          writePending(readPending().filter((p) => p.id !== customer.id));
          patch(customer.id, { status: 'failed', error: kind });
          return true;
        }
      }
      if (ended || disposed) return true;
      if (++resumes > MAX_RESUMES) {
        const a = find(key);
        if (a) put({ ...a, status: 'failed', error: 'interrupted' });
        else patch(customer.id, { status: 'failed', error: lastError });
        return true;
      }
      await deps.wait(Math.max(retryAfter, Math.min(4000, 250 * 2 ** (resumes - 1))));
      if (!connectivity.online()) await new Promise<void>((r) => connectivity.onOnline(r));
    }
  }

  async function pump() {
    if (pumping || disposed) return;
    pumping = true;
    try {
      for (;;) {
        if (!connectivity.online()) break;
        const next = state.messages.find(
          (m) => m.role === 'customer' && m.status === 'queued' && own.has(m.id),
        );
        if (!next) break;
        if (!(await deliver(next))) break;
        // Delivered or failed: a retry (from this tab or another) makes the retrying tab responsible again.
        own.delete(next.id);
      }
    } finally {
      pumping = false;
    }
  }

  function adopt(message: SyncMessage) {
    if (message.type === 'conversation') {
      if (message.conversationId !== state.conversationId)
        set({ conversationId: message.conversationId, messages: [] });
      return;
    }
    if (message.type !== 'message') return;
    if (message.conversationId && message.conversationId !== state.conversationId) {
      // Another tab started or switched the conversation: follow it (storage is shared, so it is already saved).
      if (state.conversationId && state.messages.some((m) => m.status !== 'done')) return;
      set({ conversationId: message.conversationId, messages: state.conversationId ? [] : state.messages });
    }
    put(message.message, false);
  }

  const unsubscribeChannel = channel?.subscribe(adopt);
  const unsubscribeOnline = connectivity.onOnline(() => void pump());

  function fromHistory(list: ConversationMessage[]): UiMessage[] {
    const out: UiMessage[] = [];
    let lastCustomer = '';
    for (const m of list) {
      if (m.role === 'customer') {
        lastCustomer = m.id;
        out.push({ id: m.id, role: 'customer', text: m.text, status: 'done' });
      } else {
        const a: UiMessage = {
          id: `a_${lastCustomer}`,
          role: 'assistant',
          text: m.text,
          status: 'done',
          replyTo: lastCustomer,
          replyId: m.id,
        };
        if (m.sources) a.sources = m.sources;
        if (m.handoff) a.handoff = m.handoff;
        if (m.clarification) a.clarification = m.clarification;
        if (m.ticket) a.ticket = m.ticket;
        // A reply cut when the customer left mid-answer: its partial text, with the retry that generates it anew.
        if (m.interrupted) {
          a.status = 'failed';
          a.error = 'interrupted';
        }
        out.push(a);
      }
    }
    return out;
  }

  /**
   * Sends a customer message: at once when online and idle, otherwise queued (and kept in storage) until the
   * network returns. Returns the error instead when the text cannot be sent (empty, too long).
   */
  function send(text: string): SendResult {
    const id = deps.newId('m');
    const parsed = parseChatRequest({ message: { id, text } });
    if (!parsed.ok) return { ok: false, error: parsed.code === 'text_too_long' ? 'too_long' : 'empty' };
    const message: UiMessage = { id, role: 'customer', text: parsed.value.message.text, status: 'queued' };
    writePending([...readPending(), { id, text: message.text }]);
    own.add(id);
    put(message);
    void pump();
    return { ok: true, id };
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener: (s: ChatState) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Shows the stored conversation again after a reload and sends what was typed but never delivered. */
    async restore() {
      const id = state.conversationId;
      if (id) {
        set({ restoring: true });
        try {
          const history = await transport.history(id);
          if (history) {
            const known = new Set(state.messages.map((m) => m.id));
            set({
              messages: [...fromHistory(history.messages).filter((m) => !known.has(m.id)), ...state.messages],
            });
          } else if (state.conversationId === id) {
            setConversation(null);
          }
        } catch {
          // Offline or the edge is down: the conversation id is kept and history comes with the next reload.
        } finally {
          set({ restoring: false });
        }
      }
      for (const p of readPending()) {
        if (find(p.id)) continue;
        own.add(p.id);
        put({ id: p.id, role: 'customer', text: p.text, status: 'queued' }, false);
      }
      void pump();
    },

    send,

    /**
     * Answers a clarifying question with one of its choices, sent as the customer's words (the product's name, which
     * the edge resolves like a typed answer). Only where `canChoose` holds, so a second click, or a click on an older
     * question, sends nothing.
     * @example session.choose('a_m_1', 'BUD-PRO-WH')
     */
    choose(assistantMessageId: string, sku: string): SendResult | { ok: false; error: 'stale' } {
      const choice = canChoose(state.messages, assistantMessageId)
        ? find(assistantMessageId)?.clarification?.choices.find((c) => c.sku === sku)
        : undefined;
      if (!choice) return { ok: false, error: 'stale' };
      return send(choice.label);
    },

    /** Sends a failed message again with the same id: the edge replays a finished reply instead of answering twice. */
    retry(customerMessageId: string) {
      const m = find(customerMessageId);
      if (m?.role !== 'customer') return;
      const a = find(`a_${customerMessageId}`);
      if (m.status !== 'failed' && a?.status !== 'failed') return;
      if (a) remove(a.id);
      own.add(m.id);
      if (!readPending().some((p) => p.id === m.id))
        writePending([...readPending(), { id: m.id, text: m.text }]);
      put({ ...m, status: 'queued', error: undefined });
      void pump();
    },

    async rate(replyId: string, rating: 'up' | 'down') {
      const m = state.messages.find((x) => x.replyId === replyId);
      if (!m || !state.conversationId) return;
      const before = m.feedback;
      patch(m.id, { feedback: rating });
      try {
        await transport.feedback({ conversationId: state.conversationId, replyId, rating });
        deps.onEvent?.({ type: 'feedback', replyId, rating });
      } catch {
        patch(m.id, { feedback: before });
        throw new Error('feedback not sent');
      }
    },

    async score(score: 1 | 2 | 3 | 4 | 5, comment?: string) {
      if (!state.conversationId) return;
      await transport.feedback({
        conversationId: state.conversationId,
        score,
        ...(comment ? { comment } : {}),
      });
      set({ score });
      deps.onEvent?.({ type: 'feedback', score });
    },

    /** Forgets the conversation in this browser (all tabs) and starts a new one. */
    reset() {
      writePending([]);
      own.clear();
      setConversation(null);
      set({ messages: [], score: null });
      channel?.post({ type: 'conversation', conversationId: null });
    },

    dispose() {
      disposed = true;
      unsubscribeChannel?.();
      unsubscribeOnline();
      listeners.clear();
    },
  };
}

export type ChatSession = ReturnType<typeof createChatSession>;
