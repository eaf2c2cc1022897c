import type {
  Identity,
  PanelContext,
  PanelHandle,
  PanelModule,
  WidgetEventName,
} from '../embed/panel-contract.ts';
import type { WidgetConfig } from '../embed/widget-config.ts';
import { LAUNCHER_CSS } from './launcher-css.ts';

const LABELS = {
  'zh-CN': ['打开在线客服', '关闭在线客服'],
  en: ['Open customer service chat', 'Close chat'],
};

/** The public API of one widget on the page (also `window.Xiaoer` for the script-tag one). */
export interface XiaoerWidget {
  open(): void;
  close(): void;
  toggle(): void;
  /** Forgets the conversation in this browser and starts a new one. */
  reset(): void;
  /** A logged-in customer: their conversation is kept apart from anonymous ones and other customers'. */
  identify(identity: Identity): void;
  send(text: string): void;
  on(name: WidgetEventName, fn: (detail: unknown) => void): () => void;
  destroy(): void;
}

function svg(path: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const s = document.createElementNS(ns, 'svg');
  s.setAttribute('viewBox', '0 0 24 24');
  s.setAttribute('aria-hidden', 'true');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', path);
  s.append(p);
  return s;
}

function sheet(css: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}

/**
 * Draws the launcher button in a shadow root (plain DOM, no framework) and loads the panel chunk on first intent
 * (hover, focus, touch, click) or when the page is idle. Calls made before the panel arrives wait for it.
 * @example const w = createLauncher({ endpoint: 'https://kefu.example.com' }, () => import('./panel.js')); w.open();
 */
export function createLauncher(config: WidgetConfig, loadPanel: () => Promise<PanelModule>): XiaoerWidget {
  const locale = config.locale ?? 'zh-CN';
  const shop = config.shop ?? config.endpoint.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  let storageKey = `xiaoer:${shop}`;
  const host = document.createElement('xiaoer-chat');
  host.setAttribute('data-shop', shop);
  if (config.position === 'left') host.setAttribute('data-left', '');
  // CSSOM property writes are allowed under a strict CSP (only style attributes in markup are blocked).
  if (config.primaryColor) host.style.setProperty('--xiaoer-primary', config.primaryColor);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet(LAUNCHER_CSS)];
  const button = document.createElement('button');
  button.className = 'l';
  button.type = 'button';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', LABELS[locale][0]!);
  button.append(
    svg('M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.6A8 8 0 1 1 21 12zM8.5 12h.01M12 12h.01M15.5 12h.01'),
  );
  const mount = document.createElement('div');
  root.append(button, mount);
  (config.container ?? document.body).append(host);

  const listeners = new Map<WidgetEventName, Set<(d: unknown) => void>>();
  const emit = (name: WidgetEventName, detail?: unknown) => {
    for (const fn of listeners.get(name) ?? []) fn(detail);
  };
  let isOpen = false;
  let panel: PanelHandle | undefined;
  let loading: Promise<PanelHandle | undefined> | undefined;
  let destroyed = false;

  // Other tabs of this shop follow the open state (the panel syncs the messages itself).
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(storageKey) : undefined;
  if (channel) {
    channel.onmessage = (e: MessageEvent) => {
      if (e.data?.type === 'open' && e.data.open !== isOpen) setOpen(e.data.open, false, false);
    };
  }

  let module: Promise<PanelModule> | undefined;
  /** Prefetch: downloads and evaluates the panel chunk without drawing anything. */
  const fetchPanel = () =>
    (module ??= loadPanel().catch((e) => {
      module = undefined; // a failed download (offline) is tried again on the next intent
      throw e;
    }));

  /**
   * Mounts the panel (once), with the storage key fixed at that moment (identify() comes before). Never rejects: a
   * panel that could not be loaded (offline, blocked) is warned about once per attempt and gives `undefined`, and the
   * next call tries again.
   */
  function load(): Promise<PanelHandle | undefined> {
    loading ??= fetchPanel()
      .then((m) => {
        const ctx: PanelContext = {
          root,
          mount,
          config,
          storageKey,
          emit,
          requestClose: () => setOpen(false, true, true),
        };
        panel = m.mountPanel(ctx);
        if (destroyed) panel.destroy();
        else panel.setOpen(isOpen);
        return panel;
      })
      .catch((e) => {
        loading = undefined;
        console.warn('[xiaoer] the chat panel could not be loaded', e);
        return undefined;
      });
    return loading;
  }

  function setOpen(open: boolean, focusBack: boolean, broadcast = true) {
    if (open === isOpen || destroyed) return;
    isOpen = open;
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', LABELS[locale][open ? 1 : 0]!);
    host.toggleAttribute('data-open', open);
    if (broadcast) channel?.postMessage({ type: 'open', open });
    emit(open ? 'open' : 'close');
    if (panel) panel.setOpen(open);
    else if (open)
      void load().then((p) => {
        // The panel could not be loaded: show the launcher closed again so a click retries.
        if (!p) setOpen(false, false);
      });
    if (!open && focusBack) button.focus();
  }

  const prefetch = () => void fetchPanel().catch(() => {});
  for (const type of ['pointerenter', 'focus', 'touchstart'] as const)
    button.addEventListener(type, prefetch, { once: true, passive: true });
  button.addEventListener('click', () => setOpen(!isOpen, false));
  if (config.prefetch !== 'intent') {
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 2000));
    idle(prefetch, { timeout: 5000 });
  }

  return {
    open: () => setOpen(true, false),
    close: () => setOpen(false, true),
    toggle: () => setOpen(!isOpen, !isOpen),
    reset: () => void load().then((p) => p?.reset()),
    identify(identity) {
      if (loading) console.warn('[xiaoer] identify() must come before the chat is first opened');
      else storageKey = `xiaoer:${shop}:u:${identity.userId}`;
    },
    send: (text) => void load().then((p) => p?.send(text)),
    on(name, fn) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(fn);
      return () => set.delete(fn);
    },
    destroy() {
      destroyed = true;
      channel?.close();
      panel?.destroy();
      host.remove();
    },
  };
}
