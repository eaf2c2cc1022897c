/**
 * The lazy panel chunk (`xiaoer-panel.js`): Preact, the chat session and the panel styles. The launcher imports it on
 * first intent and calls mountPanel once.
 */
import { render } from 'preact';
import { createChatSession } from '../core/chat-session.ts';
import { createHttpTransport } from '../core/http-transport.ts';
import { newId } from '../core/new-id.ts';
import type { PanelContext, PanelHandle } from '../embed/panel-contract.ts';
import { broadcastSync, browserConnectivity, browserStorage } from './browser-adapters.ts';
import { LOCALES } from './locales.ts';
import { Panel } from './panel.tsx';
import { PANEL_CSS } from './panel-css.ts';

export function mountPanel(ctx: PanelContext): PanelHandle {
  const { config } = ctx;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS);
  ctx.root.adoptedStyleSheets = [...ctx.root.adoptedStyleSheets, sheet];
  const t = LOCALES[config.locale ?? 'zh-CN'];
  const channel = broadcastSync(`${ctx.storageKey}:chat`);
  const session = createChatSession({
    transport: createHttpTransport(config.endpoint),
    storage: browserStorage(),
    storageKey: ctx.storageKey,
    channel,
    connectivity: browserConnectivity,
    newId,
    wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    context: () => ({ pageUrl: location.href.slice(0, 2048), ...(config.sku ? { sku: config.sku } : {}) }),
    onEvent: (e) => ctx.emit(e.type, e),
  });
  void session.restore();
  let open = false;
  const draw = () =>
    render(
      <Panel session={session} config={config} t={t} open={open} onClose={ctx.requestClose} />,
      ctx.mount,
    );
  draw();
  return {
    setOpen(next) {
      open = next;
      draw();
    },
    send: (text) => void session.send(text),
    reset: () => session.reset(),
    destroy() {
      render(null, ctx.mount);
      session.dispose();
      channel.close();
    },
  };
}
