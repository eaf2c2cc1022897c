/**
 * On small screens the panel is full screen; when the on-screen keyboard opens, mobile browsers shrink the visual
 * viewport but not the layout viewport, so a `position: fixed; bottom: 0` input ends up under the keyboard. This keeps
 * the panel exactly over the visual viewport (CSSOM writes, allowed under a strict CSP). Returns a stop function.
 */
export function followVisualViewport(panel: HTMLElement): () => void {
  const vv = globalThis.visualViewport;
  const small = matchMedia('(max-width: 479px)');
  if (!vv) return () => {};
  const update = () => {
    if (!small.matches) {
      panel.style.removeProperty('height');
      panel.style.removeProperty('top');
      return;
    }
    panel.style.height = `${vv.height}px`;
    panel.style.top = `${vv.offsetTop}px`;
  };
  update();
  vv.addEventListener('resize', update);
  vv.addEventListener('scroll', update);
  small.addEventListener('change', update);
  return () => {
    vv.removeEventListener('resize', update);
    vv.removeEventListener('scroll', update);
    small.removeEventListener('change', update);
  };
}
