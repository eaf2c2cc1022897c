/**
 * Script-tag entry, built to `dist/xiaoer.js`:
 * `<script src="https://kefu.example.com/widget/xiaoer.js" data-endpoint="https://kefu.example.com" async></script>`.
 * Draws the launcher at once and loads `xiaoer-panel.js` (beside this file) on first intent or when idle. Exposes
 * `window.Xiaoer`: the widget of the tag's `data-*` configuration, plus `init(config)` for more widgets or
 * configuration from code (a tag with `data-manual` draws nothing until `Xiaoer.init` is called).
 */
import { createLauncher, type XiaoerWidget } from '../launcher/create-launcher.ts';
import type { PanelModule } from './panel-contract.ts';
import { readDataConfig, type WidgetConfig } from './widget-config.ts';

const script = document.currentScript as HTMLScriptElement | null;
const src = script?.src ?? location.href;
const panelUrl = new URL('xiaoer-panel.js', src).href;
// Same-origin (or a CDN origin the shop allows): a module import needs no eval and no inline script under a CSP.
const loadPanel = () => import(/* @vite-ignore */ panelUrl) as Promise<PanelModule>;
// The default endpoint is the origin that serves the widget: the edge serves both.
const defaultEndpoint = new URL(src).origin;

let first: XiaoerWidget | undefined;
const need = () => {
  if (!first) throw new Error('[xiaoer] call Xiaoer.init({ endpoint }) first');
  return first;
};

const api = {
  init(config: Partial<WidgetConfig> = {}): XiaoerWidget {
    const w = createLauncher({ endpoint: defaultEndpoint, ...config }, loadPanel);
    first ??= w;
    return w;
  },
  open: () => need().open(),
  close: () => need().close(),
  toggle: () => need().toggle(),
  reset: () => need().reset(),
  identify: (identity: Parameters<XiaoerWidget['identify']>[0]) => need().identify(identity),
  send: (text: string) => need().send(text),
  on: (name: Parameters<XiaoerWidget['on']>[0], fn: (detail: unknown) => void) => need().on(name, fn),
};

(window as unknown as { Xiaoer: typeof api }).Xiaoer = api;
if (script && !('manual' in script.dataset)) {
  const start = () => api.init(readDataConfig(script, defaultEndpoint));
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}
document.dispatchEvent(new CustomEvent('xiaoer:ready'));
