/**
 * Launcher styles, applied through a constructable stylesheet (no <style> element, so `style-src 'self'` works).
 * `:host { all: initial }` keeps the page's inherited styles (font, colour, line-height) out of the widget.
 */
export const LAUNCHER_CSS = `:host{all:initial;--xiaoer-primary:#c2410c;--xiaoer-on-primary:#fff}
.l{position:fixed;bottom:max(20px,env(safe-area-inset-bottom));right:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--xiaoer-primary);color:var(--xiaoer-on-primary);box-shadow:0 6px 20px rgba(0,0,0,.22);cursor:pointer;display:grid;place-items:center;padding:0;transition:transform .15s}
.l:hover{transform:scale(1.06)}.l:focus-visible{outline:3px solid #1d4ed8;outline-offset:3px}
.l svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
:host([data-left]) .l{right:auto;left:20px}
:host([data-open]) .l{transform:scale(.9)}
@media (max-width:479px){:host([data-open]) .l{display:none}}
@media (prefers-reduced-motion:reduce){.l{transition:none}}`;
