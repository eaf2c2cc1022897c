// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PanelContext, PanelHandle, PanelModule } from '../embed/panel-contract.ts';
import { createLauncher } from './create-launcher.ts';

function fakePanel() {
  const contexts: PanelContext[] = [];
  const opens: boolean[] = [];
  const sent: string[] = [];
  const module: PanelModule = {
    mountPanel(ctx) {
      contexts.push(ctx);
      const handle: PanelHandle = {
        setOpen: (o) => void opens.push(o),
        send: (t) => void sent.push(t),
        reset() {},
        destroy() {},
      };
      return handle;
    },
  };
  const load = vi.fn(async () => module);
  return { load, contexts, opens, sent };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('createLauncher', () => {
  it('draws a labelled button in a shadow root and nothing else on the page', () => {
    const { load } = fakePanel();
    createLauncher({ endpoint: 'https://kefu.example.com', prefetch: 'intent' }, load);
    const host = document.querySelector('xiaoer-chat')!;
    expect(host.getAttribute('data-shop')).toBe('kefu.example.com');
    const button = host.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe('打开在线客服');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelectorAll('style, iframe')).toHaveLength(0);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the panel on first intent, mounts it on open and emits open/close', async () => {
    const { load, contexts, opens } = fakePanel();
    const w = createLauncher({ endpoint: 'https://k', prefetch: 'intent', locale: 'en' }, load);
    const events: string[] = [];
    w.on('open', () => events.push('open'));
    w.on('close', () => events.push('close'));
    const button = document.querySelector('xiaoer-chat')!.shadowRoot!.querySelector('button')!;
    button.dispatchEvent(new Event('pointerenter'));
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(contexts).toHaveLength(0); // prefetched, not mounted
    button.click();
    await flush();
    expect(contexts).toHaveLength(1);
    expect(opens).toEqual([true]);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-label')).toBe('Close chat');
    contexts[0]!.requestClose();
    expect(opens).toEqual([true, false]);
    expect(events).toEqual(['open', 'close']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps an identified customer in their own storage and forwards send()', async () => {
    const { load, contexts, sent } = fakePanel();
    const w = createLauncher({ endpoint: 'https://k', shop: 'lizi', prefetch: 'intent' }, load);
    w.identify({ userId: 'u42' });
    w.send('你好');
    await flush();
    expect(contexts[0]!.storageKey).toBe('xiaoer:lizi:u:u42');
    expect(sent).toEqual(['你好']);
  });

  it('retries a panel that failed to load on the next open', async () => {
    const { load } = fakePanel();
    const failing = vi.fn(async (): Promise<PanelModule> => {
      if (failing.mock.calls.length === 1) throw new Error('offline');
      return load();
    });
    const w = createLauncher({ endpoint: 'https://k', prefetch: 'intent' }, failing);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const button = document.querySelector('xiaoer-chat')!.shadowRoot!.querySelector('button')!;
    w.open();
    await flush();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    w.open();
    await flush();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('warns once and rejects nothing when send() and reset() cannot load the panel', async () => {
    const failing = vi.fn(async (): Promise<PanelModule> => {
      throw new Error('offline');
    });
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const w = createLauncher({ endpoint: 'https://k', prefetch: 'intent' }, failing);
      w.send('你好');
      w.reset();
      await flush();
      await flush();
      expect(unhandled).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(failing).toHaveBeenCalledTimes(1);
    } finally {
      process.off('unhandledRejection', unhandled);
      warn.mockRestore();
    }
  });
});
