/** Everything a shop configures, by `data-*` attributes on the script tag or `Xiaoer.init({...})`. */
export interface WidgetConfig {
  /** Base URL of the edge, e.g. `https://kefu.example.com` (the script's origin when omitted on the tag). */
  endpoint: string;
  /** Storage namespace: widgets of different shops on one page keep separate conversations. Default: the endpoint. */
  shop?: string;
  title?: string;
  greeting?: string;
  /** Any CSS colour, e.g. `#c2410c`; sets `--xiaoer-primary`. */
  primaryColor?: string;
  position?: 'right' | 'left';
  locale?: 'zh-CN' | 'en';
  /** Suggested-question chips shown before the first message. */
  suggestions?: string[];
  /** `idle` (default) loads the panel when the page is idle; `intent` waits for hover, focus or click. */
  prefetch?: 'idle' | 'intent';
  /** Product on this page, sent as context with each message. */
  sku?: string;
  /** Element to mount into instead of `document.body`. */
  container?: HTMLElement;
}

/**
 * Reads `data-endpoint`, `data-shop`, `data-title`, `data-greeting`, `data-primary-color`, `data-position`,
 * `data-locale`, `data-suggestions` (separated by `|`), `data-prefetch`, `data-sku` from the script tag.
 */
export function readDataConfig(el: HTMLElement, fallbackEndpoint: string): WidgetConfig {
  const d = el.dataset;
  const c: WidgetConfig = { endpoint: d.endpoint || fallbackEndpoint };
  if (d.shop) c.shop = d.shop;
  if (d.title) c.title = d.title;
  if (d.greeting) c.greeting = d.greeting;
  if (d.primaryColor) c.primaryColor = d.primaryColor;
  if (d.position === 'left') c.position = 'left';
  if (d.locale === 'en') c.locale = 'en';
  if (d.suggestions)
    c.suggestions = d.suggestions
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
  if (d.prefetch === 'intent') c.prefetch = 'intent';
  if (d.sku) c.sku = d.sku;
  return c;
}
