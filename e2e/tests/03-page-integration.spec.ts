import { expect, type Page, test } from '@playwright/test';
import { PORTS } from '../playwright.config.ts';
import { axeViolations, resetFakeModel, widget } from '../support/widget-page.ts';

test.beforeEach(resetFakeModel);

async function answered(page: Page) {
  const w = widget(page);
  await w.ask('几点之前付款当天能发货?');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  return w;
}

test('accessibility: labelled launcher, dialog with focus management, Esc returns focus, 0 axe violations', async ({
  page,
}) => {
  await page.goto('/');
  const w = widget(page);
  await expect(w.launcher).toHaveAccessibleName('打开在线客服');
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
  // Keyboard only: Tab to the launcher, Enter opens, focus lands in the input.
  await w.launcher.focus();
  await page.keyboard.press('Enter');
  await expect(w.dialog).toBeVisible();
  await expect(w.dialog).toHaveAccessibleName('栗子小铺客服');
  await expect(w.input).toBeFocused();
  await page.keyboard.type('几点之前付款当天能发货?');
  await page.keyboard.press('Enter');
  // The log is busy while a reply streams (screen readers wait) and announces the finished message once.
  await expect(w.log).toHaveAttribute('aria-busy', 'true');
  await expect(w.assistant.last()).toHaveAttribute('data-status', 'done');
  await expect(w.log).toHaveAttribute('aria-busy', 'false');
  await expect(w.log).toContainText('16:00前付款的订单当天发出');

  expect(await axeViolations(page)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(w.dialog).toBeHidden();
  await expect(w.launcher).toBeFocused();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
});

test('the CSP page (script-src/style-src self, no unsafe-inline, no eval) runs the widget with no violation', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|CSP violation|Refused/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(e.message));
  const response = await page.goto('/csp.html');
  expect(response?.headers()['content-security-policy']).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'",
  );
  await page.evaluate(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective}`),
    ),
  );
  const w = await answered(page);
  await expect(w.assistant.last()).toContainText('16:00');
  // The panel is styled (constructable stylesheets are allowed), not raw HTML.
  const bg = await w.host.locator('.h').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe('rgb(194, 65, 12)');
  expect(await page.locator('style').count()).toBe(0);
  expect(violations).toEqual([]);
});

test('host page CSS does not change the widget, and the widget adds no styles to the page', async ({
  page,
}) => {
  await page.goto('/');
  const buttonBefore = await page
    .locator('.buy .now')
    .evaluate((el) => getComputedStyle(el).font + getComputedStyle(el).letterSpacing);
  const w = await answered(page);
  const probe = () =>
    w.assistant
      .last()
      .locator('.b')
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.fontSize, s.color, s.lineHeight, s.letterSpacing, s.padding, s.backgroundColor].join('|');
      });
  const before = await probe();
  await page.addStyleTag({
    content: `* { font-size: 30px !important; color: red !important; letter-spacing: 9px !important; line-height: 4 !important; }
      div, p, button { padding: 40px !important; background: lime !important; }`,
  });
  expect(await probe()).toBe(before);
  await expect(w.input).toBeInViewport();
  await page.evaluate(() => {
    for (const s of document.querySelectorAll('style')) s.remove();
  });
  const buttonAfter = await page
    .locator('.buy .now')
    .evaluate((el) => getComputedStyle(el).font + getComputedStyle(el).letterSpacing);
  expect(buttonAfter).toBe(buttonBefore);
  expect(await page.evaluate(() => document.styleSheets.length)).toBe(1); // shop.css only
});

test('mobile: full screen, follows the visual viewport so the input stays visible, 16 px input font', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const w = widget(page);
  await w.launcher.click();
  const box = async () => {
    const b = await w.dialog.boundingBox();
    return b && [b.x, b.y, b.width, b.height].map(Math.round);
  };
  await expect.poll(box).toEqual([0, 0, 390, 844]);
  await expect(w.launcher).toBeHidden();
  expect(await w.input.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
  await answered(page);
  // An on-screen keyboard shrinks the visual viewport and leaves the layout viewport alone. Chromium on a desktop has
  // no keyboard; zooming in (page scale 2) shrinks the visual viewport the same way, to 422 px of 844.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
  await expect.poll(() => page.evaluate(() => visualViewport!.height)).toBe(422);
  await expect.poll(box).toEqual([0, 0, 390, 422]);
  const input = (await w.input.boundingBox())!;
  const vv = await page.evaluate(() => ({ top: visualViewport!.offsetTop, height: visualViewport!.height }));
  expect(input.y).toBeGreaterThanOrEqual(vv.top);
  expect(input.y + input.height).toBeLessThanOrEqual(vv.top + vv.height);
});

test('thumbs and the conversation rating are sent to the edge', async ({ page }) => {
  await page.goto('/');
  const w = await answered(page);
  const thumbs = page.waitForResponse((r) => r.url().endsWith('/v1/feedback'));
  await w.host.getByRole('button', { name: '没帮助' }).click();
  expect((await thumbs).status()).toBe(200);
  await expect(w.host.getByRole('button', { name: '没帮助' })).toHaveAttribute('aria-pressed', 'true');
  const score = page.waitForResponse((r) => r.url().endsWith('/v1/feedback'));
  await w.host.getByRole('button', { name: '5 星' }).click();
  const res = await score;
  expect(res.status()).toBe(200);
  expect(res.request().postDataJSON()).toMatchObject({ score: 5 });
  await expect(w.host.getByText('感谢您的评价！')).toBeVisible();
});

test('JS API: open, send, events; a second shop on the page keeps separate storage', async ({ page }) => {
  await page.goto('/');
  const result = await page.evaluate(async () => {
    type W = {
      open(): void;
      send(t: string): void;
      on(n: string, f: (d: unknown) => void): void;
      init(c: object): W;
    };
    const X = (window as unknown as { Xiaoer: W }).Xiaoer;
    const events: string[] = [];
    X.on('open', () => events.push('open'));
    const message = new Promise((resolve) => X.on('message', resolve));
    X.open();
    X.send('几点之前付款当天能发货?');
    await message;
    X.init({ shop: 'another-shop', position: 'left', locale: 'en', prefetch: 'intent' });
    return { events, keys: Object.keys(localStorage).sort() };
  });
  expect(result.events).toEqual(['open']);
  expect(result.keys).toEqual([`xiaoer:127.0.0.1:${PORTS.edge}:conversation`]);
  const second = page.locator('xiaoer-chat[data-shop="another-shop"]');
  await second.getByRole('button', { name: 'Open customer service chat' }).click();
  await expect(second.getByRole('dialog')).toBeVisible();
  await expect(second.locator('[data-role="customer"]')).toHaveCount(0);
  await expect(second.getByRole('textbox')).toHaveAttribute(
    'placeholder',
    'Type your question, Enter to send',
  );
});
