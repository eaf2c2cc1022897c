import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PORTS } from '../playwright.config.ts';

export const CONTROL = `http://127.0.0.1:${PORTS.control}/control`;

/** Changes the fake model's behaviour for the next requests (see support/start-fake-model.ts). */
export async function setFakeModel(options: Record<string, unknown>) {
  await fetch(`${CONTROL}/set`, { method: 'POST', body: JSON.stringify(options) });
}

export async function resetFakeModel() {
  await fetch(`${CONTROL}/reset`, { method: 'POST' });
}

export async function fakeModelRequests(): Promise<{ lastUserMessage: string; aborted: boolean }[]> {
  return (await fetch(`${CONTROL}/requests`)).json() as never;
}

/** Locators of the widget (Playwright's role locators pierce the open shadow root). */
export function widget(page: Page) {
  const host = page.locator('xiaoer-chat');
  return {
    host,
    launcher: host.getByRole('button', { name: /在线客服|chat/i }).first(),
    dialog: host.getByRole('dialog'),
    input: host.getByRole('textbox'),
    log: host.getByRole('log'),
    customer: host.locator('[data-role="customer"]'),
    assistant: host.locator('[data-role="assistant"]'),
    /** The customer bubbles' text alone (rows also hold a screen-reader-only speaker label). */
    customerText: host.locator('[data-role="customer"] .b'),
    async ask(text: string) {
      if (!(await this.dialog.isVisible())) await this.launcher.click();
      await this.input.fill(text);
      await this.input.press('Enter');
    },
  };
}

/**
 * Records every distinct text of the last assistant bubble as it changes, from inside the page (a MutationObserver on
 * the shadow root), so a test can tell a streamed answer from one that appeared at once.
 */
export async function recordAssistantText(page: Page) {
  await page.evaluate(() => {
    const root = document.querySelector('xiaoer-chat')!.shadowRoot!;
    const seen: string[] = [];
    (window as unknown as { __xeSeen: string[] }).__xeSeen = seen;
    new MutationObserver(() => {
      const all = root.querySelectorAll('[data-role="assistant"] .b');
      const text = all[all.length - 1]?.textContent ?? '';
      if (text && text !== seen.at(-1)) seen.push(text);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __xeSeen: string[] }).__xeSeen);
}

/** All text of the page including the widget's shadow root. */
export function allText(page: Page) {
  return page.evaluate(
    () => document.body.textContent + (document.querySelector('xiaoer-chat')?.shadowRoot?.textContent ?? ''),
  );
}

/** axe-core's violations inside the widget, one `rule-id: offending html` line each (an empty list passes). */
export async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include('xiaoer-chat').analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`);
}
