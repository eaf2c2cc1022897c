/**
 * Panel styles (constructable stylesheet, see launcher-css.ts). Theme through custom properties set on the host
 * element or by the page: `xiaoer-chat { --xiaoer-primary: #0f766e; --xiaoer-radius: 12px }`.
 */
export const PANEL_CSS = `
.p{--r:var(--xiaoer-radius,16px);--bg:var(--xiaoer-bg,#fff);--fg:var(--xiaoer-fg,#1f2328);--mu:var(--xiaoer-muted,#5f6673);--line:var(--xiaoer-line,#e8e3dc);--soft:var(--xiaoer-soft,#f6f3ef);--pr:var(--xiaoer-primary);--on:var(--xiaoer-on-primary);
position:fixed;right:20px;bottom:88px;z-index:2147483000;width:380px;height:min(620px,calc(100vh - 112px));display:flex;flex-direction:column;background:var(--bg);color:var(--fg);border-radius:var(--r);box-shadow:0 16px 48px rgba(15,23,42,.22),0 2px 6px rgba(15,23,42,.08);overflow:hidden;
font:14px/1.6 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;text-align:left;letter-spacing:normal;animation:in .18s ease-out}
.p[hidden]{display:none}
:host([data-left]) .p{right:auto;left:20px}
@keyframes in{from{opacity:0;transform:translateY(8px)}}
@media (prefers-reduced-motion:reduce){.p,.dot i{animation:none!important}}
.h{display:flex;align-items:center;gap:10px;padding:12px 12px 12px 16px;background:var(--pr);color:var(--on)}
.av{width:34px;height:34px;border-radius:50%;background:rgba(255,255,255,.22);display:grid;place-items:center;font-weight:600;flex:none}
.ht{flex:1;min-width:0}.ht h2{margin:0;font-size:15px;font-weight:600;line-height:1.3}.ht p{margin:0;font-size:12px;line-height:1.3}
.ib{border:0;background:transparent;color:inherit;width:34px;height:34px;border-radius:8px;cursor:pointer;display:grid;place-items:center;padding:0;font:inherit}
.ib:hover{background:rgba(255,255,255,.16)}.ib svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}
button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.log{flex:1;overflow-y:auto;padding:16px 14px 8px;display:flex;flex-direction:column;gap:12px;background:var(--soft);overscroll-behavior:contain}
.row{display:flex;flex-direction:column;align-items:flex-start;max-width:100%}.row.me{align-items:flex-end}
.b{max-width:86%;padding:9px 13px;border-radius:14px 14px 14px 4px;background:var(--bg);border:1px solid var(--line);word-wrap:break-word;overflow-wrap:anywhere}
.me .b{background:var(--pr);color:var(--on);border-color:transparent;border-radius:14px 14px 4px 14px;white-space:pre-wrap}
.b p{margin:0}.b p+p,.b ul,.b ol{margin:6px 0 0}.b ul,.b ol{padding-left:20px}.b li+li{margin-top:2px}
.b code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;background:var(--soft);padding:1px 4px;border-radius:4px}
.b a{color:var(--pr);text-decoration:underline}
.meta{font-size:12px;color:var(--mu);margin-top:4px;display:flex;align-items:center;gap:6px;flex-wrap:wrap}
.err{color:#b42318}
.lk{border:0;background:none;color:var(--pr);font:inherit;font-size:12px;cursor:pointer;padding:2px 4px;border-radius:4px;text-decoration:underline}
.src{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 0;padding:0;list-style:none;max-width:86%}
.src li{font-size:12px;color:var(--mu);background:var(--bg);border:1px solid var(--line);border-radius:999px;padding:1px 9px}
.card{display:flex;gap:10px;align-items:center;margin-top:6px;padding:8px 10px;border:1px solid var(--line);border-radius:12px;background:var(--bg);max-width:86%}
.card i{width:36px;height:36px;border-radius:8px;background:var(--soft);display:grid;place-items:center;font-style:normal;color:var(--pr);flex:none}
.card svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:1.8;stroke-linejoin:round}
.card b{display:block;font-size:13px;font-weight:600}.card small{color:var(--mu);font-size:12px}
.ho{margin-top:6px;max-width:86%;padding:10px 12px;border-radius:12px;background:#fff7ed;border:1px solid #fed7aa;color:#7c2d12;font-size:13px}
.ho strong{display:block;font-weight:600}.ho span{display:block;opacity:.9}
.fb{display:flex;gap:2px;margin-top:2px}
.fb button{border:0;background:none;color:var(--mu);width:28px;height:28px;border-radius:6px;cursor:pointer;display:grid;place-items:center;padding:0}
.fb button:hover{background:var(--bg)}.fb button[aria-pressed=true]{color:var(--pr)}
.fb svg{width:16px;height:16px;fill:none;stroke:currentColor;stroke-width:2;stroke-linejoin:round}
.dot{display:inline-flex;gap:4px;padding:4px 0}.dot i{width:6px;height:6px;border-radius:50%;background:var(--mu);animation:bl 1.2s infinite}
.dot i:nth-child(2){animation-delay:.2s}.dot i:nth-child(3){animation-delay:.4s}
@keyframes bl{0%,80%,100%{opacity:.25}40%{opacity:1}}
.chips{display:flex;flex-wrap:wrap;gap:8px}
.chips button{border:1px solid var(--pr);color:var(--pr);background:var(--bg);border-radius:999px;padding:5px 12px;font:inherit;font-size:13px;cursor:pointer}
.chips button:enabled:hover{background:var(--pr);color:var(--on)}
fieldset.chips{border:0;padding:0;margin:6px 0 0;min-width:0;max-width:86%}.chips button:disabled{opacity:.5;cursor:default}
.tid{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;user-select:all;-webkit-user-select:all}
.rate{align-self:center;text-align:center;font-size:12px;color:var(--mu);padding:4px 0}
.rate div{display:flex;gap:2px;justify-content:center}
.rate button{border:0;background:none;font-size:20px;line-height:1;color:var(--mu);cursor:pointer;padding:2px 3px;border-radius:4px}
.rate div:hover button{color:#b45309}.rate div button:hover~button{color:var(--mu)}
.f{display:flex;align-items:flex-end;gap:8px;padding:10px 12px calc(10px + env(safe-area-inset-bottom));border-top:1px solid var(--line);background:var(--bg)}
textarea{flex:1;resize:none;border:1px solid var(--line);border-radius:12px;padding:8px 12px;font:inherit;font-size:16px;line-height:1.5;max-height:120px;min-height:40px;box-sizing:border-box;color:var(--fg);background:var(--bg)}
textarea:focus{border-color:var(--pr);outline:none}
.sd{flex:none;width:40px;height:40px;border:0;border-radius:12px;background:var(--pr);color:var(--on);cursor:pointer;display:grid;place-items:center;padding:0}
.sd:disabled{opacity:.45;cursor:default}.sd svg{width:20px;height:20px;fill:currentColor}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:479px){.p{inset:0;width:auto;height:auto;right:0;bottom:0;border-radius:0;padding-top:env(safe-area-inset-top)}:host([data-left]) .p{left:0}.b{max-width:90%}}
`;
